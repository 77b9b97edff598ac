// Crawls the insight, analytics, forecast, workload and benchmark endpoints and names each count
// they publish as an observation (output, field, breakdown, value) that declarations.ts knows.
import { z } from 'zod';
import { pool, type AuditClient } from './http-client.ts';
import type { AreaInfo, Observation, PeriodInfo } from './publication.ts';

const countCell = z.object({ value: z.number().nullable() });
const shareCell = z.object({ numerator: z.number().nullable() });
type Base = Pick<Observation, 'output' | 'area' | 'period' | 'source'>;
type Emit = (field: string, breakdown: string, value: string, count: number | null, derived?: number) => void;

function emitter(out: Observation[], base: Base): Emit {
  return (field, breakdown, value, count, derived) => out.push({ ...base, field, breakdown, value, count, ...(derived !== undefined ? { derived } : {}) });
}

const budgetsSchema = z.object({
  take_up: z.object({
    active_plans: countCell,
    with_budget: shareCell,
    by_element: z.array(z.object({ element: z.string(), plans: shareCell })),
    by_mechanism: z.array(z.object({ mechanism: z.string(), plans: shareCell })),
    by_element_and_mechanism: z.array(z.object({ element: z.string(), mechanism: z.string(), plans: shareCell })),
  }),
  amounts: z.array(z.object({ element: z.string(), budgets: countCell, with_amount: countCell })),
  personal_health_budgets: z.object({ health_budgets: countCell, personal_health_budgets: shareCell }),
  sources: z.object({ budgets: countCell, from_plans: shareCell, from_cna_only: shareCell }),
});

function budgets(body: unknown, emit: Emit): void {
  const b = budgetsSchema.parse(body);
  emit('active_plans', 'all', 'all', b.take_up.active_plans.value);
  emit('with_budget', 'all', 'all', b.take_up.with_budget.numerator);
  for (const r of b.take_up.by_element) emit('with_budget', 'budget_element', r.element, r.plans.numerator);
  for (const r of b.take_up.by_mechanism) emit('with_budget', 'budget_mechanism', r.mechanism, r.plans.numerator);
  for (const r of b.take_up.by_element_and_mechanism) emit('with_budget', 'budget_element x budget_mechanism', `${r.element} x ${r.mechanism}`, r.plans.numerator);
  for (const r of b.amounts) {
    const [breakdown, value] = r.element === 'all' ? ['all', 'all'] : ['budget_element', r.element];
    emit('budgets', breakdown, value, r.budgets.value);
    emit('with_amount', breakdown, value, r.with_amount.value);
  }
  emit('budgets', 'budget_element', 'HEALTH', b.personal_health_budgets.health_budgets.value);
  emit('personal_health_budgets', 'all', 'all', b.personal_health_budgets.personal_health_budgets.numerator);
  emit('budgets', 'all', 'all', b.sources.budgets.value);
  emit('budgets', 'source', 'plan', b.sources.from_plans.numerator);
  emit('budgets', 'source', 'cna', b.sources.from_cna_only.numerator);
}

const transitionsSchema = z.object({
  query: z.object({ by: z.string() }),
  preparing_for_adulthood: z.object({
    rows: z.array(z.object({ group: z.string(), young_people: countCell, reviewed: shareCell, outcomes: z.record(z.string(), shareCell) })),
  }),
  care_act_transition_assessments: z.object({ turned_18: countCell, assessed_before_18: shareCell }),
  plans_ceased_19_to_25: z.object({ plans: countCell, by_reason: z.array(z.object({ cease_reason: z.string(), plans: shareCell })) }),
});

function transitions(body: unknown, emit: Emit): void {
  const t = transitionsSchema.parse(body);
  for (const r of t.preparing_for_adulthood.rows) {
    const [breakdown, value] = r.group === 'all' ? ['all', 'all'] : [t.query.by, r.group];
    emit('young_people', breakdown, value, r.young_people.value);
    emit('reviewed', breakdown, value, r.reviewed.numerator);
    for (const [outcome, cell] of Object.entries(r.outcomes)) emit(outcome, breakdown, value, cell.numerator);
  }
  emit('turned_18', 'all', 'all', t.care_act_transition_assessments.turned_18.value);
  emit('assessed_before_18', 'all', 'all', t.care_act_transition_assessments.assessed_before_18.numerator);
  emit('ceased_19_25', 'all', 'all', t.plans_ceased_19_to_25.plans.value);
  for (const r of t.plans_ceased_19_to_25.by_reason) emit('ceased_19_25', 'cease_reason', r.cease_reason, r.plans.numerator);
}

const themesSchema = z.object({
  comments: countCell,
  themes: z.array(
    z.object({
      theme: z.string(),
      comments: countCell,
      rated: countCell,
      responses: z.record(z.string(), shareCell),
      trend: z.array(z.object({ period: z.string(), comments: countCell })),
    }),
  ),
});

function feedbackThemes(body: unknown, emit: Emit, out: Observation[], base: Base): void {
  const f = themesSchema.parse(body);
  emit('comments', 'all', 'all', f.comments.value);
  for (const t of f.themes) {
    emit('theme_comments', 'theme', t.theme, t.comments.value);
    emit('theme_rated', 'theme', t.theme, t.rated.value);
    for (const [response, cell] of Object.entries(t.responses)) emit(`theme_${response}`, 'theme', t.theme, cell.numerator);
    for (const p of t.trend) emitter(out, { ...base, period: p.period })('theme_comments', 'theme', t.theme, p.comments.value);
  }
}

const journeySchema = z.object({
  steps: z.array(z.object({ step: z.string(), children: countCell, time: z.object({ n: countCell }) })),
  waiting: z.object({ as_at: z.string(), rows: z.array(z.object({ age_band: z.string(), open_requests: countCell, past_6_weeks_no_assessment_decision: countCell, past_20_weeks_no_plan_decision: countCell })) }),
  overlap: z.array(z.object({ measure: z.string(), children: countCell, of: countCell })),
});

function journey(body: unknown, emit: Emit, out: Observation[], base: Base): void {
  const j = journeySchema.parse(body);
  // One field per step (declarations.ts says which steps count an indicator's population).
  for (const s of j.steps) {
    emit(`step_children:${s.step}`, 'all', 'all', s.children.value);
    emit(`step_exits:${s.step}`, 'all', 'all', s.time.n.value);
  }
  const asAt = emitter(out, { ...base, period: `as at ${j.waiting.as_at}` });
  for (const r of j.waiting.rows) {
    const [breakdown, value] = r.age_band === 'all' ? ['all', 'all'] : ['age_band', r.age_band];
    asAt('open_requests', breakdown, value, r.open_requests.value);
    asAt('past_6_weeks_no_assessment_decision', breakdown, value, r.past_6_weeks_no_assessment_decision.value);
    asAt('past_20_weeks_no_plan_decision', breakdown, value, r.past_20_weeks_no_plan_decision.value);
  }
  for (const o of j.overlap) {
    emit('overlap_children', 'measure', o.measure, o.children.value);
    emit('overlap_of', 'measure', o.measure, o.of.value);
  }
}

const crossTabSchema = z.object({ cells: z.array(z.object({ setting_type: z.string(), primary_need: z.string(), plans: countCell })) });
const gapsSchema = z.object({
  la: z.object({ area_code: z.string() }),
  grid: z.array(z.object({ category: z.string(), area_code: z.string(), age_band: z.string(), demand: countCell })),
  categories: z.array(z.object({ category: z.string(), demand: countCell })),
  commissioning: z.object({ rows: z.array(z.object({ category: z.string(), commissioner: z.string(), children_with_provision: countCell, children_waiting: countCell, children_started: countCell })) }),
  age_coverage: z.object({ rows: z.array(z.object({ category: z.string(), age_band: z.string(), children: countCell })) }),
  placements: z.object({ active_plans: countCell, out_of_area: crossTabSchema, independent: crossTabSchema }),
});

function provisionGaps(body: unknown, out: Observation[], base: Base): void {
  const g = gapsSchema.parse(body);
  const la = g.la.area_code;
  const at = (area: string) => emitter(out, { ...base, area });
  const band = (b: string): [string, string] => (b === 'all' ? ['all', 'all'] : ['age_band', b]);
  for (const c of g.grid) at(c.area_code)(`demand:${c.category}`, ...band(c.age_band), c.demand.value);
  for (const c of g.categories) at(la)(`demand:${c.category}`, 'all', 'all', c.demand.value);
  for (const r of g.age_coverage.rows) at(la)(`demand:${r.category}`, ...band(r.age_band), r.children.value);
  for (const r of g.commissioning.rows) {
    if (r.category !== 'all' && r.commissioner === 'all') at(la)(`demand:${r.category}`, 'all', 'all', r.children_with_provision.value);
    at(la)('commissioning_with_provision', 'category x commissioner', `${r.category} x ${r.commissioner}`, r.children_with_provision.value);
    at(la)('commissioning_waiting', 'category x commissioner', `${r.category} x ${r.commissioner}`, r.children_waiting.value);
    at(la)('commissioning_started', 'category x commissioner', `${r.category} x ${r.commissioner}`, r.children_started.value);
  }
  at(la)('active_plans', 'all', 'all', g.placements.active_plans.value);
  for (const [field, tab] of [['out_of_area', g.placements.out_of_area], ['independent', g.placements.independent]] as const) {
    for (const c of tab.cells) {
      const s = c.setting_type;
      const n = c.primary_need;
      const [breakdown, value] = s === 'all' && n === 'all' ? ['all', 'all'] : s === 'all' ? ['primary_need', n] : n === 'all' ? ['setting_type', s] : ['setting_type x primary_need', `${s} x ${n}`];
      at(la)(field, breakdown, value, c.plans.value);
    }
  }
}

const forecastSchema = z.object({
  projection: z.array(z.object({ period: z.string(), breakdown: z.string(), breakdown_value: z.string(), numerator: z.number().nullable(), suppressed: z.boolean(), kind: z.string() })),
  backtest: z.object({ rows: z.array(z.object({ period: z.string(), breakdown: z.string(), breakdown_value: z.string(), actual: z.number().nullable(), predicted: z.number(), error: z.number().nullable() })) }),
});

function forecast(body: unknown, out: Observation[], base: Base, dataPeriods: Set<string>): void {
  const f = forecastSchema.parse(body);
  for (const r of f.projection) {
    if (r.kind !== 'actual' || !dataPeriods.has(r.period)) continue;
    emitter(out, { ...base, period: r.period })('numerator', r.breakdown, r.breakdown_value, r.numerator);
  }
  for (const r of f.backtest.rows) {
    const derived = r.actual === null && r.error !== null ? r.predicted - r.error : undefined;
    emitter(out, { ...base, output: 'forecast-backtest', period: r.period })('actual', r.breakdown, r.breakdown_value, r.actual, derived);
  }
}

export interface EndpointCrawlOptions {
  areas: AreaInfo[];
  periods: PeriodInfo[];
  commissioner: boolean;
}

/** Every insight endpoint for every area and period; for commissioners and above the analytics, forecast and workload too. */
export async function crawlEndpoints(client: AuditClient, options: EndpointCrawlOptions): Promise<Observation[]> {
  const out: Observation[] = [];
  const dataPeriods = new Set(options.periods.map((p) => p.period));
  const tasks: (() => Promise<void>)[] = [];
  const add = (path: string, query: Record<string, string>, output: string, handle: (body: unknown, base: Base) => void) =>
    tasks.push(async () => {
      const body = await client.optionalJson(path, path, query);
      if (body === null) return;
      handle(body, { output, area: query.area ?? '', period: query.period ?? '', source: `GET ${path}?${new URLSearchParams(query).toString()}` });
    });
  for (const a of options.areas) {
    const area = a.area_code;
    for (const p of options.periods) {
      const period = p.period;
      add('/api/budgets', { area, period }, 'budgets', (b, base) => budgets(b, emitter(out, base)));
      for (const by of ['age_band', 'age']) add('/api/transitions', { area, period, by }, 'transitions', (b, base) => transitions(b, emitter(out, base)));
      add('/api/feedback/themes', { area, period }, 'feedback-themes', (b, base) => feedbackThemes(b, emitter(out, base), out, base));
      if (options.commissioner) add('/api/analytics/journey', { area, period }, 'journey', (b, base) => journey(b, emitter(out, base), out, base));
    }
    if (options.commissioner) {
      for (const by of ['all', 'age_band', 'primary_need']) add('/api/forecast', { area, by }, 'forecast', (b, base) => forecast(b, out, base, dataPeriods));
    }
  }
  if (options.commissioner) {
    for (const p of options.periods) add('/api/analytics/provision-gaps', { period: p.period }, 'provision-gaps', (b, base) => provisionGaps(b, out, { ...base, period: p.period }));
    tasks.push(() => workloadDefaults(client, out));
  }
  await pool(tasks);
  return out;
}

const workloadSchema = z.object({
  period: z.object({ period: z.string() }),
  defaults: z.object({ caseload: z.number().nullable() }),
  symbols: z.object({ caseload: z.string().nullable() }),
});

async function workloadDefaults(client: AuditClient, out: Observation[]): Promise<void> {
  const w = workloadSchema.parse(await client.json('/api/workload/defaults', '/api/workload/defaults'));
  const la = (await client.json('/api/areas', '/api/areas')) as { data: { la_code: string | null } };
  if (w.symbols.caseload === 'x') return;
  out.push({ output: 'workload', field: 'caseload', area: la.data.la_code ?? '', period: w.period.period, breakdown: 'all', value: 'all', count: w.defaults.caseload, source: 'GET /api/workload/defaults' });
  await client.json('/api/workload', '/api/workload', { caseload: '100', years: '1', weeks_per_year: '52', plans_per_coordinator_per_quarter: '10' });
}
