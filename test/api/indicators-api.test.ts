import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Figures worked out by hand from test/fixtures/small-extract:
// active plans on 31 Dec 2024: P01-P09, P11, P12, P14 = 12 (P10 and P13 ceased in 2024);
//   North: C01, C02, C03, C07, C08, C10 = 6; South: C11, C12, C13, C14, C15, C20 = 6;
//   by sex: F = C03, C12, C15 = 3; M = 9.
// active plans on 31 Dec 2023: P10, P11, P12, P13, P14 = 5.
// population (2024 only, used for 2023 too): North 2,000 (age 5), South 3,000 (age 15); F 2,500, M 2,500.
// plans issued in 2024 without exception: R01 (126 days), R02 (140), R03 (182), R04 (126), R06 (140), R07 (140),
//   R08 (147), R11 (140) = 8, of which 6 within 140 days; R05 is an exception. North: R01, R02, R03, R11 = 3 of 4;
//   South: R04, R06, R07, R08 = 3 of 4. In 2023: R14 (140) within, R15 (168) not = 1 of 2, both North children.
let t: TempDb;
let open: ReturnType<typeof createTestApp>['app'];
let suppressed: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  t = await fixtureDatabase();
  open = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
  suppressed = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => t.cleanup());

const pick = (rows: Record<string, unknown>[]) =>
  rows.map((r) => ({ area: r.area_code, period: r.period, value_of: r.breakdown_value, n: r.numerator, d: r.denominator, v: r.value }));

describe('GET /api/indicators/:id on the fixture (no suppression)', () => {
  it('ehc-plans-rate: trend for the LA', async () => {
    const res = await request(open).get('/api/indicators/ehc-plans-rate?period=all').expect(200);
    expect(res.body.query).toEqual({ area: 'E08000035', period: 'all', period_type: 'calendar-year', by: 'all' });
    expect(pick(res.body.rows)).toEqual([
      { area: 'E08000035', period: '2023', value_of: 'all', n: 5, d: 5000, v: 1 },
      { area: 'E08000035', period: '2024', value_of: 'all', n: 12, d: 5000, v: 2.4 },
    ]);
  });

  it('ehc-plans-rate: localities and sex', async () => {
    const north = await request(open).get('/api/indicators/ehc-plans-rate?area=E08000035:north&period=2024').expect(200);
    expect(pick(north.body.rows)).toEqual([{ area: 'E08000035:north', period: '2024', value_of: 'all', n: 6, d: 2000, v: 3 }]);
    const south = await request(open).get('/api/indicators/ehc-plans-rate?area=E08000035:south&period=2024').expect(200);
    expect(south.body.rows[0].value).toBe(2);
    const bySex = await request(open).get('/api/indicators/ehc-plans-rate?period=2024&by=sex').expect(200);
    expect(pick(bySex.body.rows)).toEqual([
      { area: 'E08000035', period: '2024', value_of: 'F', n: 3, d: 2500, v: 1.2 },
      { area: 'E08000035', period: '2024', value_of: 'M', n: 9, d: 2500, v: 3.6 },
    ]);
  });

  it('ehc-20-week-timeliness: default period is the latest complete year', async () => {
    const res = await request(open).get('/api/indicators/ehc-20-week-timeliness').expect(200);
    expect(res.body.query.period).toBe('2024');
    const [row] = res.body.rows;
    expect([row.numerator, row.denominator, row.value]).toEqual([6, 8, 75]);
    expect(row.lower_95).toBeLessThan(75);
    expect(row.upper_95).toBeGreaterThan(75);
    const trend = await request(open).get('/api/indicators/ehc-20-week-timeliness?period=all&area=E08000035:north').expect(200);
    expect(pick(trend.body.rows)).toEqual([
      { area: 'E08000035:north', period: '2023', value_of: 'all', n: 1, d: 2, v: 50 },
      { area: 'E08000035:north', period: '2024', value_of: 'all', n: 3, d: 4, v: 75 },
    ]);
    const y2023 = await request(open).get('/api/indicators/ehc-20-week-timeliness?period=2023').expect(200);
    expect(pick(y2023.body.rows)).toEqual([{ area: 'E08000035', period: '2023', value_of: 'all', n: 1, d: 2, v: 50 }]);
  });
});

describe('financial years', () => {
  it('gives snapshots at 31 March of complete financial years; flows are for calendar years only', async () => {
    // Counts of events are published for calendar years only (server/disclosure/periods.ts): a
    // financial year of ehc-20-week-timeliness is a 404 that says why.
    const timeliness = await request(open).get('/api/indicators/ehc-20-week-timeliness?period=2023-24').expect(404);
    expect(timeliness.body.error).toMatch(/calendar years only/);
    // Active on 31 Mar 2024: P09, P10, P11, P12, P14 = 5 (P13 ceased that very day).
    const rate = await request(open).get('/api/indicators/ehc-plans-rate?period=2023-24').expect(200);
    expect(rate.body.rows[0]).toMatchObject({ numerator: 5, denominator: 5000 });
    // 2022-23 and 2024-25 are part-years of the fixture (2023-01-01 to 2024-12-31): not published.
    const trend = await request(open).get('/api/indicators/ehc-plans-rate?period=all&period_type=financial-year').expect(200);
    expect(trend.body.rows.map((r: { period: string }) => r.period)).toEqual(['2023-24']);
    const periods = await request(open).get('/api/periods').expect(200);
    expect(periods.body).toMatchObject({ default_period: '2024', default_financial_year: '2023-24' });
  });
});

describe('disclosure control in the API (threshold 7)', () => {
  it('suppresses counts of 1-7 and the cell that would reveal them', async () => {
    const timeliness = await request(suppressed).get('/api/indicators/ehc-20-week-timeliness?period=2024').expect(200);
    expect(timeliness.body.rows[0]).toMatchObject({ numerator: null, denominator: null, value: null, lower_95: null, suppressed: true, symbol: 'c' });
    const bySex = await request(suppressed).get('/api/indicators/ehc-plans-rate?period=2024&by=sex').expect(200);
    // F = 3 is primary; M = 9 would give it away from the total of 12, so it is secondary.
    expect(bySex.body.rows.map((r: Record<string, unknown>) => [r.breakdown_value, r.numerator, r.suppression_reason])).toEqual([
      ['F', null, 'primary'],
      ['M', null, 'secondary'],
    ]);
    const total = await request(suppressed).get('/api/indicators/ehc-plans-rate?period=2024').expect(200);
    expect(total.body.rows[0]).toMatchObject({ numerator: 12, value: 2.4, suppressed: false, symbol: null });
  });
});

describe('bad requests', () => {
  it.each([
    ['/api/indicators/ehc-plans-rate?period=24', 400],
    ['/api/indicators/ehc-plans-rate?period=2024;DROP TABLE children', 400],
    ['/api/indicators/ehc-plans-rate?area=Leeds', 400],
    ['/api/indicators/ehc-plans-rate?by=postcode', 400],
    ['/api/indicators/ehc-plans-rate?by=primary_need', 400],
    ['/api/indicators/ehc-plans-rate?colour=red', 400],
    ['/api/indicators/ehc-plans-rate?period=2024&period=2023', 400],
    ['/api/indicators/no-such-indicator', 404],
    ['/api/indicators/ehc-plans-rate?area=E08000036', 404],
    ['/api/indicators/ehc-plans-rate?period=2019', 404],
    // Not in server/auth/route-roles.ts: denied by default, even to a signed-in analyst.
    ['/api/nothing-here', 403],
  ])('%s → %i with a JSON error', async (path, status) => {
    const res = await request(open).get(path).expect(status);
    expect(typeof res.body.error).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });
});

describe('catalogue, areas, periods and data status', () => {
  it('lists the catalogue with metadata', async () => {
    const res = await request(open).get('/api/indicators').expect(200);
    expect(res.body.indicators.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(['ehc-plans-rate', 'ehc-20-week-timeliness']));
    expect(res.body.data).toMatchObject({ synthetic: false, extract_date: '2025-01-16', la_code: 'E08000035' });
  });
  it('lists areas and periods', async () => {
    const areas = await request(open).get('/api/areas').expect(200);
    expect(areas.body.areas).toHaveLength(3);
    const periods = await request(open).get('/api/periods').expect(200);
    expect(periods.body.default_period).toBe('2024');
  });
  it('summarises the quarantine by reason', async () => {
    const res = await request(open).get('/api/data-status').expect(200);
    const total = res.body.quarantine.reduce((n: number, q: { rows: number }) => n + q.rows, 0);
    // 17 rejected rows (15, plus review AR08 and budget B08 on rejected plans), but plan P16 has two
    // reasons (unknown need, unknown request), so 18 row-reasons.
    expect(total).toBe(18);
    expect(res.body.runs[0].status).toBe('committed');
  });
});

describe('benchmark comparisons (published DfE figures in data/reference)', () => {
  it('compares the LA with England, its region, its neighbours and its own published figure', async () => {
    const { loadReferenceData } = await import('../../server/benchmarks/reference-data.ts');
    const { readFileSync } = await import('node:fs');
    const reference = await loadReferenceData('data/reference');
    const app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 }, reference }).app;
    const res = await request(app).get('/api/indicators/ehc-20-week-timeliness?period=2024').expect(200);
    const [row] = res.body.rows;
    // 6 of 8 = 75%; Wilson 95% interval about 40.9% to 92.9%.
    expect(row.lower_95).toBeCloseTo(40.93, 1);
    expect(row.upper_95).toBeCloseTo(92.85, 1);
    const byComparator = Object.fromEntries(row.comparisons.map((c: { comparator: string }) => [c.comparator, c]));
    // From dfe-ehc-benchmarks.csv, 2024: England 46.4344, Yorkshire and The Humber 56.7489, Leeds 9.3445.
    // England and the region lie inside the interval (similar); the LA's own published 9.3% lies below it.
    expect(byComparator.england).toMatchObject({ value: 46.4344, significance: 'similar' });
    expect(byComparator.region).toMatchObject({ label: 'Yorkshire and The Humber', value: 56.7489, significance: 'similar' });
    expect(byComparator.published).toMatchObject({ value: 9.3445, significance: 'better' });
    expect(byComparator.neighbours.label).toMatch(/^Statistical neighbours \(mean of \d+\)$/);
    // Rank among the other LAs' published 2024 values, counted here straight from the CSV.
    const others = readFileSync('data/reference/dfe-ehc-benchmarks.csv', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('ehc-20-week-timeliness,2024,') && l.includes(',Local authority,') && !l.includes(',E08000035,'))
      .map((l) => l.split(',').at(-1) ?? '')
      .filter((v) => v !== '') // LAs with no published value (symbol x) are not ranked
      .map(Number);
    expect(row.rank).toEqual({ rank: 1 + others.filter((v) => v > 75).length, of: others.length + 1, quartile: expect.any(Number) });
  });

  it('compares a locality with its LA', async () => {
    const res = await request(open).get('/api/indicators/ehc-plans-rate?area=E08000035:north&period=2024').expect(200);
    // North 3.0 per 1,000 against Leeds 2.4: the Byar interval for 6 events contains 2.4.
    expect(res.body.rows[0].comparisons).toMatchObject([{ comparator: 'la', label: 'Leeds', value: 2.4, significance: 'similar' }]);
  });
});

describe('Arrow IPC output', () => {
  it('returns the same rows as JSON when the client asks for an Arrow stream', async () => {
    const { tableFromIPC } = await import('apache-arrow');
    const path = '/api/indicators/ehc-plans-rate?period=2024&by=sex';
    const json = await request(open).get(path).expect(200);
    const arrow = await request(open)
      .get(path)
      .set('Accept', 'application/vnd.apache.arrow.stream')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', /vnd\.apache\.arrow\.stream/);
    const table = tableFromIPC(arrow.body as Buffer);
    expect(table.numRows).toBe(2);
    expect(table.schema.fields.find((f) => f.name === 'value')?.type.toString()).toBe('Float64');
    const rows = table.toArray().map((r) => r.toJSON());
    expect(rows.map((r) => [r.breakdown_value, r.numerator, r.denominator, r.value])).toEqual(
      json.body.rows.map((r: Record<string, unknown>) => [r.breakdown_value, r.numerator, r.denominator, r.value]),
    );
  });

  it('carries the metadata JSON and CSV carry, in the Arrow schema (issue 17): unit, synthetic flag, indicator, extract', async () => {
    const { tableFromIPC } = await import('apache-arrow');
    const arrow = await request(open)
      .get('/api/indicators/ehc-plans-rate?period=2024')
      .set('Accept', 'application/vnd.apache.arrow.stream')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const metadata = Object.fromEntries(tableFromIPC(arrow.body as Buffer).schema.metadata);
    expect(metadata).toMatchObject({ indicator_id: 'ehc-plans-rate', unit: 'per_1000', synthetic: 'false', la_code: 'E08000035', area: 'E08000035', period: '2024' });
    expect(metadata.unit_label).toMatch(/1,000/);
    expect(metadata.symbols).toMatch(/c: suppressed/);
  });
});

describe('GET /api/benchmarks/:id', () => {
  it('sets the LA among all LAs with England, region, neighbours and quartiles', async () => {
    const { loadReferenceData } = await import('../../server/benchmarks/reference-data.ts');
    const reference = await loadReferenceData('data/reference');
    const app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 }, reference }).app;
    const res = await request(app).get('/api/benchmarks/ehc-20-week-timeliness?period=2024').expect(200);
    expect(res.body).toMatchObject({ period: '2024', la_code: 'E08000035', la_value: 75, england: 46.4344 });
    expect(res.body.region).toMatchObject({ area_name: 'Yorkshire and The Humber', value: 56.7489 });
    expect(res.body.las).toHaveLength(153);
    expect(res.body.las.filter((l: { neighbour: boolean }) => l.neighbour)).toHaveLength(10);
    expect(res.body.las.find((l: { self: boolean }) => l.self)).toMatchObject({ area_name: 'Leeds', value: 9.3445 });
    const { min, q1, median, q3, max } = res.body.distribution;
    expect(min).toBeLessThanOrEqual(q1);
    expect(q1).toBeLessThanOrEqual(median);
    expect(median).toBeLessThanOrEqual(q3);
    expect(q3).toBeLessThanOrEqual(max);
    await request(app).get('/api/benchmarks/no-such').expect(404);
    await request(app).get('/api/benchmarks/ehc-plans-rate?period=x').expect(400);
  });

  it('quantile follows the inclusive (type 7) definition', async () => {
    const { quantile } = await import('../../server/indicators/benchmark-view.ts');
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75); // R: quantile(1:4, 0.25) = 1.75
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.75)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
  });
});
