// The relations an attacker knows, as data: one declaration per output field, read from the
// SQL in sql/indicators and sql/analytics. `population` names what a field counts, so two
// fields with the same population, area, date (snapshot) or period (flow), breakdown and
// value are the same number; the relation builder (relations.ts) turns these into equations.

/** How a count relates to its period. */
export type Timing =
  /** Counted on the period's last day: the same population on the same date in any output. */
  | 'snapshot'
  /** Events dated in the period: additive over months, so overlapping periods share pieces. */
  | 'flow'
  /** Counted in the period but not additive over it (a child's latest review in the year). */
  | 'period';

export interface FieldDeclaration {
  /** The population it counts, shared across outputs (e.g. active_plans); none = this output only. */
  population?: string;
  /** Counts the area's total whatever the row's breakdown (ehc-plans-by-need's denominator). */
  total?: boolean;
  timing: Timing;
  /** Breakdowns whose values add up to the total ('all' row) of the same field. */
  additive?: readonly string[];
  /** Roll-ups: the values of breakdown `from` add up to a value of breakdown `to`. */
  rollups?: readonly { from: string; to: string; parent: (value: string) => string | null }[];
  /** The LA is its localities plus a remainder nobody publishes (children with no locality, LA-wide services). */
  localities?: boolean;
  /** A population estimate or other non-count: never a finding, never in a sum. */
  notCount?: boolean;
}

export interface ComplementDeclaration {
  /** The numerator field: a subset of the denominator's population. */
  numerator: string;
  denominator: string;
  /** The population the complement counts, if another output publishes it. */
  population?: string;
}

export interface OutputDeclaration {
  fields: Record<string, FieldDeclaration>;
  complements?: readonly ComplementDeclaration[];
  /** An insight or analytics endpoint (else an indicator): pairs with an indicator are the 'endpoint' route. */
  endpoint?: boolean;
}

const snapshot = (population: string | undefined, additive: readonly string[], extra: Partial<FieldDeclaration> = {}): FieldDeclaration => ({
  ...(population ? { population } : {}),
  timing: 'snapshot',
  additive,
  localities: true,
  ...extra,
});
const flow = (population: string | undefined, additive: readonly string[], extra: Partial<FieldDeclaration> = {}): FieldDeclaration => ({
  ...(population ? { population } : {}),
  timing: 'flow',
  additive,
  localities: true,
  ...extra,
});
const populationEstimate: FieldDeclaration = { timing: 'snapshot', notCount: true };
const proportion = { numerator: 'numerator', denominator: 'denominator' } as const;

/** Indicators: numerator and denominator of every row (sql/indicators/<id>.sql). */
export const indicatorDeclarations: Record<string, OutputDeclaration> = {
  'ehc-plans-rate': { fields: { numerator: snapshot('active_plans', ['sex', 'age_band']), denominator: populationEstimate } },
  'ehc-plans-by-need': {
    fields: { numerator: snapshot('active_plans', ['primary_need']), denominator: snapshot('active_plans', [], { total: true }) },
    complements: [proportion],
  },
  'ehc-plans-forecast': { fields: { numerator: snapshot('active_plans', ['age_band', 'primary_need']) } },
  'independent-special-placements': {
    fields: {
      numerator: snapshot('independent_special_plans', ['primary_need', 'sex', 'age_band']),
      denominator: snapshot('active_plans', ['primary_need', 'sex', 'age_band']),
    },
    complements: [proportion],
  },
  'out-of-area-placements': {
    fields: {
      numerator: snapshot('out_of_area_plans', ['setting_type', 'primary_need', 'sex', 'age_band']),
      denominator: snapshot('plans_with_setting_area_recorded', ['setting_type', 'primary_need', 'sex', 'age_band']),
    },
    complements: [proportion],
  },
  'personal-budget-take-up': {
    fields: { numerator: snapshot('plans_with_budget', []), denominator: snapshot('active_plans', [], { total: true }) },
    complements: [proportion],
  },
  'continuing-care-with-health-provision': {
    fields: { numerator: snapshot('continuing_care_with_health', ['sex', 'age_band']), denominator: snapshot('continuing_care_plans', ['sex', 'age_band']) },
    complements: [proportion],
  },
  'demand-capacity-ratio': { fields: { numerator: snapshot('provision_lines_in_force', ['provision_category']), denominator: populationEstimate } },
  'provision-not-delivered': {
    fields: { numerator: snapshot(undefined, ['provision_category', 'commissioner']), denominator: snapshot(undefined, ['provision_category', 'commissioner']) },
    complements: [proportion],
  },
  'ehc-requests-rate': { fields: { numerator: flow('requests_received', ['sex', 'age_band']), denominator: populationEstimate } },
  'ehc-requests-refused': {
    fields: { numerator: flow('requests_refused', ['sex', 'age_band', 'ethnic_group']), denominator: flow('assessment_decisions', ['sex', 'age_band', 'ethnic_group']) },
    complements: [{ ...proportion, population: 'requests_agreed' }],
  },
  'cna-disabled-children': { fields: { numerator: flow('cna_disabled_0_17', ['sex', 'age_band']), denominator: populationEstimate } },
  'ehc-20-week-timeliness': {
    fields: { numerator: flow('plans_issued_within_20_weeks', ['sex', 'age_band']), denominator: flow('plans_issued_no_exception', ['sex', 'age_band']) },
    complements: [proportion],
  },
  'annual-reviews-on-time': {
    fields: { numerator: flow(undefined, ['sex', 'age_band', 'primary_need']), denominator: flow('annual_reviews_due', ['sex', 'age_band', 'primary_need']) },
    complements: [proportion],
  },
  'ceased-needs-met': {
    fields: { numerator: flow('plans_ceased_needs_met', ['sex', 'age_band', 'primary_need']), denominator: flow('plans_ceased', ['sex', 'age_band', 'primary_need']) },
    complements: [proportion],
  },
  'pfa-employment': {
    fields: { numerator: { timing: 'period', additive: ['sex', 'age_band', 'primary_need'], localities: true }, denominator: { timing: 'period', additive: ['sex', 'age_band', 'primary_need'], localities: true } },
    complements: [proportion],
  },
  'transition-assessment-gap': {
    fields: { numerator: flow('turned_18_not_assessed', ['sex', 'primary_need']), denominator: flow('turned_18_with_social_care', ['sex', 'primary_need']) },
    complements: [{ ...proportion, population: 'turned_18_assessed' }],
  },
  'tribunal-appeal-rate': { fields: { numerator: flow('tribunal_appeals', ['sex']), denominator: flow('appealable_decisions', ['sex']) } },
  'provision-wait-weeks': { fields: { numerator: flow('provision_lines_started', ['provision_category', 'commissioner']) } },
  'feedback-satisfaction': {
    fields: { numerator: flow('feedback_rated_4_5', ['provision_category']), denominator: flow('feedback_rated', ['provision_category']) },
    complements: [proportion],
  },
  'feedback-dissatisfaction': {
    fields: { numerator: flow('feedback_rated_1_2', ['provision_category']), denominator: flow('feedback_rated', ['provision_category']) },
    complements: [proportion],
  },
  // Cells of a category x age grid, not people: recorded, no relations.
  'local-offer-age-coverage': { fields: {} },
  // Figures on a benchmark's own basis (sql/benchmark-basis/), LA totals of calendar years, published
  // in the LA rows' comparisons: the same populations as the headline where the count is the same.
  'ehc-plans-rate:benchmark-basis': { fields: { numerator: snapshot('active_plans', [], { localities: false }), denominator: populationEstimate } },
  'ehc-requests-rate:benchmark-basis': { fields: { numerator: flow('requests_received', [], { localities: false }), denominator: populationEstimate } },
  'ehc-requests-refused:benchmark-basis': {
    // Requests received in the year and decided (whenever): refused, and agreed or refused.
    fields: { numerator: flow(undefined, [], { localities: false }), denominator: flow(undefined, [], { localities: false }) },
    complements: [proportion],
  },
};

const pfaBand = (age: string): string | null => {
  const a = Number(age);
  return a >= 14 && a <= 15 ? '14-15' : a >= 16 && a <= 19 ? '16-19' : a >= 20 && a <= 25 ? '20-25' : null;
};
const pfaField = (): FieldDeclaration => snapshot(undefined, ['age', 'age_band'], { rollups: [{ from: 'age', to: 'age_band', parent: pfaBand }] });
const crossTab = (population: string | undefined): FieldDeclaration =>
  snapshot(population, ['setting_type', 'primary_need'], {
    localities: false,
    rollups: [
      { from: 'setting_type x primary_need', to: 'setting_type', parent: (v) => v.split(' x ')[0] ?? null },
      { from: 'setting_type x primary_need', to: 'primary_need', parent: (v) => v.split(' x ')[1] ?? null },
    ],
  });

/** Analytics and insight endpoints (server/analytics, sql/analytics), as the crawler names their fields. */
export const endpointDeclarations: Record<string, OutputDeclaration> = {
  budgets: {
    endpoint: true,
    fields: {
      active_plans: snapshot('active_plans', []),
      with_budget: snapshot('plans_with_budget', []),
      budgets: snapshot('running_budgets', ['budget_element', 'source']),
      with_amount: snapshot(undefined, ['budget_element']),
      personal_health_budgets: snapshot(undefined, []),
    },
    complements: [{ numerator: 'with_budget', denominator: 'active_plans' }],
  },
  transitions: {
    endpoint: true,
    fields: {
      young_people: pfaField(),
      reviewed: pfaField(),
      employment: pfaField(),
      independent_living: pfaField(),
      community: pfaField(),
      health: pfaField(),
      turned_18: flow('turned_18_with_social_care', []),
      assessed_before_18: flow('turned_18_assessed', []),
      ceased_19_25: flow(undefined, ['cease_reason']),
    },
    complements: [
      { numerator: 'reviewed', denominator: 'young_people' },
      ...['employment', 'independent_living', 'community', 'health'].map((o) => ({ numerator: o, denominator: 'reviewed' })),
      { numerator: 'assessed_before_18', denominator: 'turned_18', population: 'turned_18_not_assessed' },
    ],
  },
  'forecast': { endpoint: true, fields: { numerator: snapshot('active_plans', ['age_band', 'primary_need']) } },
  'forecast-backtest': { endpoint: true, fields: { actual: snapshot('active_plans', ['age_band']) } },
  'provision-gaps': {
    endpoint: true,
    fields: {
      active_plans: snapshot('active_plans', [], { localities: false }),
      out_of_area: crossTab('out_of_area_plans'),
      independent: crossTab('independent_special_plans'),
    },
  },
  journey: {
    endpoint: true,
    fields: {
      // Exact identities with indicators (sql/analytics/journey-steps.sql): the cease step's exits are
      // the plans that ended in the period, ceased-needs-met's denominator. Children entering a step
      // count each child once (an indicator counts requests or plans), so they are only nearly the
      // same number: not an equation; the journey hides them where the indicator hides its total.
      'step_exits:cease': flow('plans_ceased', []),
      open_requests: { timing: 'period', additive: ['age_band'], localities: true },
      past_6_weeks_no_assessment_decision: { timing: 'period', additive: ['age_band'], localities: true },
      past_20_weeks_no_plan_decision: { timing: 'period', additive: ['age_band'], localities: true },
    },
  },
  workload: { endpoint: true, fields: { caseload: snapshot('active_plans', [], { localities: false }) } },
  'feedback-themes': { endpoint: true, fields: { comments: flow('feedback_comments', [], { localities: true }) } },
};

/** The declaration of an output field, if any (provision-gaps demand fields are one per category). */
export function declarationOf(output: string, field: string): { output: OutputDeclaration; field: FieldDeclaration } | null {
  const out = output.startsWith('indicator:') ? indicatorDeclarations[output.slice('indicator:'.length)] : endpointDeclarations[output];
  if (!out) return null;
  const f = out.fields[field] ?? (output === 'provision-gaps' && field.startsWith('demand:') ? gridDemand : undefined);
  return f ? { output: out, field: f } : null;
}

/** Children with a line of one category in force, by age band and area (the grid). */
const gridDemand: FieldDeclaration = snapshot(undefined, ['age_band']);

export function outputDeclaration(output: string): OutputDeclaration | null {
  return (output.startsWith('indicator:') ? indicatorDeclarations[output.slice('indicator:'.length)] : endpointDeclarations[output]) ?? null;
}
