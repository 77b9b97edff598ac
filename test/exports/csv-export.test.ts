import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorResponse, IndicatorRow } from '../../contract/indicators.ts';
import { createTestApp } from '../helpers/auth.ts';
import { loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { tidyColumns, tidyHeader } from '../../server/exports/tidy.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { exported, getBinary, parseCsv } from './helpers.ts';

// The tidy CSV is checked against the API as the oracle: for the same query it must
// hold the same rows and figures, with DfE symbols where the API has nulls.

type App = Parameters<typeof request>[0];
let t: TempDb;
let open: App; // threshold 0, with published benchmarks
let suppressed: App; // threshold 7, with published benchmarks
let bare: App; // threshold 7, no benchmarks loaded
beforeAll(async () => {
  t = await fixtureDatabase();
  const reference = await loadReferenceData('data/reference');
  open = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 }, reference }).app;
  suppressed = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, reference }).app;
  bare = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => t.cleanup());

const valueColumns = [
  'numerator', 'denominator', 'value', 'lower_95', 'upper_95', 'lower_99_8', 'upper_99_8',
  'england_value', 'region_value', 'neighbours_value', 'published_value', 'la_value',
] as const;
const symbols = new Set(['c', 'x', 'z']);

/** Number in the CSV, or the symbol the API's null stands for. */
function expectCell(csv: string | undefined, api: number | null, row: IndicatorRow, notApplicable = false): void {
  if (notApplicable) return void expect(csv).toBe('z');
  if (api === null) return void expect(csv).toBe(row.suppressed ? 'c' : 'x');
  expect(Number(csv)).toBe(exported(api));
}

function expectMatchesApi(records: Record<string, string>[], api: IndicatorResponse): void {
  expect(records).toHaveLength(api.rows.length);
  const noCi = api.indicator.ci_method === 'none';
  api.rows.forEach((row, i) => {
    const r = records[i] ?? {};
    const locality = row.area_code.includes(':');
    expect(r).toMatchObject({
      data_status: api.data.synthetic ? 'synthetic' : 'extract',
      time_period: row.period,
      time_identifier: 'Calendar year',
      geographic_level: locality ? 'Locality' : 'Local authority',
      area_code: row.area_code,
      area_name: row.area_name,
      indicator_id: api.indicator.id,
      indicator_title: api.indicator.title,
      breakdown: row.breakdown,
      breakdown_value: row.breakdown_value,
      unit: api.indicator.unit,
      symbol: row.symbol ?? '',
    });
    expectCell(r.numerator, row.numerator, row);
    expectCell(r.denominator, row.denominator, row);
    expectCell(r.value, row.value, row);
    expectCell(r.lower_95, row.lower_95, row, noCi);
    expectCell(r.upper_95, row.upper_95, row, noCi);
    expectCell(r.lower_99_8, row.lower_99_8, row, noCi);
    expectCell(r.upper_99_8, row.upper_99_8, row, noCi);
    for (const comparator of ['england', 'region', 'neighbours', 'published', 'la']) {
      const c = row.comparisons.find((x) => x.comparator === comparator);
      const value = r[`${comparator}_value`];
      const applies = locality ? comparator === 'la' : comparator !== 'la';
      if (!applies) expect(value).toBe('z');
      else if (!c || c.value === null) expect(['x', 'c']).toContain(value);
      else expect(Number(value)).toBe(exported(c.value));
      if (comparator === 'published') continue;
      const significance = r[`${comparator}_significance`];
      if (!applies) expect(significance).toBe('z');
      else if (!c || c.significance === 'not-compared') expect(symbols.has(significance ?? '')).toBe(true);
      else expect(significance).toBe(c.significance);
    }
    for (const column of valueColumns) expect(r[column], `${column} of row ${i}`).not.toBe('');
  });
}

/** Every view the tests compare: per indicator, the LA trend, each breakdown, a locality trend. */
const views = catalogue.flatMap((d) => [
  `${d.id}?period=all`,
  ...d.breakdowns.map((by) => `${d.id}?period=all&by=${by}`),
  `${d.id}?period=all&area=E08000035:north`,
  `${d.id}?period=2024&area=E08000035:south&by=${d.breakdowns[0] ?? 'all'}`,
]);

describe('GET /api/export/:id.csv matches GET /api/indicators/:id', () => {
  it.each([
    ['threshold 0', () => open],
    ['threshold 7', () => suppressed],
    ['threshold 7, no benchmarks', () => bare],
  ])('every indicator, breakdown and area (%s)', async (_label, app) => {
    let symbolsSeen = 0;
    let rows = 0;
    let englandFigures = 0;
    for (const view of views) {
      const api = await request(app()).get(`/api/indicators/${view}`).expect(200);
      const csv = parseCsv((await getBinary(app(), `/api/export/${view.replace('?', '.csv?')}`)).body);
      expect(csv.header).toEqual(tidyHeader);
      expectMatchesApi(csv.records, api.body as IndicatorResponse);
      symbolsSeen += csv.records.filter((r) => r.value === 'c').length;
      englandFigures += csv.records.filter((r) => /^\d/.test(r.england_value ?? '')).length;
      rows += csv.records.length;
    }
    expect(rows).toBeGreaterThan(views.length);
    if (app() === open) expect(symbolsSeen).toBe(0);
    else expect(symbolsSeen).toBeGreaterThan(0);
    if (app() === bare) expect(englandFigures).toBe(0);
    else expect(englandFigures).toBeGreaterThan(0);
  });

  it('fills defaults as the API does (LA of the extract, latest complete year, all)', async () => {
    const res = await getBinary(open, '/api/export/ehc-20-week-timeliness.csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ehc-20-week-timeliness_e08000035_2024_all.csv"');
    const api = await request(open).get('/api/indicators/ehc-20-week-timeliness').expect(200);
    expectMatchesApi(parseCsv(res.body).records, api.body as IndicatorResponse);
  });
});

describe('suppression in the CSV', () => {
  // Hand-worked in test/api: active plans on 31 Dec 2024 by sex are F = 3 and M = 9 (of 12).
  it('shows c for suppressed cells at threshold 7 and the numbers at threshold 0', async () => {
    const path = '/api/export/ehc-plans-rate.csv?period=2024&by=sex';
    const hidden = parseCsv((await getBinary(suppressed, path)).body).records;
    expect(hidden.map((r) => [r.breakdown_value, r.numerator, r.value, r.lower_95, r.upper_99_8, r.symbol])).toEqual([
      ['F', 'c', 'c', 'c', 'c', 'c'], // primary: 3 plans
      ['M', 'c', 'c', 'c', 'c', 'c'], // secondary: 12 - 3
    ]);
    const shown = parseCsv((await getBinary(open, path)).body).records;
    expect(shown.map((r) => [r.breakdown_value, r.numerator, r.denominator, r.value, r.symbol])).toEqual([
      ['F', '3', '2500', '1.2', ''],
      ['M', '9', '2500', '3.6', ''],
    ]);
  });

  it('a locality row shows c for its LA comparator when the LA cell is suppressed', async () => {
    const records = parseCsv((await getBinary(suppressed, '/api/export/ehc-plans-rate.csv?period=2024&by=sex&area=E08000035:north')).body).records;
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      expect(r).toMatchObject({ geographic_level: 'Locality', la_value: 'c', england_value: 'z', published_value: 'z' });
    }
  });
});

describe('CSV format', () => {
  it('is UTF-8 with a BOM, CRLF line ends and RFC 4180 quoting, with the documented columns', async () => {
    const res = await getBinary(open, '/api/export/ehc-plans-rate.csv?period=all');
    expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['x-synthetic-data']).toBe('false');
    const text = res.body.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    // The title holds a comma, so it is quoted.
    expect(text).toContain('"EHC plans per 1,000 children and young people aged 0-25"');
    expect(parseCsv(res.body).header).toEqual(tidyColumns.map(([name]) => name));
  });

  it.each([
    ['ehc-plans-rate.csv?area=E08000035:north&period=2024&by=sex', 'ehc-plans-rate_e08000035-north_2024_sex.csv'],
    ['ehc-plans-rate.csv?period=all', 'ehc-plans-rate_e08000035_all_all.csv'],
    ['ehc-plans-rate.meta.csv', 'ehc-plans-rate_meta.csv'],
  ])('%s is saved as %s', async (path, file) => {
    const res = await getBinary(open, `/api/export/${path}`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${file}"`);
  });
});

describe('bad export requests get the API answers', () => {
  it.each([
    ['ehc-plans-rate?period=24', 400],
    ['ehc-plans-rate?period=2024;DROP TABLE children', 400],
    ['ehc-plans-rate?area=Leeds', 400],
    ['ehc-plans-rate?by=postcode', 400],
    ['ehc-plans-rate?by=primary_need', 400],
    ['ehc-plans-rate?colour=red', 400],
    ['ehc-plans-rate?period=2024&period=2023', 400],
    ['no-such-indicator', 404],
    ['ehc-plans-rate?area=E08000036', 404],
    ['ehc-plans-rate?period=2019', 404],
  ])('%s → %i, as GET /api/indicators answers', async (view, status) => {
    const api = await request(open).get(`/api/indicators/${view}`).expect(status);
    const res = await request(open).get(`/api/export/${view.replace(/(\?|$)/, '.csv$1')}`).expect(status);
    expect(res.body).toEqual(api.body);
  });

  it.each([
    ['ehc-plans-rate.meta.csv?period=2024', 400],
    ['no-such-indicator.meta.csv', 404],
    ['ehc-plans-rate.json', 404],
    ['..%2Fetc%2Fpasswd.csv', 404],
    ['EHC-PLANS-RATE.csv', 404],
  ])('/api/export/%s → %i with a JSON error', async (path, status) => {
    const res = await request(open).get(`/api/export/${path}`).expect(status);
    expect(typeof res.body.error).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });
});

describe('GET /api/export/:id.meta.csv', () => {
  it('describes the indicator, its method, sources, disclosure, symbols and every CSV column', async () => {
    const res = await getBinary(suppressed, '/api/export/ehc-20-week-timeliness.meta.csv');
    const { header, records } = parseCsv(res.body);
    expect(header).toEqual(['section', 'name', 'value']);
    const get = (section: string, name: string): string | undefined => records.find((r) => r.section === section && r.name === name)?.value;
    const meta = ((await request(suppressed).get('/api/indicators').expect(200)).body as { indicators: Record<string, unknown>[] }).indicators.find(
      (i) => i.id === 'ehc-20-week-timeliness',
    );
    expect(meta).toBeDefined();
    for (const key of ['title', 'definition', 'numerator', 'denominator', 'unit', 'polarity', 'period_type']) {
      expect(get('indicator', key), key).toBe(meta?.[key]);
    }
    expect(get('method', 'ci_method')).toBe('wilson');
    expect(get('method', 'ci_method_description')).toMatch(/Wilson/);
    expect(get('source', 'extract_date')).toBe('2025-01-16');
    expect(get('source', 'load_run')).toBe('1');
    expect(get('source', 'file:ehc_requests')).toMatch(/^ehc_requests\.csv \(sha256 [0-9a-f]{64}; \d+ rows loaded, \d+ rejected\)$/);
    expect(get('source', 'file:children')).toMatch(/^children\.csv /);
    expect(get('disclosure', 'threshold')).toBe('7');
    expect(get('disclosure', 'rule')).toBe(meta?.disclosure);
    expect(records.filter((r) => r.section === 'symbol').map((r) => r.name)).toEqual(['c', 'x', 'z', "'"]);
    expect(records.filter((r) => r.section === 'column').map((r) => r.name)).toEqual([...tidyHeader]);
    expect(get('status', 'data_status')).toBe('extract');
    expect(records.some((r) => r.section === 'warning')).toBe(false);
    expect(res.body.toString('utf8')).not.toMatch(/SYNTHETIC/);
  });
});

describe('no floating-point noise (issue 17)', () => {
  it('writes every non-whole number to at most 6 decimal places: the JSON value rounded, never 30.812549999999998', async () => {
    let numbers = 0;
    for (const definition of catalogue) {
      const path = `/api/indicators/${definition.id}?period=all`;
      const json = (await request(open).get(path).expect(200)).body as IndicatorResponse;
      const { records } = parseCsv((await getBinary(open, `/api/export/${definition.id}.csv?period=all`)).body);
      records.forEach((record, i) => {
        for (const column of ['value', 'lower_95', 'upper_95', 'lower_99_8', 'upper_99_8'] as const) {
          const field = record[column] ?? '';
          if (!/^-?\d/.test(field)) continue;
          numbers += 1;
          expect(field, `${definition.id} row ${i + 1} ${column}`).not.toMatch(/\.\d{7,}/);
          const unrounded = json.rows[i]?.[column];
          if (typeof unrounded === 'number') expect(Number(field), `${definition.id} row ${i + 1} ${column}`).toBe(Number(unrounded.toFixed(6)));
        }
      });
    }
    expect(numbers).toBeGreaterThan(100);
  });
});
