import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_FILES, loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import { buildReferenceTables } from '../../server/benchmarks/import-dfe.ts';
import { catalogue, definitionOf } from '../../server/indicators/catalogue.ts';
import type { IndicatorDefinition } from '../../server/indicators/types.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { overviewIndicators } from '../../web/src/pages/overview.tsx';
import { createTestApp } from '../helpers/auth.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { tempDir } from '../generate/helpers.ts';

// Issue 18.3: adding a benchmarked headline indicator is one SQL file and one definition (plus
// the catalogue list). Here the list is the shipped catalogue plus the new definition, given to
// the app; the SQL file sits in a temporary folder; nothing shipped is touched. The new
// indicator is the complement of ehc-requests-refused (requests agreed an assessment, of those
// decided), so its figures can be checked against that indicator's.

const LA = 'E08000035';
const PERIOD = '2024';

// The one SQL file: only the indicator's own logic (the engine adds labels and empty totals).
const sql = `-- ehc-requests-agreed: requests agreed an assessment, of the requests with a decision in the year.
WITH decided AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex, r.assessment_decision = 'AGREED' AS agreed
  FROM ehc_requests r
  JOIN periods p ON r.assessment_decision_date BETWEEN p.start_date AND p.end_date
  JOIN children c ON c.child_id = r.child_id
  JOIN child_areas ca ON ca.child_id = r.child_id
  WHERE r.assessment_decision IN ('AGREED', 'REFUSED')
)
SELECT area_code, period, {{breakdowns}},
  count(*) FILTER (agreed)::INTEGER AS numerator, count(*)::DOUBLE AS denominator
FROM decided
GROUP BY {{grouping_sets(area_code, period)}}
`;

let dir: string;
// The one definition: a headline of the Overview (after the shipped ten), benchmarked on DfE's requests table.
const agreed = (sqlDir: string): IndicatorDefinition => ({
  id: 'ehc-requests-agreed',
  title: 'Requests agreed an EHC needs assessment',
  group: 'needs',
  description: 'Of the requests for an EHC needs assessment decided during the calendar year, the percentage the council agreed to assess.',
  numerator: 'requests agreed an assessment, with the decision dated in the year',
  denominator: 'requests with an assessment decision (agreed or refused) dated in the year',
  unit: 'percent',
  polarity: 'no-judgement',
  ciMethod: 'wilson',
  sources: ['ehc_requests', 'children'],
  periodType: 'calendar-year',
  breakdowns: ['sex'],
  denominatorIsCount: true,
  placement: { headline: 11 },
  disclosure: 'Numerators or denominators of 1 to 7 requests are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'DfE Education, health and care plans: requests_decided_to_assess / (requests_decided_to_assess + requests_decided_not_to_assess), from 2023',
  benchmarkBasis: {
    importedFrom: { publisher: 'dfe', table: 'requests', numerator: ['requests_decided_to_assess'], denominator: ['requests_decided_to_assess', 'requests_decided_not_to_assess'], fromYear: 2023 },
    source: 'DfE Education, health and care plans, table requests: requests_decided_to_assess / decided requests',
    numerator: 'requests received in the calendar year that the LA decided to assess',
    denominator: 'requests received in the calendar year with an assessment decision',
    referenceDate: 'requests received in the calendar year, by their outcome',
    populationBase: null,
    comparison: { kind: 'headline', why: 'A test indicator: compared on its headline.' },
  },
  sqlDir,
});

let temp: TempDb;
let app: ReturnType<typeof createTestApp>['app'];
let definition: IndicatorDefinition;

beforeAll(async () => {
  dir = tempDir('add-indicator');
  mkdirSync(join(dir, 'sql'));
  writeFileSync(join(dir, 'sql', 'ehc-requests-agreed.sql'), sql);
  definition = agreed(join(dir, 'sql'));
  // Its published figures, as the importer would write them: England, regions and LAs, agreed
  // = decided - refused of the shipped ehc-requests-refused rows.
  const reference = join(dir, 'reference');
  mkdirSync(reference);
  for (const file of Object.values(REFERENCE_FILES)) copyFileSync(join(repoRoot, 'data', 'reference', file), join(reference, file));
  const lines = readFileSync(join(reference, REFERENCE_FILES.benchmarks), 'utf8').trimEnd().split('\n');
  const added = lines.filter((l) => l.startsWith('ehc-requests-refused,')).map((l) => {
    // Area names may hold quoted commas: the last three cells (numerator, denominator, value) never do.
    const cells = l.split(',');
    const [n, d] = cells.slice(-3);
    const [numerator, denominator] = [Number(n), Number(d)];
    const known = n !== '' && d !== '' && denominator > 0;
    const head = cells.slice(1, -3).join(',');
    const value = known ? String(Number(((100 * (denominator - numerator)) / denominator).toFixed(4))) : '';
    return ['ehc-requests-agreed', head, known ? String(denominator - numerator) : '', d, value].join(',');
  });
  writeFileSync(join(reference, REFERENCE_FILES.benchmarks), `${[...lines, ...added].join('\n')}\n`);
  // A small generated Leeds (3,000 children): counts large enough that the LA headline is published.
  await generateExtract({ outDir: join(dir, 'extract'), seed: 5, children: 3000 });
  temp = await tempDatabase();
  await loadExtract(temp.db, join(dir, 'extract'));
  app = createTestApp({ db: temp.db, config: { SUPPRESSION_THRESHOLD: 7 }, reference: await loadReferenceData(reference), indicators: [...catalogue, definition] }).app;
}, 180_000);
afterAll(() => {
  temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

interface Row { area_code: string; breakdown: string; breakdown_value: string; numerator: number | null; denominator: number | null; value: number | null; suppressed: boolean; comparisons: { comparator: string; value: number | null; basis: string }[] }
const rows = async (id: string, query = `area=${LA}&period=${PERIOD}`): Promise<Row[]> => (await request(app).get(`/api/indicators/${id}?${query}`).expect(200)).body.rows;

describe('an indicator added with one SQL file and one definition', () => {
  it('is served, with figures that agree with the indicator it complements', async () => {
    const [own] = (await rows('ehc-requests-agreed')).filter((r) => r.breakdown === 'all');
    const [refused] = (await rows('ehc-requests-refused')).filter((r) => r.breakdown === 'all');
    if (!own || !refused) throw new Error('no headline rows');
    expect(own.suppressed).toBe(false);
    expect(own.denominator).toBe(refused.denominator);
    expect((own.numerator ?? 0) + (refused.numerator ?? 0)).toBe(refused.denominator);
    expect(own.value).toBeCloseTo((100 * (own.numerator ?? 0)) / (own.denominator ?? 1), 9);
    // The engine labelled its breakdown and gave every area and period a total row.
    const bySex = await rows('ehc-requests-agreed', `area=${LA}&period=${PERIOD}&by=sex`);
    expect(bySex.length).toBeGreaterThan(0);
    expect(bySex.every((r) => r.breakdown === 'sex')).toBe(true);
    const areas = (await request(app).get('/api/areas').expect(200)).body.areas as { area_code: string }[];
    for (const area of areas) expect((await rows('ehc-requests-agreed', `area=${encodeURIComponent(area.area_code)}&period=all`)).filter((r) => r.breakdown === 'all').length, area.area_code).toBeGreaterThan(0);
  });

  it('is benchmarked: its rows carry comparisons and it has a benchmark view', async () => {
    const reference = await loadReferenceData(join(dir, 'reference'));
    const england = reference.englandValue('ehc-requests-agreed', Number(PERIOD))?.value;
    expect(england).toBeGreaterThan(50);
    const [own] = (await rows('ehc-requests-agreed')).filter((r) => r.breakdown === 'all');
    expect(own?.comparisons.find((c) => c.comparator === 'england')).toMatchObject({ value: england, basis: 'headline' });
    const view = (await request(app).get(`/api/benchmarks/ehc-requests-agreed?period=${PERIOD}`).expect(200)).body;
    expect(view.england).toBe(england);
    expect(view.la_value).toBe(own?.value);
    expect(view.las.length).toBe(153);
    const meta = (await request(app).get('/api/indicators').expect(200)).body.indicators.find((m: { id: string }) => m.id === 'ehc-requests-agreed');
    expect(meta.benchmark_basis.comparison).toBe('headline');
  });

  it('is exported: its CSV and the bulk CSV hold its figures', async () => {
    const [own] = (await rows('ehc-requests-agreed')).filter((r) => r.breakdown === 'all');
    const csv = (await request(app).get(`/api/export/ehc-requests-agreed.csv?area=${LA}&period=${PERIOD}`).expect(200)).text;
    const line = csv.split('\n').find((l) => l.includes(`,${LA},`) && l.includes(',all,all,'));
    expect(line).toContain(`,${own?.numerator},${own?.denominator},`);
    const bulk = (await request(app).get(`/api/export/bulk/indicators.csv?area=${LA}&period=${PERIOD}`).expect(200)).text;
    expect(bulk).toContain('ehc-requests-agreed');
  });

  it('is on the Overview, after the shipped headlines, from the catalogue the web reads', async () => {
    const entries = (await request(app).get('/api/indicators').expect(200)).body.indicators;
    const tiles = overviewIndicators(entries).map((m) => m.id);
    expect(tiles.at(-1)).toBe('ehc-requests-agreed');
    expect(tiles.slice(0, 3)).toEqual(['ehc-plans-rate', 'ehc-requests-rate', 'ehc-20-week-timeliness']);
  });

  it('left the shipped catalogue as it was', async () => {
    expect(catalogue.some((d) => d.id === 'ehc-requests-agreed')).toBe(false);
    expect(() => definitionOf('ehc-requests-agreed')).toThrow();
  });

  it('the importer would write its published figures from its definition alone', async () => {
    const source = join(repoRoot, '..', 'shared', 'data');
    const { benchmarks } = await buildReferenceTables(source, [definition]);
    const england = benchmarks.find((r) => r.area_code === 'E92000001' && r.period === Number(PERIOD));
    const reference = await loadReferenceData(join(dir, 'reference'));
    expect(england?.value).toBeCloseTo(reference.englandValue('ehc-requests-agreed', Number(PERIOD))?.value ?? Number.NaN, 3);
    expect(new Set(benchmarks.map((r) => r.indicator_id))).toEqual(new Set(['ehc-requests-agreed']));
  }, 60_000);
});
