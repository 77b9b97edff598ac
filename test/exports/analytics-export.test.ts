import type ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyResponse, ProvisionGapsResponse } from '../../contract/analytics.ts';
import type { BudgetsResponse } from '../../contract/budgets.ts';
import type { FeedbackThemesResponse } from '../../contract/feedback.ts';
import type { ForecastResponse } from '../../contract/forecast.ts';
import type { TransitionsResponse } from '../../contract/transitions.ts';
import { analyticsTables } from '../../server/exports/analytics-tables.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { editedFixtureDatabase, exported, formulaLike, getBinary, markSynthetic, parseCsv, readWorkbook, replaceValues, sheetRows, sheetTables } from './helpers.ts';

// The analytics CSVs and workbook sheets checked against the JSON endpoints as the oracle, on the
// hand-made fixture at threshold 0 (exact) and 7 (most counts suppressed). The expected rows below
// are written from the JSON independently of server/exports/analytics-tables.ts: a value, or the
// symbol its null stands for.

type App = Parameters<typeof request>[0];
type Expected = Record<string, string | number>;
type Fig = { value: number | null; symbol?: string | null; suppressed?: boolean };
type Share = { numerator: number | null; denominator: number | null; value: number | null; symbol: string | null };

const LA = 'E08000035';
const NORTH = 'E08000035:north';
const f = (c: Fig): string | number => (c.value !== null ? c.value : (c.symbol ?? (c.suppressed ? 'c' : 'x')));
const share = (name: string, s: Share, withOf = true): Expected => ({
  [name]: s.numerator ?? 'c',
  ...(withOf ? { [`${name}_of`]: s.denominator ?? 'c' } : {}),
  [`${name}_percent`]: s.value ?? s.symbol ?? 'x',
});

// Issue 17: the placements sheet has the DfE label beside each code (written out here by hand).
const settingWords = (code: string): string =>
  ({ all: 'All settings', MAINSTREAM: 'Mainstream school', SPECIAL_INDEPENDENT: 'Independent special school', SPECIAL_NON_MAINTAINED: 'Non-maintained special school', SPECIAL_MAINTAINED: 'Maintained special school', SPECIAL_ACADEMY: 'Special academy or free school', FE_COLLEGE: 'Further education college', POST16_OTHER: 'Post-16 other', RESOURCED_PROVISION: 'Resourced provision or SEN unit', INDEPENDENT_MAINSTREAM: 'Independent mainstream school', ALTERNATIVE_PROVISION: 'Alternative provision' })[code] ?? `<no label for ${code}>`;
const needWords = (code: string): string =>
  ({ all: 'All primary needs', ASD: 'Autistic spectrum disorder', SLCN: 'Speech, language and communication needs', SEMH: 'Social, emotional and mental health', MLD: 'Moderate learning difficulty', SLD: 'Severe learning difficulty', PMLD: 'Profound and multiple learning difficulty', SPLD: 'Specific learning difficulty', PD: 'Physical disability', HI: 'Hearing impairment', VI: 'Vision impairment', MSI: 'Multi-sensory impairment', OTH: 'Other difficulty or disability' })[code] ?? `<no label for ${code}>`;

interface Case {
  /** JSON endpoint path with the query; the CSV gets the same query. */
  json: string;
  expected(body: never): Expected[];
}

const cases: Record<string, Case> = {
  'journey-steps': {
    json: '/api/analytics/journey',
    expected: (r: JourneyResponse) =>
      r.steps.map((s) => ({ area_code: r.area.area_code, time_period: r.period.period, step: s.step, children: f(s.children), exits: f(s.time.n), lower_quartile_weeks: f(s.time.q1), median_weeks: f(s.time.median), upper_quartile_weeks: f(s.time.q3) })),
  },
  'journey-waiting': {
    json: `/api/analytics/journey?area=${encodeURIComponent(NORTH)}`,
    expected: (r: JourneyResponse) =>
      r.waiting.rows.map((w) => ({ area_code: NORTH, geographic_level: 'Locality', as_at: r.waiting.as_at, age_band: w.age_band, open_requests: f(w.open_requests), past_6_weeks_no_assessment_decision: f(w.past_6_weeks_no_assessment_decision), past_20_weeks_no_plan_decision: f(w.past_20_weeks_no_plan_decision) })),
  },
  'journey-overlap': {
    json: '/api/analytics/journey?period=2023',
    expected: (r: JourneyResponse) => r.overlap.map((o) => ({ time_period: '2023', measure: o.measure, children: f(o.children), of: f(o.of), of_label: o.of_label })),
  },
  'provision-gaps-grid': {
    json: '/api/analytics/provision-gaps',
    expected: (r: ProvisionGapsResponse) => r.grid.map((c) => ({ area_code: c.area_code, area_name: c.area_name, category: c.category, age_band: c.age_band, demand: f(c.demand), capacity: f(c.capacity), gap: f(c.gap), ratio: f(c.ratio) })),
  },
  'provision-gaps-categories': {
    json: '/api/analytics/provision-gaps?period=2023',
    expected: (r: ProvisionGapsResponse) =>
      r.categories.map((c) => ({ time_period: '2023', time_identifier: 'Calendar year', category: c.category, demand: f(c.demand), capacity: f(c.capacity), gap: f(c.gap), ratio: f(c.ratio), services: c.services, places_listed: c.places_listed ?? 'x', places_unapportioned: c.places_unapportioned })),
  },
  'provision-waits-by-commissioner': {
    json: '/api/analytics/provision-gaps',
    expected: (r: ProvisionGapsResponse) =>
      r.commissioning.rows.map((c) => ({
        category: c.category,
        commissioner: c.commissioner,
        commissioner_type: c.commissioner_type,
        children_with_provision: f(c.children_with_provision),
        children_waiting: f(c.children_waiting),
        waiting_median_weeks: f(c.waiting_weeks.median),
        waiting_upper_quartile_weeks: f(c.waiting_weeks.q3),
        children_started: f(c.children_started),
        started_lower_quartile_weeks: f(c.started_wait_weeks.q1),
      })),
  },
  'provision-age-coverage': {
    json: '/api/analytics/provision-gaps',
    expected: (r: ProvisionGapsResponse) => r.age_coverage.rows.map((a) => ({ category: a.category, age_band: a.age_band, coverage: a.coverage, services_open: a.services_open, children: f(a.children) })),
  },
  placements: {
    json: '/api/analytics/provision-gaps',
    expected: (r: ProvisionGapsResponse) => [
      ...r.placements.out_of_area.cells.map((c) => ({ placement: 'out_of_area', setting_type: c.setting_type, setting_type_label: settingWords(c.setting_type), primary_need: c.primary_need, primary_need_label: needWords(c.primary_need), plans: f(c.plans), active_plans: f(r.placements.active_plans) })),
      ...r.placements.independent.cells.map((c) => ({ placement: 'independent', setting_type: c.setting_type, setting_type_label: settingWords(c.setting_type), primary_need: c.primary_need, primary_need_label: needWords(c.primary_need), plans: f(c.plans) })),
    ],
  },
  'feedback-themes': {
    json: '/api/feedback/themes',
    expected: (r: FeedbackThemesResponse) =>
      r.themes.map((t) => ({ theme: t.theme, ...share('comments', t.share), rated: f(t.rated), mean_rating: f(t.mean_rating), ...share('response_responded', t.responses.responded, false), ...share('response_not_recorded', t.responses.not_recorded, false) })),
  },
  'feedback-theme-trend': {
    json: `/api/feedback/themes?area=${encodeURIComponent(NORTH)}`,
    expected: (r: FeedbackThemesResponse) => r.themes.flatMap((t) => t.trend.map((p) => ({ area_code: NORTH, time_period: p.period, theme: t.theme, ...share('comments', p.share) }))),
  },
  'budget-take-up': {
    json: '/api/budgets',
    expected: (r: BudgetsResponse) => [
      { element: 'all', mechanism: 'all', ...share('plans', r.take_up.with_budget) },
      ...r.take_up.by_element.map((e) => ({ element: e.element, mechanism: 'all', ...share('plans', e.plans) })),
      ...r.take_up.by_mechanism.map((m) => ({ element: 'all', mechanism: m.mechanism, ...share('plans', m.plans) })),
      ...r.take_up.by_element_and_mechanism.map((x) => ({ element: x.element, mechanism: x.mechanism, ...share('plans', x.plans) })),
    ],
  },
  'budget-amounts': {
    json: '/api/budgets?period=2023',
    expected: (r: BudgetsResponse) => r.amounts.map((a) => ({ element: a.element, budgets: f(a.budgets), with_amount: f(a.with_amount), lower_quartile: f(a.lower_quartile), median: f(a.median), upper_quartile: f(a.upper_quartile), total: f(a.total) })),
  },
  'budget-sources': {
    json: '/api/budgets',
    expected: (r: BudgetsResponse) => [
      { measure: 'personal_health_budgets', ...share('budgets', r.personal_health_budgets.personal_health_budgets) },
      { measure: 'from_plans', ...share('budgets', r.sources.from_plans) },
      { measure: 'from_cna_only', ...share('budgets', r.sources.from_cna_only) },
    ],
  },
  'transitions-pfa-outcomes': {
    json: '/api/transitions?by=age',
    expected: (r: TransitionsResponse) =>
      r.preparing_for_adulthood.rows.map((p) => ({ breakdown: 'age', breakdown_value: p.group, young_people: f(p.young_people), ...share('reviewed', p.reviewed), ...share('employment', p.outcomes.employment, false), ...share('health', p.outcomes.health, false) })),
  },
  'transitions-care-act': {
    json: '/api/transitions',
    expected: (r: TransitionsResponse) => [{ area_code: LA, ...share('assessed_before_18', r.care_act_transition_assessments.assessed_before_18) }],
  },
  'transitions-ceasing-reasons': {
    json: '/api/transitions',
    expected: (r: TransitionsResponse) => r.plans_ceased_19_to_25.by_reason.map((c) => ({ cease_reason: c.cease_reason, ...share('plans', c.plans) })),
  },
  forecast: {
    json: '/api/forecast?by=age_band',
    expected: (r: ForecastResponse) =>
      r.projection.map((p) => ({
        time_period: p.period,
        kind: p.kind,
        breakdown: 'age_band',
        breakdown_value: p.breakdown_value,
        plans: p.value ?? (p.suppressed ? 'c' : 'x'),
        lower_95: p.lower_95 ?? (p.suppressed ? 'c' : p.kind === 'actual' ? 'z' : 'x'),
        upper_99_8: p.upper_99_8 ?? (p.suppressed ? 'c' : p.kind === 'actual' ? 'z' : 'x'),
      })),
  },
  'forecast-rates': {
    json: '/api/forecast',
    expected: (r: ForecastResponse) =>
      r.rates.map((x) => ({ age: x.age, age_band: x.age_band, population: x.population ?? 'x', joining_rate: x.joining_rate ?? (x.joining_suppressed ? 'c' : 'x'), leaving_rate: x.leaving_rate ?? (x.leaving_suppressed ? 'c' : 'x') })),
  },
};

const csvPath = (id: string, json: string) => `/api/export/analytics/${id}.csv${json.includes('?') ? json.slice(json.indexOf('?')) : ''}`;
/** A CSV field as the expected value's type: numbers compared as numbers (unrounded), text and symbols as text. */
const asExpected = (field: string | undefined, expected: string | number): string | number => (typeof expected === 'number' && field !== undefined && /^-?[\d.]+(e[+-]?\d+)?$/i.test(field) ? Number(field) : (field ?? '<missing>'));

let t: TempDb;
const apps = new Map<number, App>();
beforeAll(async () => {
  t = await fixtureDatabase();
  for (const threshold of [0, 7]) apps.set(threshold, createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: threshold } }).app);
});
afterAll(() => t.cleanup());
const app = (threshold: number): App => apps.get(threshold) ?? (null as never);

describe('GET /api/export/analytics/<table>.csv', () => {
  it('has a case here for every table in the registry', () => {
    expect(Object.keys(cases).sort()).toEqual(analyticsTables.map((x) => x.id).sort());
  });

  describe.each([0, 7])('threshold %i', (threshold) => {
    it.each(Object.entries(cases))('%s holds the JSON endpoint’s figures', async (id, c) => {
      const json = await request(app(threshold)).get(c.json).expect(200);
      const res = await getBinary(app(threshold), csvPath(id, c.json));
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${id}_[a-z0-9_-]+\\.csv"$`));
      expect(res.headers['x-synthetic-data']).toBe('false');
      const { header, records } = parseCsv(res.body);
      const table = analyticsTables.find((x) => x.id === id);
      expect(header).toEqual(['data_status', ...(table?.columns.map((col) => col.name) ?? [])]);
      const expected = c.expected(json.body as never);
      expect(records).toHaveLength(expected.length);
      expect(records.length).toBeGreaterThan(0);
      expected.forEach((row, i) => {
        const record = records[i] ?? {};
        expect(record.data_status).toBe('extract');
        for (const [key, value] of Object.entries(row)) expect(asExpected(record[key], value), `${id} row ${i + 1} ${key}`).toBe(exported(value));
      });
      // Never a blank cell: a figure or a DfE symbol.
      for (const record of records) for (const [key, value] of Object.entries(record)) expect(value, `${id} ${key}`).not.toBe('');
    });
  });

  it('shows suppressed cells as c where the JSON has null with symbol c, and not at threshold 0', async () => {
    const steps = async (threshold: number) => parseCsv((await getBinary(app(threshold), '/api/export/analytics/journey-steps.csv')).body).records;
    const json = (await request(app(7)).get('/api/analytics/journey').expect(200)).body as JourneyResponse;
    const review = json.steps.find((s) => s.step === 'annual_review');
    expect(review?.children).toEqual({ value: null, symbol: 'c' });
    const at7 = (await steps(7)).find((r) => r.step === 'annual_review');
    const at0 = (await steps(0)).find((r) => r.step === 'annual_review');
    expect(at7?.children).toBe('c');
    expect(Number(at0?.children)).toBeGreaterThan(0);
    expect(Number(at0?.children)).toBeLessThanOrEqual(7);
  });

  it.each([
    ['/api/export/analytics/nothing.csv', 404],
    ['/api/export/analytics/journey-steps.xlsx', 404],
    ['/api/export/analytics/..%2Fjourney-steps.csv', 404],
    ['/api/export/analytics/journey-steps.csv?area=E08000036', 404],
    ['/api/export/analytics/journey-steps.csv?period=1999', 404],
    ['/api/export/analytics/journey-steps.csv?area=North', 400],
    ['/api/export/analytics/provision-gaps-grid.csv?area=E08000035', 400],
    ['/api/export/analytics/transitions-pfa-outcomes.csv?by=sex', 400],
    ['/api/export/analytics/forecast.csv?by=commissioner', 400],
    ['/api/export/analytics/journey-steps.meta.csv?area=E08000035', 400],
  ])('%s → %i with a JSON error', async (path, status) => {
    const res = await request(app(7)).get(path).expect(status);
    expect(typeof res.body.error).toBe('string');
  });

  it('names the file from the table id and the resolved query only', async () => {
    const res = await getBinary(app(7), `/api/export/analytics/transitions-pfa-outcomes.csv?area=${encodeURIComponent(NORTH)}&by=age`);
    expect(res.headers['content-disposition']).toBe('attachment; filename="transitions-pfa-outcomes_e08000035-north_2024_age.csv"');
  });

  it('is refused to a commissioner (exports are for analysts)', async () => {
    const commissioner = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }, 'commissioner').app;
    await request(commissioner).get('/api/export/analytics/journey-steps.csv').expect(403);
  });
});

describe('GET /api/export/analytics/<table>.meta.csv', () => {
  it.each(analyticsTables.map((x) => x.id))('%s: table, method, sources, disclosure, symbols and every column', async (id) => {
    const res = await getBinary(app(7), `/api/export/analytics/${id}.meta.csv`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${id}_meta.csv"`);
    const { header, records } = parseCsv(res.body);
    expect(header).toEqual(['section', 'name', 'value']);
    const value = (section: string, name: string) => records.find((r) => r.section === section && r.name === name)?.value;
    expect(value('status', 'data_status')).toBe('extract');
    expect(value('table', 'id')).toBe(id);
    expect(value('disclosure', 'threshold')).toBe('7');
    expect(value('source', 'extract_date')).toBe('2025-01-16');
    expect(records.filter((r) => r.section === 'method').length).toBeGreaterThan(1);
    expect(records.some((r) => r.section === 'source' && (r.name ?? '').startsWith('file:') && /sha256 [0-9a-f]{64}/.test(r.value ?? ''))).toBe(true);
    const csv = parseCsv((await getBinary(app(7), `/api/export/analytics/${id}.csv`)).body);
    expect(records.filter((r) => r.section === 'column').map((r) => r.name)).toEqual(csv.header);
    for (const r of records.filter((x) => x.section === 'column')) expect(r.value?.length ?? 0).toBeGreaterThan(5);
  });
});

describe('analytics sheets in the chapter workbooks', () => {
  const books = new Map<string, ExcelJS.Workbook>();
  const workbook = async (chapter: string): Promise<ExcelJS.Workbook> => {
    let wb = books.get(chapter);
    if (!wb) books.set(chapter, (wb = await readWorkbook((await getBinary(app(7), `/api/export/${chapter}.xlsx`)).body)));
    return wb;
  };
  const sheet = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => wb.getWorksheet(name) ?? (null as never);
  const TABLE_TOP = 4;
  /** A workbook cell as the expected value's spelling: symbols in brackets, calendar years as numbers. */
  const inBook = (v: string | number): string | number => (v === 'c' || v === 'x' || v === 'z' ? `[${v}]` : /^\d{4}$/.test(String(v)) ? Number(v) : exported(v));

  it.each([
    ['needs', ['forecast', 'forecast-rates']],
    ['gaps', ['journey-steps', 'journey-waiting', 'journey-overlap', 'provision-gaps-grid', 'provision-gaps-categories', 'provision-waits-by-commissioner', 'provision-age-coverage', 'placements', 'feedback-themes', 'feedback-theme-trend']],
    ['outcomes', ['budget-take-up', 'budget-amounts', 'budget-sources', 'transitions-pfa-outcomes', 'transitions-care-act', 'transitions-ceasing-reasons']],
  ])('%s lists its analytics tables after the indicators, each one Excel table linked from Contents and with a note', async (chapter, ids) => {
    const wb = await workbook(chapter);
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names.slice(-ids.length)).toEqual(ids);
    const contents = sheetRows(sheet(wb, 'Contents'), TABLE_TOP + 1).map((r) => r[0]);
    expect(contents.slice(-ids.length)).toEqual(ids);
    const notes = sheetRows(sheet(wb, 'Notes'), TABLE_TOP + 1).map((r) => String(r[1]));
    for (const id of ids) {
      const ws = sheet(wb, id);
      const [table, ...more] = sheetTables(ws);
      expect(more).toEqual([]);
      expect(table?.ref).toMatch(new RegExp(`^A${TABLE_TOP}:[A-Z]+${ws.rowCount}$`));
      const title = analyticsTables.find((x) => x.id === id)?.title ?? '';
      expect(String(sheetRows(ws)[0]?.[0])).toContain(title);
      const note = /\[note \d+\]/.exec(String(sheetRows(ws)[1]?.[0]))?.[0];
      expect(notes.some((n) => n.startsWith(`${title} (${id}`)), id).toBe(true);
      expect(note, id).toBeDefined();
    }
  });

  it('puts every area in the analytics sheets with the JSON figures: journey steps (gaps) for the LA and North, a suppressed cell as [c]', async () => {
    const ws = sheet(await workbook('gaps'), 'journey-steps');
    const [head = [], ...body] = sheetRows(ws, TABLE_TOP);
    const col = (name: string) => head.indexOf(analyticsTables.find((x) => x.id === 'journey-steps')?.columns.find((c) => c.name === name)?.header ?? name);
    let suppressed = 0;
    for (const area of [LA, NORTH]) {
      const json = (await request(app(7)).get(`/api/analytics/journey?area=${encodeURIComponent(area)}`).expect(200)).body as JourneyResponse;
      const rows = body.filter((r) => r[col('area_code')] === area);
      expect(rows).toHaveLength(json.steps.length);
      json.steps.forEach((s, i) => {
        const row = rows[i] ?? [];
        expect(row[col('time_period')]).toBe(2024);
        expect(row[col('step')]).toBe(s.step);
        expect(row[col('children')]).toBe(inBook(f(s.children)));
        expect(row[col('exits')]).toBe(inBook(f(s.time.n)));
        expect(row[col('median_weeks')]).toBe(inBook(f(s.time.median)));
        if (s.children.symbol === 'c') suppressed++;
      });
    }
    expect(suppressed).toBeGreaterThan(0);
  });

  it.each([
    ['outcomes', 'transitions-ceasing-reasons', '/api/transitions', (r: TransitionsResponse) => r.plans_ceased_19_to_25.by_reason.map((c) => [c.cease_reason, c.plans.numerator ?? 'c', c.plans.value ?? c.plans.symbol ?? 'x'])],
    ['gaps', 'provision-gaps-grid', '/api/analytics/provision-gaps', (r: ProvisionGapsResponse) => r.grid.map((c) => [c.category, f(c.demand), f(c.capacity)])],
    ['needs', 'forecast', '/api/forecast?by=primary_need', (r: ForecastResponse) => r.projection.map((p) => [p.breakdown_value, p.value ?? (p.suppressed ? 'c' : 'x'), p.kind])],
  ] as const)('%s / %s equals %s for the LA', async (chapter, id, json, pick) => {
    const ws = sheet(await workbook(chapter), id);
    const [head = [], ...body] = sheetRows(ws, TABLE_TOP);
    const columns = analyticsTables.find((x) => x.id === id)?.columns ?? [];
    const header = (name: string) => head.indexOf(columns.find((c) => c.name === name)?.header ?? name);
    const fields = id === 'transitions-ceasing-reasons' ? ['cease_reason', 'plans', 'plans_percent'] : id === 'provision-gaps-grid' ? ['category', 'demand', 'capacity'] : ['breakdown_value', 'plans', 'kind'];
    const response = (await request(app(7)).get(json).expect(200)).body as never;
    const expected = (pick as (r: never) => (string | number)[][])(response).map((r) => r.map(inBook));
    let rows = body.filter((r) => r[header('area_code')] === LA);
    if (id === 'provision-gaps-grid') rows = body; // the grid holds the LA and its localities in one response
    if (id === 'forecast') rows = rows.filter((r) => r[header('breakdown')] === 'primary_need');
    expect(rows.map((r) => fields.map((name) => r[header(name)]))).toEqual(expected);
  });
});

describe('synthetic extract and hostile names', () => {
  let synthetic: TempDb;
  let hostile: TempDb;
  beforeAll(async () => {
    synthetic = await editedFixtureDatabase(markSynthetic);
    hostile = await editedFixtureDatabase((dir) => {
      replaceValues(dir, { North: '=HYPERLINK("http://x")' }, 'locality');
      replaceValues(dir, { QWO: '@SUM(1+1)' }, 'commissioner');
    });
  });
  afterAll(() => {
    synthetic.cleanup();
    hostile.cleanup();
  });

  it('marks every row, the file name, the header and the metadata of a synthetic extract', async () => {
    const s = createTestApp({ db: synthetic.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
    for (const id of ['provision-gaps-grid', 'budget-take-up', 'forecast']) {
      const res = await getBinary(s, `/api/export/analytics/${id}.csv`);
      expect(res.headers['x-synthetic-data']).toBe('true');
      expect(res.headers['content-disposition']).toMatch(/_synthetic\.csv"$/);
      const { records } = parseCsv(res.body);
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) expect(r.data_status).toBe('synthetic');
      const meta = parseCsv((await getBinary(s, `/api/export/analytics/${id}.meta.csv`)).body).records;
      expect(meta[0]).toMatchObject({ section: 'warning', name: 'data_status' });
      expect(meta[0]?.value).toMatch(/^SYNTHETIC DATA — not real\./);
    }
  });

  it('neutralises formula-like locality names and commissioner codes in the CSV and the workbook', async () => {
    const h = createTestApp({ db: hostile.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
    const seen = new Set<string>();
    for (const id of ['provision-gaps-grid', 'provision-waits-by-commissioner']) {
      const { text, records } = parseCsv((await getBinary(h, `/api/export/analytics/${id}.csv`)).body);
      expect(text).not.toMatch(/(^|,|")(=HYPERLINK|@SUM)/m);
      for (const r of records) for (const v of Object.values(r)) if (v.startsWith("'")) seen.add(v);
      // Negative numbers (gaps) are numbers, not text; any other field must not start a formula.
      for (const r of records) for (const v of Object.values(r)) if (!/^-?[\d.]+$/.test(v)) expect(formulaLike.test(v), v).toBe(false);
    }
    expect(seen).toEqual(new Set([`'=HYPERLINK("http://x")`, "'@SUM(1+1)"]));
    const wb = await readWorkbook((await getBinary(h, '/api/export/gaps.xlsx')).body);
    const cells = ['provision-gaps-grid', 'provision-waits-by-commissioner'].flatMap((id) => sheetRows(wb.getWorksheet(id) ?? (null as never)).flat());
    expect(cells).toContain(`'=HYPERLINK("http://x")`);
    expect(cells).toContain("'@SUM(1+1)");
    for (const v of cells) if (typeof v === 'string') expect(formulaLike.test(v), v).toBe(false);
  });
});
