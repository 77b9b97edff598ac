import { z } from 'zod';
import { dataNoticeSchema, periodSchema } from '../api/contract.ts';
import type { Area, Period } from '../indicators/engine.ts';

// The published form of counts, shares and statistics in the analytics and insight responses,
// and the disclosure rule they state (written once here; exports quote it). Response shapes:
// they move to the root contract/ folder with issue 18.

const suppressionReason = z.enum(['primary', 'secondary']).nullable();

/** A count of people, plans, budgets or comments after disclosure control. */
export const countCellSchema = z.object({
  value: z.number().int().min(0).nullable(),
  suppressed: z.boolean(),
  symbol: z.literal('c').nullable(),
  suppression_reason: suppressionReason,
});
export type CountCell = z.infer<typeof countCellSchema>;

/** numerator / denominator as a percentage (0-100); hidden when either count is suppressed. */
export const shareCellSchema = z.object({
  numerator: z.number().int().min(0).nullable(),
  denominator: z.number().int().min(0).nullable(),
  value: z.number().min(0).max(100).nullable(),
  suppressed: z.boolean(),
  /** c: suppressed; x: cannot be computed (denominator 0). */
  symbol: z.enum(['c', 'x']).nullable(),
  suppression_reason: suppressionReason,
});
export type ShareCell = z.infer<typeof shareCellSchema>;

/** A statistic (mean, quartile, total) over the items of a count; hidden when that count is. */
export const statCellSchema = z.object({
  value: z.number().nullable(),
  suppressed: z.boolean(),
  symbol: z.enum(['c', 'x']).nullable(),
});
export type StatCell = z.infer<typeof statCellSchema>;

export const areaRefSchema = z.object({
  area_code: z.string(),
  area_name: z.string(),
  area_type: z.enum(['la', 'locality']),
  parent_code: z.string().nullable(),
});

export const disclosureSchema = z.object({
  threshold: z.number().int().min(0),
  rule: z.string(),
});

/** The parts every insight response starts with. */
export const insightEnvelope = {
  data: dataNoticeSchema,
  area: areaRefSchema,
  period: periodSchema,
  disclosure: disclosureSchema,
};

export const disclosureRule = (threshold: number): string =>
  threshold === 0
    ? 'No suppression (threshold 0).'
    : `Counts from 1 to ${threshold} are suppressed (symbol c), with secondary suppression so that no suppressed count can be worked out from a total, the other cells of its breakdown, or an LA and its other localities. Shares, means, quartiles and totals are hidden with the counts they rest on.`;

/** The start of a snapshot insight view (budgets, transitions): where, when, the rule and the definitions. */
export const snapshotHeader = <D extends Record<string, string>>(area: Area, period: Period, threshold: number, definitions: D) => ({
  area,
  period,
  disclosure: { threshold, rule: disclosureRule(threshold) },
  snapshot_date: period.end_date,
  definitions,
});

