import * as z from 'zod/mini';
import { areaCode, areaSchema, dataNoticeSchema, periodLabel, periodSchema } from './common.ts';
import { ageBands, commissionerTypes, vocabularies } from './vocabularies.ts';

// Request and response shapes of the commissioning analytics endpoints:
//   GET /api/analytics/journey?area=&period=
//   GET /api/analytics/provision-gaps?period=
//   GET /api/workload?caseload=&years=&weeks_per_year=&plans_per_coordinator_per_quarter=
//   GET /api/workload/defaults?area=&period=

/**
 * One published figure. `symbol` follows the DfE convention: 'c' = suppressed by disclosure
 * control (value null), 'x' = cannot be computed (no cases, no capacity; value null).
 */
export const valueSchema = z.object({
  value: z.nullable(z.number()),
  symbol: z.nullable(z.enum(['c', 'x'])),
});
export type Value = z.infer<typeof valueSchema>;

/** Age bands of a table: the five bands, 'unknown' (outside 0-25) when present, and 'all'. */
export const ageBandLabel = z.string().check(z.regex(/^(0-4|5-10|11-15|16-19|20-25|unknown|all)$/));

const quartiles = { q1: valueSchema, median: valueSchema, q3: valueSchema };
const quartilesSchema = z.object(quartiles);

// ---------------------------------------------------------------------------------------------
// Journey: request -> assessment -> plan -> annual reviews -> cease

export const journeyQuerySchema = z.strictObject({
  area: z.optional(areaCode),
  period: z.optional(periodLabel),
});
export type JourneyQuery = z.infer<typeof journeyQuerySchema>;

export const journeyStepIds = ['request', 'assessment', 'plan', 'annual_review', 'cease'] as const;
export type JourneyStepId = (typeof journeyStepIds)[number];

export const journeyStepSchema = z.object({
  step: z.enum(journeyStepIds),
  label: z.string(),
  /** What puts a child into this step in the period. */
  entered: z.string(),
  /** Distinct children who entered the step in the period. */
  children: valueSchema,
  /** Completed times at the step, in weeks, over exits dated in the period (n = exits). */
  time: z.object({ ...quartiles, measure: z.string(), n: valueSchema }),
});
export type JourneyStep = z.infer<typeof journeyStepSchema>;

export const waitingRowSchema = z.object({
  age_band: ageBandLabel,
  open_requests: valueSchema,
  past_6_weeks_no_assessment_decision: valueSchema,
  past_20_weeks_no_plan_decision: valueSchema,
});
export type WaitingRow = z.infer<typeof waitingRowSchema>;

export const overlapIds = ['cna_disability_no_ehc', 'social_care_plan_no_cna', 'cna_budget_no_plan', 'integrated_budget'] as const;
export type OverlapId = (typeof overlapIds)[number];

export const overlapRowSchema = z.object({
  measure: z.enum(overlapIds),
  label: z.string(),
  definition: z.string(),
  /** Children with the combination. */
  children: valueSchema,
  /** The group they are counted out of (`of_label`). */
  of: valueSchema,
  of_label: z.string(),
});
export type OverlapRow = z.infer<typeof overlapRowSchema>;

export const journeyResponseSchema = z.object({
  data: dataNoticeSchema,
  area: areaSchema,
  period: periodSchema,
  /** Counts from 1 to this are suppressed. */
  threshold: z.int(),
  steps: z.array(journeyStepSchema),
  waiting: z.object({
    /** Waits are counted at the extract date, whatever the period. */
    as_at: z.string(),
    definition: z.string(),
    rows: z.array(waitingRowSchema),
  }),
  overlap: z.array(overlapRowSchema),
  notes: z.array(z.string()),
});
export type JourneyResponse = z.infer<typeof journeyResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Provision gaps

export const provisionGapsQuerySchema = z.strictObject({ period: z.optional(periodLabel) });
export type ProvisionGapsQuery = z.infer<typeof provisionGapsQuerySchema>;

export const provisionCategories = vocabularies.provision_category;

export const commissionerSchema = z.object({ code: z.string(), type: z.enum(commissionerTypes) });
export type Commissioner = z.infer<typeof commissionerSchema>;

const category = z.enum(provisionCategories);

/** The four figures of a provision-gap cell or category, each a published value. */
const demandAndCapacity = {
  /** Children with a line of the category in force in an active plan at the period end. */
  demand: valueSchema,
  /** Local Offer places per year apportioned by population (see `method`). */
  capacity: valueSchema,
  /** demand - capacity: positive = more children than places. */
  gap: valueSchema,
  /** demand / capacity. */
  ratio: valueSchema,
};

export const gridCellSchema = z.object({
  category,
  area_code: z.string(),
  area_name: z.string(),
  area_type: z.enum(['england', 'region', 'icb', 'la', 'locality']),
  age_band: ageBandLabel,
  ...demandAndCapacity,
});
export type GridCell = z.infer<typeof gridCellSchema>;

export const categorySummarySchema = z.object({
  category,
  ...demandAndCapacity,
  /** Active Local Offer services of the category, and their places per year (null if none stated). */
  services: z.int(),
  places_listed: z.nullable(z.number()),
  /** Places of services whose reach has no population to share them over (not in `capacity`). */
  places_unapportioned: z.number(),
  /** Who commissions the category's provision lines, most children first. */
  commissioners: z.array(commissionerSchema),
});
export type CategorySummary = z.infer<typeof categorySummarySchema>;

export const largestGapSchema = z.object({
  rank: z.int(),
  category,
  area_code: z.string(),
  area_name: z.string(),
  age_band: ageBandLabel,
  demand: z.number(),
  capacity: z.number(),
  gap: z.number(),
  ratio: z.nullable(z.number()),
  commissioners: z.array(commissionerSchema),
});
export type LargestGap = z.infer<typeof largestGapSchema>;

export const commissioningRowSchema = z.object({
  category: z.union([category, z.literal('all')]),
  commissioner: z.string(),
  commissioner_type: z.union([z.enum(commissionerTypes), z.literal('all')]),
  children_with_provision: valueSchema,
  children_waiting: valueSchema,
  waiting_weeks: quartilesSchema,
  children_started: valueSchema,
  started_wait_weeks: quartilesSchema,
});
export type CommissioningRow = z.infer<typeof commissioningRowSchema>;

export const ageCoverageRowSchema = z.object({
  category,
  age_band: z.enum(ageBands),
  /** From the directory: active services of the category open to none, some or all ages of the band. */
  coverage: z.enum(['none', 'partial', 'full']),
  ages_not_covered: z.array(z.int()),
  services_open: z.int(),
  /** Demand in the band (the LA cell of the grid). */
  children: valueSchema,
});
export type AgeCoverageRow = z.infer<typeof ageCoverageRowSchema>;

export const crossTabCellSchema = z.object({
  setting_type: z.string(),
  primary_need: z.string(),
  plans: valueSchema,
});
export type CrossTabCell = z.infer<typeof crossTabCellSchema>;

const crossTabSchema = z.object({ definition: z.string(), cells: z.array(crossTabCellSchema) });

export const provisionGapsResponseSchema = z.object({
  data: dataNoticeSchema,
  la: areaSchema,
  period: periodSchema,
  threshold: z.int(),
  method: z.object({
    demand: z.string(),
    capacity: z.string(),
    apportionment: z.literal('population'),
    apportionment_reason: z.string(),
    gap: z.string(),
    ratio: z.string(),
    commissioner_type: z.string(),
    largest_gaps: z.string(),
  }),
  localities: z.array(areaSchema),
  age_bands: z.array(ageBandLabel),
  /** Every category, largest published LA gap first. */
  categories: z.array(categorySummarySchema),
  /** Locality x age band cells with a published positive gap, largest first. */
  largest_gaps: z.array(largestGapSchema),
  /** The heat map and the table behind it: category x (LA and localities) x (age bands and 'all'). */
  grid: z.array(gridCellSchema),
  commissioning: z.object({ definition: z.string(), rows: z.array(commissioningRowSchema) }),
  age_coverage: z.object({
    definition: z.string(),
    rows: z.array(ageCoverageRowSchema),
    /** Rows whose band is not fully covered and whose demand is not a published zero. */
    gaps: z.array(ageCoverageRowSchema),
  }),
  placements: z.object({
    active_plans: valueSchema,
    /**
     * The share placed out of area: the out-of-area-placements indicator's own row (one
     * definition, one SQL source): plans placed outside the LA of the plans whose setting's
     * location is recorded, so the same figure as the indicator, Overview and board pack.
     */
    out_of_area_share: z.object({
      numerator: valueSchema,
      denominator: valueSchema,
      value: z.nullable(z.number()),
      symbol: z.nullable(z.enum(['c', 'x'])),
    }),
    out_of_area: crossTabSchema,
    independent: crossTabSchema,
  }),
});
export type ProvisionGapsResponse = z.infer<typeof provisionGapsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Workload planner

const positiveNumber = (max: number) =>
  z.pipe(
    z.pipe(z.string().check(z.trim(), z.regex(/^\d+(\.\d+)?$/, 'must be a positive number such as 12 or 12.5')), z.transform(Number)),
    z.number().check(z.positive('must be greater than 0'), z.maximum(max, `must be at most ${max}`)),
  );

export const workloadLimits = {
  caseload: 100_000,
  years: 25,
  weeks_per_year: 53,
  plans_per_coordinator_per_quarter: 500,
} as const;

export const workloadQuerySchema = z.strictObject({
  caseload: positiveNumber(workloadLimits.caseload),
  years: positiveNumber(workloadLimits.years),
  weeks_per_year: positiveNumber(workloadLimits.weeks_per_year),
  plans_per_coordinator_per_quarter: positiveNumber(workloadLimits.plans_per_coordinator_per_quarter),
});
export type WorkloadQuery = z.output<typeof workloadQuerySchema>;

/** The planner's area and year: the caseload is counted there (default: the extract's LA, latest complete year). */
export const workloadDefaultsQuerySchema = z.strictObject({ area: z.optional(areaCode), period: z.optional(periodLabel) });

const positive = z.number().check(z.positive());
export const workloadInputsSchema = z.object({
  caseload: positive,
  years: positive,
  weeks_per_year: positive,
  plans_per_coordinator_per_quarter: positive,
});

export const workloadResponseSchema = z.object({
  inputs: workloadInputsSchema,
  per_year: z.number(),
  per_week: z.number(),
  coordinators_fte: z.number(),
  method: z.string(),
});
export type WorkloadResponse = z.infer<typeof workloadResponseSchema>;

export const workloadDefaultsResponseSchema = z.object({
  data: dataNoticeSchema,
  /** The period whose last day the caseload is counted on. */
  period: periodSchema,
  defaults: z.object({
    caseload: z.nullable(z.number()),
    years: z.number(),
    weeks_per_year: z.number(),
    plans_per_coordinator_per_quarter: z.number(),
  }),
  symbols: z.object({ caseload: z.nullable(z.enum(['c', 'x'])) }),
  reasons: z.object({
    caseload: z.string(),
    years: z.string(),
    weeks_per_year: z.string(),
    plans_per_coordinator_per_quarter: z.string(),
  }),
});
export type WorkloadDefaultsResponse = z.infer<typeof workloadDefaultsResponseSchema>;
