import type { ZodMiniType } from 'zod/mini';
import type { DataContext } from '../data-context.ts';
import type { Area, Period } from '../../contract/common.ts';
import type { ServingEnv } from '../serving-env.ts';
import { exportAreas } from './views.ts';
import {
  analyticsEndpoints,
  answer,
  budgetsEndpoint,
  feedbackThemesEndpoint,
  forecastEndpoint,
  journeyEndpoint,
  provisionGapsEndpoint,
  transitionsEndpoint,
  type AnalyticsEndpoint,
} from '../analytics/registry.ts';
import { analyticsTableList, type AnalyticsTableId, type AnalyticsTableInfo } from '../../contract/analytics-tables.ts';
import { forecastBreakdowns } from '../../contract/forecast.ts';
import { pfaOutcomes } from '../../contract/transitions.ts';
import type { ShareCell } from '../../contract/cells.ts';
import type { CsvValue } from './csv.ts';
import { labelOf } from './labels.ts';

// The analytics tables as exports, each derived from its endpoint's entry in the analytics
// registry (server/analytics/registry.ts): id -> title, description, columns (with
// descriptions) and a function turning the endpoint's response into tidy rows. A table takes
// the entry's query schema and answers through the entry's own `answer` (same cache, same
// disclosure control), so a CSV holds exactly the JSON's figures; a null becomes its DfE
// symbol (c suppressed, x not available, z not applicable). Adding a table is one entry in
// `analyticsTables` and its title in contract/analytics-tables.ts: the routes, the workbooks and the
// web's download links read them.

export type ColumnKind = 'text' | 'count' | 'number' | 'period';

export interface AnalyticsColumn {
  name: string;
  /** Header of the workbook table. */
  header: string;
  description: string;
  kind: ColumnKind;
}

export type AnalyticsRow = Record<string, CsvValue>;

export interface AnalyticsTableResult {
  context: DataContext;
  rows: AnalyticsRow[];
  /** The resolved query (area, period, breakdown), for the file name. */
  resolved: string[];
  /** Method and definitions from the response, for the metadata and the workbook notes. */
  method: [name: string, text: string][];
}

export interface AnalyticsTable extends AnalyticsTableInfo {
  /** The JSON endpoint (the CSV takes its query parameters). */
  endpoint: string;
  /** The endpoint's query schema: the caller validates a download's query with it (400) before `load`. */
  query: ZodMiniType<unknown>;
  /** Extract tables the figures come from. */
  sources: string[];
  /** Every column after data_status, in file order. */
  columns: AnalyticsColumn[];
  /** The rows for a query validated with `query`. */
  load(env: ServingEnv, context: DataContext, query: unknown): Promise<AnalyticsTableResult>;
  /** The queries a chapter workbook puts together in the table's sheet. */
  workbookQueries(context: DataContext): Record<string, string>[];
}

const header = (name: string): string => (name.charAt(0).toUpperCase() + name.slice(1)).replaceAll('_', ' ');
const col = (kind: ColumnKind) => (name: string, description: string, title?: string): AnalyticsColumn => ({ name, header: title ?? header(name), description, kind });
const text = col('text');
const count = col('count');
const num = col('number');

// --- cells -------------------------------------------------------------------------------

/** A published figure: its value, or the DfE symbol its null stands for. */
export const figure = (cell: { value: number | null; symbol?: string | null; suppressed?: boolean }): CsvValue =>
  cell.value ?? cell.symbol ?? (cell.suppressed ? 'c' : 'x');

/** A share as its count, denominator and percentage (a null count is a suppressed one). */
const share = (name: string, cell: ShareCell, withDenominator = false): AnalyticsRow => ({
  [name]: cell.numerator ?? 'c',
  ...(withDenominator ? { [`${name}_of`]: cell.denominator ?? 'c' } : {}),
  [`${name}_percent`]: figure(cell),
});
const shareColumns = (name: string, what: string, of: string | null): AnalyticsColumn[] => [
  count(name, `Number of ${what}`),
  ...(of ? [count(`${name}_of`, `Out of: ${of}`)] : []),
  num(`${name}_percent`, `${name.replaceAll('_', ' ')} as a percentage (0-100) of ${of ?? 'the denominator'}`, `${header(name)} (%)`),
];

// --- the frame: when and where ------------------------------------------------------------

const frameColumns: AnalyticsColumn[] = [
  { name: 'time_period', header: 'Period', description: 'Calendar year (YYYY) or financial year (YYYY-YY, April to March) of the figures', kind: 'period' },
  text('time_identifier', '"Calendar year" or "Financial year"'),
  text('geographic_level', '"Local authority" or "Locality" (an LA-defined locality within it)'),
  text('area_code', 'ONS code of the LA (E08000035), or LA code and locality slug for a locality (E08000035:north)'),
  text('area_name', 'Name of the LA or locality'),
];
const when = (period: Pick<Period, 'period'> & { period_type?: Period['period_type'] }): AnalyticsRow => ({
  time_period: period.period,
  time_identifier: (period.period_type ?? (period.period.includes('-') ? 'financial-year' : 'calendar-year')) === 'financial-year' ? 'Financial year' : 'Calendar year',
});
const where = (area: Pick<Area, 'area_code' | 'area_name' | 'area_type'>): AnalyticsRow => ({
  geographic_level: area.area_type === 'la' ? 'Local authority' : 'Locality',
  area_code: area.area_code,
  area_name: area.area_name,
});
/** A list of ages as words, so that one age is not a number stored as text. */
const agesText = (ages: readonly number[]): string => (ages.length === 0 ? 'z' : `${ages.length === 1 ? 'age' : 'ages'} ${ages.join(', ')}`);
const at = (period: Period, area: Area): AnalyticsRow => ({ ...when(period), ...where(area) });

const quartileColumns = (prefix: string, what: string): AnalyticsColumn[] => [
  num(`${prefix}lower_quartile_weeks`, `Lower quartile of ${what}, weeks`),
  num(`${prefix}median_weeks`, `Median of ${what}, weeks`),
  num(`${prefix}upper_quartile_weeks`, `Upper quartile of ${what}, weeks`),
];
const quartiles = (prefix: string, q: { q1: { value: number | null; symbol: string | null }; median: { value: number | null; symbol: string | null }; q3: { value: number | null; symbol: string | null } }): AnalyticsRow => ({
  [`${prefix}lower_quartile_weeks`]: figure(q.q1),
  [`${prefix}median_weeks`]: figure(q.median),
  [`${prefix}upper_quartile_weeks`]: figure(q.q3),
});

// --- the registry ----------------------------------------------------------------------

interface TableSpec<R> extends Pick<AnalyticsTable, 'sources' | 'columns'> {
  id: AnalyticsTableId;
  rows(response: R): AnalyticsRow[];
  method(response: R): [string, string][];
  workbookQueries?: (context: DataContext) => Record<string, string>[];
}

/** The queries of a workbook sheet: every area the endpoint serves (the default period), or the default query. */
const everyArea = (endpoint: { byArea: boolean }) => (context: DataContext): Record<string, string>[] =>
  endpoint.byArea ? exportAreas(context).map((a) => ({ area: a.area_code })) : [{}];

function table<Q, S, M, R>(endpoint: AnalyticsEndpoint<Q, S, M, R>, spec: TableSpec<R>): AnalyticsTable {
  const info = analyticsTableList.find((t) => t.id === spec.id);
  if (!info) throw new Error(`table ${spec.id} is not in contract/analytics-tables.ts`);
  // The parameters the web's download links offer must be the endpoint's own.
  const accepted = Object.keys((endpoint.query as unknown as { shape?: Record<string, unknown> }).shape ?? {});
  const unknownParameters = info.parameters.filter((p) => !accepted.includes(p));
  if (unknownParameters.length > 0) throw new Error(`table ${spec.id}: ${endpoint.path} does not take ${unknownParameters.join(', ')}`);
  const names = new Set(spec.columns.map((c) => c.name));
  if (names.size !== spec.columns.length || names.has('data_status')) throw new Error(`table ${spec.id}: duplicate column names`);
  return {
    ...info,
    endpoint: endpoint.path,
    query: endpoint.query,
    sources: spec.sources,
    columns: spec.columns,
    workbookQueries: spec.workbookQueries ?? everyArea(endpoint),
    async load(env, context, query) {
      const body = await answer(endpoint, env, context, query as Q);
      const rows = spec.rows(body);
      for (const row of rows) {
        const keys = Object.keys(row);
        if (keys.length !== names.size || keys.some((k) => !names.has(k))) throw new Error(`table ${spec.id}: row columns ${keys.join(',')} do not match its columns`);
      }
      return { context, rows, resolved: endpoint.resolved(body), method: spec.method(body) };
    },
  };
}

const journeySources = ['ehc_requests', 'ehc_plans', 'annual_reviews', 'children', 'child_needs_assessments', 'personal_budgets'];
const provisionSources = ['ehc_provision', 'ehc_plans', 'children', 'local_offer_services', 'population'];

export const analyticsTables: readonly AnalyticsTable[] = [
  table(journeyEndpoint, {
    id: 'journey-steps',
    sources: journeySources,
    columns: [
      ...frameColumns,
      text('step', 'Journey step id: request, assessment, plan, annual_review or cease'),
      text('step_label', 'The step in words'),
      count('children', 'Distinct children who entered the step in the period'),
      count('exits', 'Completed times at the step (exits dated in the period) that the quartiles are over'),
      ...quartileColumns('', 'the time at the step'),
    ],
    rows: (r) =>
      r.steps.map((s) => ({
        ...at(r.period, r.area),
        step: s.step,
        step_label: s.label,
        children: figure(s.children),
        exits: figure(s.time.n),
        ...quartiles('', s.time),
      })),
    method: (r) => [...r.steps.map((s): [string, string] => [`step:${s.step}`, `${s.label}: children = ${s.entered}; time = ${s.time.measure}.`]), ...r.notes.map((n, i): [string, string] => [`note:${i + 1}`, n])],
  }),
  table(journeyEndpoint, {
    id: 'journey-waiting',
    sources: journeySources,
    columns: [
      ...frameColumns,
      text('as_at', 'Date the waits are counted on (the extract date, whatever the period)'),
      text('age_band', 'Age band on that date (all = every age)'),
      count('open_requests', 'Children with an open request'),
      count('past_6_weeks_no_assessment_decision', 'Of those, received more than 6 weeks before and no decision whether to assess'),
      count('past_20_weeks_no_plan_decision', 'Of those, received more than 20 weeks before and no plan decision'),
    ],
    rows: (r) =>
      r.waiting.rows.map((w) => ({
        ...at(r.period, r.area),
        as_at: r.waiting.as_at,
        age_band: w.age_band,
        open_requests: figure(w.open_requests),
        past_6_weeks_no_assessment_decision: figure(w.past_6_weeks_no_assessment_decision),
        past_20_weeks_no_plan_decision: figure(w.past_20_weeks_no_plan_decision),
      })),
    method: (r) => [['waiting', r.waiting.definition]],
  }),
  table(journeyEndpoint, {
    id: 'journey-overlap',
    sources: journeySources,
    columns: [
      ...frameColumns,
      text('measure', 'Overlap id'),
      text('label', 'The overlap in words'),
      count('children', 'Children with the combination'),
      count('of', 'Children in the group they are counted out of'),
      text('of_label', 'The group they are counted out of'),
    ],
    rows: (r) => r.overlap.map((o) => ({ ...at(r.period, r.area), measure: o.measure, label: o.label, children: figure(o.children), of: figure(o.of), of_label: o.of_label })),
    method: (r) => r.overlap.map((o): [string, string] => [`measure:${o.measure}`, o.definition]),
  }),
  table(provisionGapsEndpoint, {
    id: 'provision-gaps-grid',
    sources: provisionSources,
    columns: [
      ...frameColumns,
      text('category', 'Provision category (extract vocabulary)'),
      text('age_band', 'Age band on the period’s last day (all = every age)'),
      count('demand', 'Children with a line of the category in force in an active plan on the period’s last day'),
      num('capacity', 'Local Offer places per year apportioned to the cell by population'),
      num('gap', 'demand - capacity: positive = more children than places'),
      num('ratio', 'demand / capacity'),
    ],
    rows: (r) =>
      r.grid.map((c) => ({
        ...when(r.period),
        ...where(c),
        category: c.category,
        age_band: c.age_band,
        demand: figure(c.demand),
        capacity: figure(c.capacity),
        gap: figure(c.gap),
        ratio: figure(c.ratio),
      })),
    method: (r) => Object.entries(r.method).map(([k, v]): [string, string] => [k, v]),
  }),
  table(provisionGapsEndpoint, {
    id: 'provision-gaps-categories',
    sources: provisionSources,
    columns: [
      ...frameColumns,
      text('category', 'Provision category'),
      count('demand', 'Children with a line of the category in force in an active plan'),
      num('capacity', 'Local Offer places per year shared over the population (as the grid)'),
      num('gap', 'demand - capacity'),
      num('ratio', 'demand / capacity'),
      count('services', 'Active Local Offer services of the category'),
      num('places_listed', 'Places per year the services list (x when none stated)'),
      num('places_unapportioned', 'Places of services whose reach has no population to share them over (not in capacity)'),
      text('commissioners', 'Commissioners of the category’s provision lines, most children first: code (LA, ICB or unknown); z when none'),
    ],
    rows: (r) =>
      r.categories.map((c) => ({
        ...at(r.period, r.la),
        category: c.category,
        demand: figure(c.demand),
        capacity: figure(c.capacity),
        gap: figure(c.gap),
        ratio: figure(c.ratio),
        services: c.services,
        places_listed: c.places_listed ?? 'x',
        places_unapportioned: c.places_unapportioned,
        commissioners: c.commissioners.map((m) => `${m.code} (${m.type})`).join('; ') || 'z',
      })),
    method: (r) => [['demand', r.method.demand], ['capacity', r.method.capacity], ['gap', r.method.gap], ['ratio', r.method.ratio]],
  }),
  table(provisionGapsEndpoint, {
    id: 'provision-waits-by-commissioner',
    sources: ['ehc_provision', 'ehc_plans'],
    columns: [
      ...frameColumns,
      text('category', 'Provision category (all = every category)'),
      text('commissioner', 'Commissioner code on the provision line (all = every commissioner; empty code = unknown)'),
      text('commissioner_type', 'LA, ICB, unknown or all'),
      count('children_with_provision', 'Children with provision of the category from the commissioner in force on the period’s last day'),
      count('children_waiting', 'Of those, children whose provision had not started by then'),
      ...quartileColumns('waiting_', 'the wait so far of those waiting'),
      count('children_started', 'Children whose provision started in the period'),
      ...quartileColumns('started_', 'the wait from specified to started'),
    ],
    rows: (r) =>
      r.commissioning.rows.map((c) => ({
        ...at(r.period, r.la),
        category: c.category,
        commissioner: c.commissioner,
        commissioner_type: c.commissioner_type,
        children_with_provision: figure(c.children_with_provision),
        children_waiting: figure(c.children_waiting),
        ...quartiles('waiting_', c.waiting_weeks),
        children_started: figure(c.children_started),
        ...quartiles('started_', c.started_wait_weeks),
      })),
    method: (r) => [['commissioning', r.commissioning.definition], ['commissioner_type', r.method.commissioner_type]],
  }),
  table(provisionGapsEndpoint, {
    id: 'provision-age-coverage',
    sources: ['local_offer_services', 'ehc_provision', 'ehc_plans', 'children'],
    columns: [
      ...frameColumns,
      text('category', 'Provision category'),
      text('age_band', 'Age band'),
      text('coverage', 'none, partial or full: active services open to no, some or every age of the band'),
      text('ages_not_covered', 'Single years of age of the band no active service is open to, as text ("age 4", "ages 0, 1"; z when none)'),
      count('services_open', 'Active services of the category open to at least one age of the band'),
      count('children', 'Demand in the band (the LA cell of the grid)'),
    ],
    rows: (r) =>
      r.age_coverage.rows.map((a) => ({
        ...at(r.period, r.la),
        category: a.category,
        age_band: a.age_band,
        coverage: a.coverage,
        ages_not_covered: agesText(a.ages_not_covered),
        services_open: a.services_open,
        children: figure(a.children),
      })),
    method: (r) => [['age_coverage', r.age_coverage.definition]],
  }),
  table(provisionGapsEndpoint, {
    id: 'placements',
    sources: ['ehc_plans', 'children'],
    columns: [
      ...frameColumns,
      text('placement', 'out_of_area or independent'),
      text('placement_label', 'The placement in words'),
      text('setting_type', 'Setting type (all = every type)'),
      text('setting_type_label', 'The setting type in words (DfE label)'),
      text('primary_need', 'Primary need (all = every need)'),
      text('primary_need_label', 'The primary need in words (DfE label)'),
      count('plans', 'Active plans with the placement on the period’s last day'),
      count('active_plans', 'All active plans of the LA on that day (the same on every row)'),
    ],
    rows: (r) =>
      (['out_of_area', 'independent'] as const).flatMap((placement) =>
        r.placements[placement].cells.map((c) => ({
          ...at(r.period, r.la),
          placement,
          placement_label: labelOf('placement', placement),
          setting_type: c.setting_type,
          setting_type_label: labelOf('setting_type', c.setting_type),
          primary_need: c.primary_need,
          primary_need_label: labelOf('primary_need', c.primary_need),
          plans: figure(c.plans),
          active_plans: figure(r.placements.active_plans),
        })),
      ),
    method: (r) => [['out_of_area', r.placements.out_of_area.definition], ['independent', r.placements.independent.definition]],
  }),
  table(feedbackThemesEndpoint, {
    id: 'feedback-themes',
    sources: ['local_offer_feedback', 'local_offer_services'],
    columns: [
      ...frameColumns,
      text('theme', 'Theme id'),
      text('theme_label', 'Theme in words'),
      ...shareColumns('comments', 'comments carrying the theme', 'all comments in the area and period'),
      count('rated', 'Comments carrying the theme with a rating'),
      num('mean_rating', 'Mean rating of those (1 very poor to 5 very good)'),
      ...(['responded', 'service_changed', 'none', 'not_recorded'] as const).flatMap((r) => shareColumns(`response_${r}`, `the theme’s comments whose response was ${r.replaceAll('_', ' ')}`, null)),
    ],
    rows: (r) =>
      r.themes.map((t) => ({
        ...at(r.period, r.area),
        theme: t.theme,
        theme_label: t.label,
        ...share('comments', t.share, true),
        rated: figure(t.rated),
        mean_rating: figure(t.mean_rating),
        ...share('response_responded', t.responses.responded),
        ...share('response_service_changed', t.responses.service_changed),
        ...share('response_none', t.responses.none),
        ...share('response_not_recorded', t.responses.not_recorded),
      })),
    method: (r) => [['summary', r.method.summary], ...r.themes.map((t): [string, string] => [`theme:${t.theme}`, `${t.label}: ${t.description}`])],
  }),
  table(feedbackThemesEndpoint, {
    id: 'feedback-theme-trend',
    sources: ['local_offer_feedback', 'local_offer_services'],
    columns: [...frameColumns, text('theme', 'Theme id'), ...shareColumns('comments', 'comments carrying the theme', 'all comments in the area and period')],
    rows: (r) => r.themes.flatMap((t) => t.trend.map((p) => ({ ...when({ period: p.period }), ...where(r.area), theme: t.theme, ...share('comments', p.share, true) }))),
    method: (r) => [['summary', r.method.summary]],
  }),
  table(budgetsEndpoint, {
    id: 'budget-take-up',
    sources: ['personal_budgets', 'ehc_plans'],
    columns: [
      ...frameColumns,
      text('element', 'Budget element (all = any)'),
      text('mechanism', 'Budget mechanism (all = any)'),
      ...shareColumns('plans', 'active plans with such a budget', 'all active plans'),
    ],
    rows: (r) => {
      const row = (element: string, mechanism: string, plans: ShareCell) => ({ ...at(r.period, r.area), element, mechanism, ...share('plans', plans, true) });
      return [
        row('all', 'all', r.take_up.with_budget),
        ...r.take_up.by_element.map((e) => row(e.element, 'all', e.plans)),
        ...r.take_up.by_mechanism.map((m) => row('all', m.mechanism, m.plans)),
        ...r.take_up.by_element_and_mechanism.map((x) => row(x.element, x.mechanism, x.plans)),
      ];
    },
    method: (r) => [['snapshot', r.definitions.snapshot ?? ''], ['take_up', r.definitions.take_up ?? '']],
  }),
  table(budgetsEndpoint, {
    id: 'budget-amounts',
    sources: ['personal_budgets'],
    columns: [
      ...frameColumns,
      text('element', 'Budget element (all = every element)'),
      count('budgets', 'Budgets running on the period’s last day'),
      count('with_amount', 'Of those, budgets with an annual amount (the statistics are over these)'),
      num('lower_quartile', 'Lower quartile of the annual amounts, pounds'),
      num('median', 'Median annual amount, pounds'),
      num('upper_quartile', 'Upper quartile of the annual amounts, pounds'),
      num('total', 'Total of the annual amounts, pounds'),
    ],
    rows: (r) =>
      r.amounts.map((a) => ({
        ...at(r.period, r.area),
        element: a.element,
        budgets: figure(a.budgets),
        with_amount: figure(a.with_amount),
        lower_quartile: figure(a.lower_quartile),
        median: figure(a.median),
        upper_quartile: figure(a.upper_quartile),
        total: figure(a.total),
      })),
    method: (r) => [['amounts', r.definitions.amounts ?? '']],
  }),
  table(budgetsEndpoint, {
    id: 'budget-sources',
    sources: ['personal_budgets', 'child_needs_assessments'],
    columns: [...frameColumns, text('measure', 'personal_health_budgets, from_plans or from_cna_only'), ...shareColumns('budgets', 'budgets', 'the measure’s denominator (health-element budgets, or all running budgets)')],
    rows: (r) =>
      (
        [
          ['personal_health_budgets', r.personal_health_budgets.personal_health_budgets],
          ['from_plans', r.sources.from_plans],
          ['from_cna_only', r.sources.from_cna_only],
        ] as const
      ).map(([measure, cell]) => ({ ...at(r.period, r.area), measure, ...share('budgets', cell, true) })),
    method: (r) => [['personal_health_budgets', r.definitions.personal_health_budgets ?? ''], ['sources', r.definitions.sources ?? '']],
  }),
  table(transitionsEndpoint, {
    id: 'transitions-pfa-outcomes',
    sources: ['ehc_plans', 'annual_reviews', 'children'],
    columns: [
      ...frameColumns,
      text('breakdown', 'age_band or age'),
      text('breakdown_value', 'The age band or single year of age (all = 14 to 25)'),
      count('young_people', 'Young people with an active plan of this age on the period’s last day'),
      ...shareColumns('reviewed', 'young people with an annual review held on or before that day', 'young_people'),
      ...pfaOutcomes.flatMap((o) => shareColumns(o, `reviewed young people with the ${o.replaceAll('_', ' ')} outcome recorded`, null)),
    ],
    rows: (r) =>
      r.preparing_for_adulthood.rows.map((p) => ({
        ...at(r.period, r.area),
        breakdown: r.query.by,
        breakdown_value: p.group,
        young_people: figure(p.young_people),
        ...share('reviewed', p.reviewed, true),
        ...Object.assign({}, ...pfaOutcomes.map((o) => share(o, p.outcomes[o]))),
      })),
    method: (r) => [['preparing_for_adulthood', r.definitions.preparing_for_adulthood ?? '']],
  }),
  table(transitionsEndpoint, {
    id: 'transitions-care-act',
    sources: ['ehc_plans', 'ehc_provision', 'child_needs_assessments', 'children'],
    columns: [...frameColumns, ...shareColumns('assessed_before_18', 'young people with a Care Act transition assessment started before their 18th birthday', 'young people who turned 18 in the period with social care provision')],
    rows: (r) => [{ ...at(r.period, r.area), ...share('assessed_before_18', r.care_act_transition_assessments.assessed_before_18, true) }],
    method: (r) => [['care_act_transition_assessments', r.definitions.care_act_transition_assessments ?? '']],
  }),
  table(transitionsEndpoint, {
    id: 'transitions-ceasing-reasons',
    sources: ['ehc_plans', 'children'],
    columns: [...frameColumns, text('cease_reason', 'Recorded cease reason (unknown when blank)'), ...shareColumns('plans', 'plans that ceased with this reason', 'all plans that ceased at 19 to 25 in the period')],
    rows: (r) => r.plans_ceased_19_to_25.by_reason.map((c) => ({ ...at(r.period, r.area), cease_reason: c.cease_reason, ...share('plans', c.plans, true) })),
    method: (r) => [['plans_ceased_19_to_25', r.definitions.plans_ceased_19_to_25 ?? '']],
  }),
  table(forecastEndpoint, {
    id: 'forecast',
    sources: ['ehc_plans', 'children', 'population'],
    columns: [
      ...frameColumns,
      text('kind', 'actual (as counted) or projected'),
      text('breakdown', 'all, age_band or primary_need'),
      text('breakdown_value', 'Category of the breakdown (all for the total)'),
      num('plans', 'Active plans on 31 December: counted, or the projection’s expected value (rounded)', 'Plans'),
      num('lower_95', 'Lower limit of the 95% projection interval (z for counted years)', 'Lower 95% limit'),
      num('upper_95', 'Upper limit of the 95% projection interval', 'Upper 95% limit'),
      num('lower_99_8', 'Lower limit of the 99.8% projection interval', 'Lower 99.8% limit'),
      num('upper_99_8', 'Upper limit of the 99.8% projection interval', 'Upper 99.8% limit'),
    ],
    rows: (r) =>
      r.projection.map((p) => {
        const band = (v: number | null): CsvValue => v ?? (p.suppressed ? 'c' : p.kind === 'actual' ? 'z' : 'x');
        return {
          ...when({ period: p.period, period_type: 'calendar-year' }),
          ...where(r.area),
          kind: p.kind,
          breakdown: p.breakdown,
          breakdown_value: p.breakdown_value,
          plans: figure(p),
          lower_95: band(p.lower_95),
          upper_95: band(p.upper_95),
          lower_99_8: band(p.lower_99_8),
          upper_99_8: band(p.upper_99_8),
        };
      }),
    method: (r) => [['method', r.method]],
    workbookQueries: (context) => exportAreas(context).flatMap((a) => forecastBreakdowns.map((by) => ({ area: a.area_code, by }))),
  }),
  table(forecastEndpoint, {
    id: 'forecast-rates',
    sources: ['ehc_plans', 'children', 'population'],
    columns: [
      ...frameColumns.filter((c) => !c.name.startsWith('time_')),
      count('age', 'Age on 31 December'),
      text('age_band', 'Age band of that age'),
      num('population', 'ONS mid-year population of that age used for the jump-off year (x when none)'),
      num('joining_rate', 'New plans a year per person of that age not already holding a plan'),
      num('leaving_rate', 'Share of plans held at that age that end in a year'),
    ],
    rows: (r) =>
      r.rates.map((x) => ({
        ...where(r.area),
        age: x.age,
        age_band: x.age_band,
        population: x.population ?? 'x',
        joining_rate: x.joining_rate ?? (x.joining_suppressed ? 'c' : 'x'),
        leaving_rate: x.leaving_rate ?? (x.leaving_suppressed ? 'c' : 'x'),
      })),
    method: (r) => [['method', r.method]],
    workbookQueries: everyArea(forecastEndpoint),
  }),
];

export const analyticsTableById: ReadonlyMap<string, AnalyticsTable> = new Map(analyticsTables.map((t) => [t.id, t]));
if (analyticsTableById.size !== analyticsTables.length || analyticsTables.length !== analyticsTableList.length) {
  throw new Error('every entry of contract/analytics-tables.ts needs exactly one table here');
}
for (const endpoint of analyticsEndpoints) {
  if (!analyticsTables.some((t) => t.endpoint === endpoint.path)) throw new Error(`${endpoint.path} has no export table`);
}
