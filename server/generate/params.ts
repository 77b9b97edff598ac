import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// Shape of data/reference/synthetic-params.json, written by derive-params.ts from the
// published DfE/ONS/MoJ files and read by the generator. Series are arrays aligned with
// `flowYears` (calendar years) or `snapshotYears` (January snapshots, 2025 = January 2025).

export const NEEDS = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH'] as const;
/** Setting codes as in the spec, plus UNKNOWN (placement not recorded: empty setting_type). */
export const SETTINGS = [
  'MAINSTREAM', 'RESOURCED_PROVISION', 'SPECIAL_MAINTAINED', 'SPECIAL_ACADEMY',
  'SPECIAL_NON_MAINTAINED', 'SPECIAL_INDEPENDENT', 'INDEPENDENT_MAINSTREAM',
  'ALTERNATIVE_PROVISION', 'EARLY_YEARS', 'FE_COLLEGE', 'POST16_OTHER', 'APPRENTICESHIP',
  'EHE', 'NEET', 'OTHER', 'UNKNOWN',
] as const;
/** DfE ceased-plan reasons in our codes; NOT_RECORDED becomes an empty cease_reason. */
export const CEASE_REASONS = [
  'AGE_LIMIT', 'NEEDS_MET', 'HIGHER_EDUCATION', 'EMPLOYMENT', 'MOVED_LA', 'DISENGAGED',
  'MOVED_OUT_OF_ENGLAND', 'DECEASED', 'OTHER', 'NOT_RECORDED',
] as const;
export const ETHNIC_GROUPS = ['WHITE', 'MIXED', 'ASIAN', 'BLACK', 'OTHER', 'UNKNOWN'] as const;
export const AGES = 26;

export type Need = (typeof NEEDS)[number];
export type Setting = (typeof SETTINGS)[number];
export type CeaseReasonCode = (typeof CEASE_REASONS)[number];

const share = z.number().min(0).max(1);
const count = z.number().int().min(0);
const vec = (n: number, item: z.ZodNumber = z.number().min(0)) => z.array(item).length(n);

export const areaParamsSchema = z.object({
  name: z.string(),
  oldCode: z.string(),
  region: z.string(),
  /** Active EHC plans in January of each snapshot year. */
  plansJan: z.array(count),
  /** Initial requests received in each calendar year. */
  requests: z.array(count),
  /** Requests refused assessment / requests received (as DfE publishes it). */
  refusedShare: z.array(share),
  requestWithdrawnShare: z.array(share),
  /** Assessment decisions made within 6 weeks / decisions made. */
  sixWeekShare: z.array(share),
  /** Assessments ending in a decision not to issue / issued + not issued. */
  notIssuedShare: z.array(share),
  assessWithdrawnShare: z.array(share),
  plansIssued: z.array(count),
  /** Plans issued within 20 weeks, excluding exceptions. */
  within20: z.array(share),
  /** Of plans issued after 20 weeks (excluding exceptions), share taking over a year. */
  over52OfLate: z.array(share),
  exceptionShare: z.array(share),
  /** SEND Tribunal appeals registered / total appealable decisions (MoJ). */
  appealRate: z.array(share),
  /** Ceased plans by reason, 2022-2024 pooled, in CEASE_REASONS order. */
  ceaseReasons: vec(CEASE_REASONS.length),
  needMix: vec(NEEDS.length, share),
  settingMix: vec(SETTINGS.length, share),
  /** Active plans by single year of age 0-25, January of the last snapshot. */
  ageProfile: vec(AGES, share),
  maleShare: share,
  sexUnknownShare: share,
  ethnicity: vec(ETHNIC_GROUPS.length, share),
  personalBudgets: z.object({
    takeUp: share,
    education: share,
    health: share,
    social: share,
    integrated: share,
    organised: share,
  }),
  reviews: z.object({ heldShare: share, amend: share, maintain: share, cease: share, noOutcome: share }),
  population: z.object({ F: vec(AGES, z.number().int().min(0)), M: vec(AGES, z.number().int().min(0)) }),
  /** Which values were missing or suppressed and filled from another year or from England. */
  imputed: z.array(z.string()),
});

export const englandParamsSchema = areaParamsSchema.extend({
  /** Primary need shares by age (rows 0-25). */
  needByAge: z.array(vec(NEEDS.length, share)).length(AGES),
  /** p(need | sex) / p(need), for F and M. */
  sexNeedLift: z.object({ F: vec(NEEDS.length), M: vec(NEEDS.length) }),
  /** Setting shares by age (rows 0-25), columns in SETTINGS order. */
  settingByAge: z.array(vec(SETTINGS.length, share)).length(AGES),
  /** p(need | setting) / p(need): rows SETTINGS, columns NEEDS. */
  needSettingLift: z.array(vec(NEEDS.length)).length(SETTINGS.length),
  requestAge: vec(AGES, share),
  /** Refusal odds by age relative to all ages (1 = average). */
  refusalRel: vec(AGES),
  newPlanAge: vec(AGES, share),
  /** Ceases other than at the age limit / active plans, by age. */
  ceaseHazard: vec(AGES),
  ceaseReasonByAge: z.array(vec(CEASE_REASONS.length, share)).length(AGES),
});

export const syntheticParamsSchema = z.object({
  description: z.string(),
  licence: z.string(),
  sources: z.array(z.string()),
  flowYears: z.array(z.number().int()),
  snapshotYears: z.array(z.number().int()),
  england: englandParamsSchema,
  las: z.record(z.string().regex(/^E(06|07|08|09|10)\d{6}$/), areaParamsSchema),
});

export type AreaParams = z.infer<typeof areaParamsSchema>;
export type EnglandParams = z.infer<typeof englandParamsSchema>;
export type SyntheticParams = z.infer<typeof syntheticParamsSchema>;

export const paramsPath = fileURLToPath(new URL('../../data/reference/synthetic-params.json', import.meta.url));

let cached: SyntheticParams | undefined;

export function loadParams(path = paramsPath): SyntheticParams {
  if (path === paramsPath && cached) return cached;
  const parsed = syntheticParamsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  if (path === paramsPath) cached = parsed;
  return parsed;
}
