import type { Code } from '../../contract/vocabularies.ts';
import { day, firstOfMonth, monthIndex } from './dates.ts';
import type { Locality } from './localities.ts';
import type { AreaParams, EnglandParams } from './params.ts';

// The in-memory model of one LA's cohort. Dates are day numbers (dates.ts); a birth month
// is a month index. Ages use the first day of the birth month, the convention that keeps
// a person 0-25 whichever day of the month ingest assumes.

export type Sex = Code<'sex'>;
export type CeaseReason = Code<'cease_reason'> | 'NOT_RECORDED';

export interface LaContext {
  laCode: string;
  laIndex: number;
  la: AreaParams;
  england: EnglandParams;
  seed: number;
  /** Multiplier on every count (1 = the LA's published size). */
  scale: number;
  /** Calendar years of history, oldest first. */
  years: number[];
  flowYears: number[];
  snapshotYears: number[];
  periodStart: number;
  periodEnd: number;
  extractDate: number;
  localities: Locality[];
  icbCode: string;
  postcodeArea: string;
  /** Children wanted in total (--children), or undefined for the LA's own size. */
  targetChildren: number | undefined;
}

export interface Request {
  id: string;
  received: number;
  source: Code<'request_source'>;
  decision: Code<'assessment_decision'>;
  decisionDate: number | null;
  planDecision: Code<'plan_decision'> | null;
  planDecisionDate: number | null;
  exception: boolean | null;
}

export interface Plan {
  id: string;
  child: Child;
  request: Request | null;
  start: number;
  end: number | null;
  reason: CeaseReason | null;
  need: number;
  need2: number | null;
  /** Index into SETTINGS, or null when the placement is not recorded. */
  setting: number | null;
  inArea: boolean | null;
  fromStatement: boolean;
}

export type ChildKind = 'stock' | 'request' | 'move_in' | 'cna_only';

export interface Child {
  idx: number;
  id: string;
  kind: ChildKind;
  birthMonth: number;
  sex: Sex;
  ethnicity: number;
  locality: number;
  lsoa: string | null;
  continuingCare: boolean;
  requests: Request[];
  plan: Plan | null;
  /** Left the LA's records (moved away or died): no events after this day. */
  leftAt: number | null;
  /** For CNA-only children: when the first assessment starts. */
  cnaStart: number | null;
}

/** The value of a yearly series aligned with `years`; outside them, the nearest year's. */
export function seriesValue(series: readonly number[], years: readonly number[], year: number): number {
  const i = Math.min(Math.max(year - (years[0] ?? year), 0), series.length - 1);
  return series[i] ?? 0;
}

/** First day on which the child can have events (the month after birth). */
export const validFrom = (birthMonth: number): number => firstOfMonth(birthMonth + 1);
/** Last day on which the child is still 25. */
export const validTo = (birthMonth: number): number => firstOfMonth(birthMonth + 26 * 12) - 1;
export const ageAt = (birthMonth: number, d: number): number => Math.floor((monthIndex(d) - birthMonth) / 12);
/** The day the child turns `years` (first day of the birth month convention). */
export const birthday = (birthMonth: number, years: number): number => firstOfMonth(birthMonth + years * 12);

/** Plans cease at the end of the academic year in which the young person turns 25 (31 July). */
export function ageLimitCease(birthMonth: number): number {
  const year = Math.floor(birthMonth / 12);
  const month = birthMonth % 12; // 0 = January
  return day(year + 25 + (month >= 8 ? 1 : 0), 7, 31);
}
