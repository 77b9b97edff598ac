import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from 'supertest/types.js';
import { ruleFor } from '../../server/auth/route-roles.ts';
import { analyticsTables } from '../../server/exports/analytics-tables.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { snapshotDatabase, type Snapshot } from './helpers.ts';

// fast-check requests to every GET data route (the board-pack PDF aside: it starts Chromium)
// as an admin, with valid, hostile and nonsense values for every query parameter and path
// segment: SQL injection, unicode, huge values, repeated keys, bad percent-encoding. Every
// answer is 200, 400 or 404 (never 500), errors are JSON with no stack trace or SQL, and the
// loaded data is the same afterwards. ATTACK_REQUEST_RUNS sets the number (default 300).

const runs = Number(process.env.ATTACK_REQUEST_RUNS ?? 300);

let t: TempDb;
let app: App;
let before: Snapshot;
beforeAll(async () => {
  t = await fixtureDatabase();
  app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }, 'admin').app;
  before = await snapshotDatabase(t.db);
});
afterAll(() => t.cleanup());

const injections = [
  "' OR 1=1 --",
  '"; DROP TABLE children; --',
  "E08000035' UNION SELECT child_id, NULL FROM children --",
  "2024'; DELETE FROM ehc_plans; --",
  "all') OR ('1'='1",
  '1; ATTACH \'/etc/passwd\' AS x',
  "COPY children TO '/tmp/x.csv'",
  '$1',
  '?',
  '%',
  '\\',
  '../../etc/passwd',
];
const valid: Record<string, string[]> = {
  area: ['E08000035', 'E08000035:north', 'E08000035:south', 'E09000001'],
  period: ['2024', '2023', '2024-25', 'all', '2099', '0000'],
  period_type: ['calendar-year', 'financial-year'],
  by: ['all', 'sex', 'age_band', 'need', 'commissioner', 'setting', 'locality'],
  caseload: ['1', '250', '0', '-5', '1e9', 'NaN', 'Infinity'],
  years: ['1', '5', '0.5'],
  weeks_per_year: ['39', '52', '53', '54'],
  plans_per_coordinator_per_quarter: ['20', '500', '501'],
};
const paramNames = [...Object.keys(valid), 'id', 'file', 'chapter', '__proto__', 'constructor', 'toString', 'sort', ''];

const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...injections),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('a'.repeat(5000), '9'.repeat(400), '1e308', '-0', '0x10', ' 2024', '2024 ', '2024\n', '\u0000', '\uFEFF2024', 'E08000035\u0000'),
);
const value = (name: string): fc.Arbitrary<string> => {
  const own = Object.hasOwn(valid, name) ? valid[name] : undefined; // names such as 'constructor' are parameters too
  return own ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: hostileValue }) : hostileValue;
};

const indicatorIds = catalogue.map((d) => d.id);
const segment = (names: string[], suffixes: string[] = ['']): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...names), fc.constantFrom(...suffixes)).map(([n, s]) => n + s) },
    { weight: 1, arbitrary: hostileValue.map((v) => v + (suffixes[0] ?? '')) },
  );

// Routes: a path (with its path segment drawn) and the query parameters it knows.
const routes: [fc.Arbitrary<string>, string[]][] = [
  [fc.constant('/api/indicators'), []],
  [segment(indicatorIds).map((id) => `/api/indicators/${id}`), ['area', 'period', 'period_type', 'by']],
  [segment(indicatorIds).map((id) => `/api/benchmarks/${id}`), ['period']],
  [fc.constant('/api/areas'), []],
  [fc.constant('/api/periods'), []],
  [fc.constant('/api/data-status'), []],
  [fc.constant('/api/forecast'), ['area', 'by']],
  [fc.constant('/api/analytics/journey'), ['area', 'period']],
  [fc.constant('/api/analytics/provision-gaps'), ['period']],
  [fc.constant('/api/feedback/themes'), ['area', 'period']],
  [fc.constant('/api/budgets'), ['area', 'period']],
  [fc.constant('/api/transitions'), ['area', 'period', 'by']],
  [fc.constant('/api/workload'), ['caseload', 'years', 'weeks_per_year', 'plans_per_coordinator_per_quarter']],
  [fc.constant('/api/workload/defaults'), []],
  [segment(indicatorIds, ['.csv', '.meta.csv']).map((f) => `/api/export/${f}`), ['area', 'period', 'by']],
  [segment(['needs', 'gaps', 'outcomes', 'nope'], ['.xlsx']).map((f) => `/api/export/${f}`), []],
  [segment(analyticsTables.map((a) => a.id), ['.csv', '.meta.csv']).map((f) => `/api/export/analytics/${f}`), ['area', 'period', 'by']],
];

interface Attack {
  path: string;
  params: [string, string][];
  raw: string;
}

const attack: fc.Arbitrary<Attack> = fc.integer({ min: 0, max: routes.length - 1 }).chain((r) => {
  const [path, known] = routes[r] ?? routes[0] ?? [fc.constant('/api/health'), []];
  // Mostly the route's own parameters, sometimes others; a name may repeat (?area=a&area=b).
  const name = fc.oneof({ weight: 4, arbitrary: known.length ? fc.constantFrom(...known) : fc.constantFrom(...paramNames) }, { weight: 1, arbitrary: fc.constantFrom(...paramNames) });
  const params = fc.array(name.chain((n) => value(n).map((v): [string, string] => [n, v])), { maxLength: 5 });
  // Raw query text that is not proper percent-encoding at all.
  const raw = fc.constantFrom('', '', '', '&%', '&area=%ZZ', '&period=%', '&by=%00', '&area[]=x', '&area[0]=x&area[1]=y', '&=&==&');
  return fc.record({ path, params, raw });
});

const url = (a: Attack): string => {
  const query = a.params.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&') + a.raw;
  return `${a.path.split('/').map((s, i) => (i < 2 ? s : encodeURIComponent(s))).join('/')}${query ? `?${query}` : ''}`;
};

const safeDecode = (path: string): string => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

const leaks = /\bat \S+ \(|\.ts:\d+|node_modules|Binder Error|Catalog Error|Parser Error|Conversion Error|Invalid Input Error|\bSELECT\b[\s\S]*\bFROM\b|DuckDB|TypeError|ReferenceError/i;

describe('fuzzed GET requests', () => {
  it(`${runs} requests: 200, 400 or 404, clean JSON errors, data unchanged`, { timeout: 120_000 }, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(attack, async (a) => {
        const target = url(a);
        const res = await request(app).get(target).buffer(true);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        // A path no access rule matches (an encoded '/' in a segment: /api/indicators/..%2Fx) is
        // refused by deny-by-default, 403 even for an admin.
        const unmatched = !ruleFor('GET', safeDecode(target.split('?')[0] ?? ''));
        expect(unmatched ? [403, 404] : [200, 400, 404], `${res.status} for ${target}: ${res.text.slice(0, 300)}`).toContain(res.status);
        if (res.status !== 200) {
          expect(res.headers['content-type']).toMatch(/^application\/json/);
          const body = JSON.parse(res.text) as { error?: unknown };
          expect(typeof body.error).toBe('string');
          // What the client sent may be echoed back (as JSON text); nothing else that looks like code.
          // Longest first, so a short value (0000) cannot cut a longer echo (E08000035' UNION …) apart.
          const sent = [...a.params.map(([, v]) => v), ...a.path.split('/').filter((p) => p.length > 3)].sort((x, y) => y.length - x.length);
          let text = res.text;
          for (const v of sent) text = text.replaceAll(JSON.stringify(v).slice(1, -1), '').replaceAll(v, '');
          expect(text, target).not.toMatch(leaks);
        }
      }),
      { numRuns: runs },
    );
    console.log('statuses', Object.fromEntries(statuses));
    // The mix reached every outcome.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 404]));
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it.each([
    ['/api/indicators/ehc-plans-rate?area=E08000035&area=E08000035:north', 400],
    ["/api/indicators/ehc-plans-rate?area=E08000035'%20OR%201=1%20--", 400],
    ['/api/indicators/ehc-plans-rate?period=2024%27%3B%20DROP%20TABLE%20children%3B%20--', 400],
    ["/api/indicators/'%20OR%201=1%20--", 404],
    ['/api/export/ehc-plans-rate.csv?by=all&by=sex', 400],
    ['/api/workload?caseload=1e999&years=1&weeks_per_year=52&plans_per_coordinator_per_quarter=20', 400],
    ['/api/transitions?period=%', 400],
  ])('%s → %i', async (path, status) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});
