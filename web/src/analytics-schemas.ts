import * as z from 'zod/mini';
import type {
  JourneyResponse,
  ProvisionGapsResponse,
  WorkloadDefaultsResponse,
  WorkloadResponse,
} from '../../server/analytics/contract.ts';
import type { BudgetsResponse } from '../../server/analytics/budgets-contract.ts';
import type { FeedbackThemesResponse } from '../../server/analytics/feedback-contract.ts';
import type { TransitionsResponse } from '../../server/analytics/transitions-contract.ts';
import type { ForecastResponse } from '../../server/forecast/contract.ts';
import { comparison } from './schemas.ts';

// zod/mini schemas for the commissioning analytics endpoints (journey, provision gaps, workload, forecast, feedback
// themes, personal budgets, transitions). They mirror the server's zod contracts; only types are imported from the
// server (its vocabularies would pull the extract spec into the bundle), so the code lists are repeated here and
// the checks at the end of the file fail `tsc` if any schema and its contract drift apart.

const provisionCategories = [
  'SALT', 'OT', 'PHYSIO', 'CAMHS', 'COMMUNITY_NURSING', 'CONTINENCE', 'EQUIPMENT',
  'PALLIATIVE_CARE', 'SHORT_BREAKS', 'PERSONAL_CARE', 'SENSORY_SUPPORT',
  'EDUCATIONAL_PSYCHOLOGY', 'SPECIALIST_TEACHING', 'TEACHING_ASSISTANT', 'TRANSPORT', 'OTHER',
] as const;
const commissionerTypes = ['LA', 'ICB', 'unknown'] as const;
const ageBands = ['0-4', '5-10', '11-15', '16-19', '20-25'] as const;
const themeIds = ['waiting', 'communication', 'eligibility', 'information', 'staff', 'transport', 'transitions', 'other'] as const;
const budgetElements = ['EDUCATION', 'HEALTH', 'SOCIAL_CARE'] as const;
const budgetMechanisms = ['DIRECT_PAYMENT', 'THIRD_PARTY', 'ORGANISED_ARRANGEMENT', 'COMBINATION'] as const;
const ceaseReasons = [
  'NEEDS_MET', 'MOVED_LA', 'MOVED_OUT_OF_ENGLAND', 'HIGHER_EDUCATION', 'EMPLOYMENT',
  'ADULT_SERVICES', 'DISENGAGED', 'AGE_LIMIT', 'DECEASED', 'OTHER',
] as const;
const transitionBreakdowns = ['age_band', 'age'] as const;
const forecastBreakdowns = ['all', 'age_band', 'primary_need'] as const;
const periodTypes = ['calendar-year', 'financial-year'] as const;

const dataNotice = z.object({
  synthetic: z.boolean(),
  data_version: z.int(),
  extract_date: z.nullable(z.string()),
  la_code: z.nullable(z.string()),
});
const area = z.object({
  area_code: z.string(),
  area_name: z.string(),
  area_type: z.enum(['la', 'locality']),
  parent_code: z.nullable(z.string()),
});
const period = z.object({ period: z.string(), period_type: z.enum(periodTypes), start_date: z.string(), end_date: z.string(), complete: z.boolean() });

// --- journey, provision gaps, workload ------------------------------------------------------------------------

/** A published figure of the analytics endpoints: `c` suppressed, `x` nothing to compute (value null). */
const value = z.object({ value: z.nullable(z.number()), symbol: z.nullable(z.enum(['c', 'x'])) });
const quartiles = { q1: value, median: value, q3: value };
const category = z.enum(provisionCategories);
const commissioner = z.object({ code: z.string(), type: z.enum(commissionerTypes) });

export const journeyResponse = z.object({
  data: dataNotice,
  area,
  period,
  threshold: z.int(),
  steps: z.array(
    z.object({
      step: z.enum(['request', 'assessment', 'plan', 'annual_review', 'cease']),
      label: z.string(),
      entered: z.string(),
      children: value,
      time: z.object({ ...quartiles, measure: z.string(), n: value }),
    }),
  ),
  waiting: z.object({
    as_at: z.string(),
    definition: z.string(),
    rows: z.array(
      z.object({
        age_band: z.string(),
        open_requests: value,
        past_6_weeks_no_assessment_decision: value,
        past_20_weeks_no_plan_decision: value,
      }),
    ),
  }),
  overlap: z.array(
    z.object({
      measure: z.enum(['cna_disability_no_ehc', 'social_care_plan_no_cna', 'cna_budget_no_plan', 'integrated_budget']),
      label: z.string(),
      definition: z.string(),
      children: value,
      of: value,
      of_label: z.string(),
    }),
  ),
  notes: z.array(z.string()),
});

const ageCoverageRow = z.object({
  category,
  age_band: z.enum(ageBands),
  coverage: z.enum(['none', 'partial', 'full']),
  ages_not_covered: z.array(z.int()),
  services_open: z.int(),
  children: value,
});
const crossTab = z.object({ definition: z.string(), cells: z.array(z.object({ setting_type: z.string(), primary_need: z.string(), plans: value })) });

export const provisionGapsResponse = z.object({
  data: dataNotice,
  la: area,
  period,
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
  localities: z.array(area),
  age_bands: z.array(z.string()),
  categories: z.array(
    z.object({
      category,
      demand: value,
      capacity: value,
      gap: value,
      ratio: value,
      services: z.int(),
      places_listed: z.nullable(z.number()),
      places_unapportioned: z.number(),
      commissioners: z.array(commissioner),
    }),
  ),
  largest_gaps: z.array(
    z.object({
      rank: z.int(),
      category,
      area_code: z.string(),
      area_name: z.string(),
      age_band: z.string(),
      demand: z.number(),
      capacity: z.number(),
      gap: z.number(),
      ratio: z.nullable(z.number()),
      commissioners: z.array(commissioner),
    }),
  ),
  grid: z.array(
    z.object({
      category,
      area_code: z.string(),
      area_name: z.string(),
      area_type: z.enum(['la', 'locality']),
      age_band: z.string(),
      demand: value,
      capacity: value,
      gap: value,
      ratio: value,
    }),
  ),
  commissioning: z.object({
    definition: z.string(),
    rows: z.array(
      z.object({
        category: z.union([category, z.literal('all')]),
        commissioner: z.string(),
        commissioner_type: z.union([z.enum(commissionerTypes), z.literal('all')]),
        children_with_provision: value,
        children_waiting: value,
        waiting_weeks: z.object(quartiles),
        children_started: value,
        started_wait_weeks: z.object(quartiles),
      }),
    ),
  }),
  age_coverage: z.object({ definition: z.string(), rows: z.array(ageCoverageRow), gaps: z.array(ageCoverageRow) }),
  placements: z.object({
    active_plans: value,
    out_of_area_share: z.object({ numerator: value, denominator: value, value: z.nullable(z.number()), symbol: z.nullable(z.enum(['c', 'x'])) }),
    out_of_area: crossTab,
    independent: crossTab,
  }),
});

const workloadInputs = z.object({
  caseload: z.number(),
  years: z.number(),
  weeks_per_year: z.number(),
  plans_per_coordinator_per_quarter: z.number(),
});
export const workloadResponse = z.object({
  inputs: workloadInputs,
  per_year: z.number(),
  per_week: z.number(),
  coordinators_fte: z.number(),
  method: z.string(),
});
export const workloadDefaultsResponse = z.object({
  data: dataNotice,
  period,
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

// --- feedback themes, personal budgets, transitions -------------------------------------------------------------

const suppressionReason = z.nullable(z.enum(['primary', 'secondary']));
/** A count after disclosure control. */
const countCell = z.object({ value: z.nullable(z.int()), suppressed: z.boolean(), symbol: z.nullable(z.literal('c')), suppression_reason: suppressionReason });
/** A percentage (0 to 100) with its counts. */
const shareCell = z.object({
  numerator: z.nullable(z.int()),
  denominator: z.nullable(z.int()),
  value: z.nullable(z.number()),
  suppressed: z.boolean(),
  symbol: z.nullable(z.enum(['c', 'x'])),
  suppression_reason: suppressionReason,
});
const statCell = z.object({ value: z.nullable(z.number()), suppressed: z.boolean(), symbol: z.nullable(z.enum(['c', 'x'])) });
const envelope = {
  data: dataNotice,
  area,
  period,
  disclosure: z.object({ threshold: z.int(), rule: z.string() }),
};

export const feedbackThemesResponse = z.object({
  ...envelope,
  query: z.object({ area: z.string(), period: z.string() }),
  method: z.object({ summary: z.string(), quotes: z.string(), min_comments_for_quotes: z.int() }),
  comments: countCell,
  themes: z.array(
    z.object({
      theme: z.enum(themeIds),
      label: z.string(),
      description: z.string(),
      comments: countCell,
      share: shareCell,
      rated: countCell,
      mean_rating: statCell,
      responses: z.object({ responded: shareCell, service_changed: shareCell, none: shareCell, not_recorded: shareCell }),
      categories: z.array(z.object({ category: z.string(), comments: shareCell })),
      trend: z.array(z.object({ period: z.string(), comments: countCell, share: shareCell })),
      quotes: z.array(z.string()),
    }),
  ),
});

const element = z.enum(budgetElements);
const mechanism = z.enum(budgetMechanisms);
export const budgetsResponse = z.object({
  ...envelope,
  query: z.object({ area: z.string(), period: z.string() }),
  snapshot_date: z.string(),
  definitions: z.record(z.string(), z.string()),
  take_up: z.object({
    active_plans: countCell,
    with_budget: shareCell,
    by_element: z.array(z.object({ element, plans: shareCell })),
    by_mechanism: z.array(z.object({ mechanism, plans: shareCell })),
    by_element_and_mechanism: z.array(z.object({ element, mechanism, plans: shareCell })),
  }),
  amounts: z.array(
    z.object({
      element: z.union([z.literal('all'), element]),
      budgets: countCell,
      with_amount: countCell,
      lower_quartile: statCell,
      median: statCell,
      upper_quartile: statCell,
      total: statCell,
    }),
  ),
  personal_health_budgets: z.object({ health_budgets: countCell, personal_health_budgets: shareCell }),
  sources: z.object({ budgets: countCell, from_plans: shareCell, from_cna_only: shareCell }),
});

export const transitionsResponse = z.object({
  ...envelope,
  query: z.object({ area: z.string(), period: z.string(), by: z.enum(transitionBreakdowns) }),
  snapshot_date: z.string(),
  definitions: z.record(z.string(), z.string()),
  preparing_for_adulthood: z.object({
    rows: z.array(
      z.object({
        group: z.string(),
        young_people: countCell,
        reviewed: shareCell,
        outcomes: z.object({ employment: shareCell, independent_living: shareCell, community: shareCell, health: shareCell }),
      }),
    ),
  }),
  care_act_transition_assessments: z.object({ turned_18: countCell, assessed_before_18: shareCell }),
  plans_ceased_19_to_25: z.object({
    plans: countCell,
    by_reason: z.array(z.object({ cease_reason: z.union([z.enum(ceaseReasons), z.literal('unknown')]), plans: shareCell })),
  }),
});

// --- forecast ---------------------------------------------------------------------------------------------------

const nullableNumber = z.nullable(z.number());
const forecastRow = z.object({
  area_code: z.string(),
  area_name: z.string(),
  period: z.string(),
  breakdown: z.string(),
  breakdown_value: z.string(),
  numerator: nullableNumber,
  denominator: nullableNumber,
  value: nullableNumber,
  lower_95: nullableNumber,
  upper_95: nullableNumber,
  lower_99_8: nullableNumber,
  upper_99_8: nullableNumber,
  suppressed: z.boolean(),
  symbol: z.nullable(z.enum(['c', 'x', 'z'])),
  suppression_reason: suppressionReason,
  rounded: z.optional(z.boolean()),
  comparisons: z.array(comparison),
  rank: z.nullable(z.object({ rank: z.int(), of: z.int(), quartile: z.int() })),
  kind: z.enum(['actual', 'projected']),
});

export const forecastResponse = z.object({
  data: dataNotice,
  query: z.object({ area: z.string(), by: z.enum(forecastBreakdowns) }),
  area,
  method: z.string(),
  model: z.object({
    jump_off_year: z.nullable(z.string()),
    projected_years: z.array(z.string()),
    fit_years: z.array(z.string()),
    population_growth: z.number(),
    joining_year_spread: z.number(),
    leaving_year_spread: z.number(),
    joining_ratio: nullableNumber,
    leaving_ratio: nullableNumber,
    simulations: z.int(),
    seed: z.int(),
  }),
  projection: z.array(forecastRow),
  rates: z.array(
    z.object({
      age: z.int(),
      age_band: z.string(),
      population: nullableNumber,
      joining_rate: nullableNumber,
      leaving_rate: nullableNumber,
      joining_suppressed: z.boolean(),
      leaving_suppressed: z.boolean(),
    }),
  ),
  backtest: z.object({
    available: z.boolean(),
    note: z.nullable(z.string()),
    fitted_to: z.nullable(z.string()),
    fit_years: z.array(z.string()),
    predicted_years: z.array(z.string()),
    rows: z.array(
      z.object({
        period: z.string(),
        breakdown: z.enum(['all', 'age_band']),
        breakdown_value: z.string(),
        actual: nullableNumber,
        predicted: z.number(),
        error: nullableNumber,
        percent_error: nullableNumber,
        lower_95: z.number(),
        upper_95: z.number(),
        lower_99_8: z.number(),
        upper_99_8: z.number(),
        within_95: z.nullable(z.boolean()),
        within_99_8: z.nullable(z.boolean()),
        suppressed: z.boolean(),
      }),
    ),
    summary: z.array(
      z.object({ breakdown: z.enum(['all', 'age_band']), breakdown_value: z.string(), mape: nullableNumber, mean_error: nullableNumber }),
    ),
  }),
  calibration: z.nullable(
    z.object({
      origins: z.array(z.string()),
      predictions: z.int(),
      inside_95: z.int(),
      inside_99_8: z.int(),
      mape: nullableNumber,
      mape_no_change: nullableNumber,
      mape_linear_trend: nullableNumber,
    }),
  ),
});

/** The figure types the pages work with. */
export type AnalyticsValue = z.infer<typeof value>;
export type CountCell = z.infer<typeof countCell>;
export type ShareCell = z.infer<typeof shareCell>;
export type StatCell = z.infer<typeof statCell>;

// Compile-time proof that the browser's schemas produce exactly the server contracts' types.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type AnalyticsContractChecks = [
  Assert<Equal<z.infer<typeof journeyResponse>, JourneyResponse>>,
  Assert<Equal<z.infer<typeof provisionGapsResponse>, ProvisionGapsResponse>>,
  Assert<Equal<z.infer<typeof workloadResponse>, WorkloadResponse>>,
  Assert<Equal<z.infer<typeof workloadDefaultsResponse>, WorkloadDefaultsResponse>>,
  Assert<Equal<z.infer<typeof feedbackThemesResponse>, FeedbackThemesResponse>>,
  Assert<Equal<z.infer<typeof budgetsResponse>, BudgetsResponse>>,
  Assert<Equal<z.infer<typeof transitionsResponse>, TransitionsResponse>>,
  Assert<Equal<z.infer<typeof forecastResponse>, ForecastResponse>>,
];
