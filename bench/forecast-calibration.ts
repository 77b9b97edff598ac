import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../server/db/database.ts';
import { rollingOriginBacktest, summariseCalibration, type CalibrationCell, type CalibrationSummary } from '../server/forecast/calibration.ts';
import { defaultForecastOptions, projector, type ForecastOptions } from '../server/forecast/forecast.ts';
import { readHistories } from '../server/forecast/inputs.ts';
import type { AreaHistory } from '../server/forecast/model.ts';
import { generateExtract } from '../server/generate/index.ts';
import { loadExtract } from '../server/ingest/load-extract.ts';
import { repoRoot } from '../server/sql-files.ts';

// `npm run bench -- forecast-calibration [--seeds 40] [--first-seed 1] [--holdout-from 21] [--label run]`
// (or `npx tsx bench/forecast-calibration.ts …`). Calibration of the forecast band: rolling-origin
// backtests from every possible origin on generated extracts, one per seed, of different LAs,
// sizes and lengths (`extractFor`). Each extract is backtested with the method of main 87e2b22
// (`before`: constant rates at their pooled level) and the current one (`after`: the rates' damped
// trend carried on). The trend's settings (model.ts TREND_PRIOR, SPREAD_PRIOR) were chosen on seeds
// below --holdout-from; the seeds from it on are the held-out test. Prints, for LA and locality
// totals, by horizon, the share of actual counts inside the 95% and 99.8% bands and the MAPE of
// the model, no change and a linear trend; writes bench/results/<date>-forecast-calibration-<label>.json.

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== 'forecast-calibration'),
  options: {
    seeds: { type: 'string', default: '40' },
    'first-seed': { type: 'string', default: '1' },
    'holdout-from': { type: 'string', default: '21' },
    label: { type: 'string', default: 'run' },
    // Runs behind each band (default the server's: 4,000 an LA, 1,000 a locality).
    simulations: { type: 'string', default: String(defaultForecastOptions.simulations) },
    'locality-simulations': { type: 'string', default: String(defaultForecastOptions.localitySimulations) },
    // Histories of the extracts, kept between runs (generating and loading an extract is most of the time).
    cache: { type: 'string', default: join(repoRoot, 'bench', 'data', 'forecast-calibration') },
    // Writes the LA histories (needs summed) to this file: the fixture of test/forecast/calibration-coverage.test.ts.
    fixture: { type: 'string' },
  },
});
const seeds = Number(values.seeds);
const firstSeed = Number(values['first-seed']);
const holdoutFrom = Number(values['holdout-from']);

const laCodes = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'data', 'reference', 'synthetic-params.json'), 'utf8')) as { las: Record<string, unknown> }).las).sort();

/** The extract of a seed: an LA spread over England's 153, 1,500, 3,000 or 6,000 children, 4 to 6 years (2 to 4 origins). */
export function extractFor(seed: number): { la: string; children: number; years: number } {
  return { la: laCodes[(seed * 41) % laCodes.length] ?? 'E08000035', children: [1500, 3000, 6000][seed % 3] ?? 3000, years: [6, 5, 4, 6, 5][seed % 5] ?? 5 };
}

const runs = { simulations: Number(values.simulations), localitySimulations: Number(values['locality-simulations']), workers: 0 };
const methods: Record<'before' | 'after', ForecastOptions> = {
  before: { ...defaultForecastOptions, ...runs, trend: null },
  after: { ...defaultForecastOptions, ...runs },
};

interface Cached extends ReturnType<typeof extractFor> {
  seed: number;
  histories: AreaHistory[];
}

/** The extract's histories: from the cache, else generated, loaded and read (then cached). */
async function historiesOf(seed: number): Promise<Cached> {
  const file = join(values.cache, `h-${seed}.json`);
  const spec = extractFor(seed);
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Cached;
    if (cached.la === spec.la && cached.children === spec.children && cached.years === spec.years) return cached;
  }
  const dir = join(tmpdir(), `forecast-calibration-${process.pid}-${seed}`);
  mkdirSync(dir, { recursive: true });
  try {
    await generateExtract({ outDir: dir, seed, children: spec.children, laCode: spec.la, years: spec.years });
    const db = await Database.open(join(dir, 'x.duckdb'));
    try {
      await loadExtract(db, dir);
      const out: Cached = { seed, ...spec, histories: await readHistories(db) };
      mkdirSync(values.cache, { recursive: true });
      writeFileSync(file, JSON.stringify(out));
      return out;
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An LA's history with its needs summed into one (the fixture: totals do not depend on needs). */
const needsSummed = (h: AreaHistory): AreaHistory => {
  const sum = (m: number[][]) => m.map((row) => [row.reduce((s, x) => s + x, 0)]);
  return { ...h, needs: ['all'], years: h.years.map((y) => ({ ...y, atStart: sum(y.atStart), joined: sum(y.joined), ceased: sum(y.ceased), atEnd: sum(y.atEnd) })) };
};
type Tagged = CalibrationCell & { seed: number; method: keyof typeof methods; set: 'training' | 'held out' };

const all: Tagged[] = [];
const started = performance.now();
const extracts: ({ seed: number } & ReturnType<typeof extractFor> & { seconds: number })[] = [];
const fixture: { seed: number; la: string; children: number; years: number; history: AreaHistory }[] = [];
for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
  const t = performance.now();
  const { histories, ...spec } = await historiesOf(seed);
  const la = histories.find((h) => h.parentCode === null);
  if (la) fixture.push({ seed, la: spec.la, children: spec.children, years: spec.years, history: needsSummed(la) });
  const line: string[] = [];
  for (const [method, options] of Object.entries(methods) as [keyof typeof methods, ForecastOptions][]) {
    const cells = await rollingOriginBacktest(histories, projector(options), true);
    all.push(...cells.map((c) => ({ ...c, seed, method, set: seed < holdoutFrom ? ('training' as const) : ('held out' as const) })));
    const s = summariseCalibration(cells.filter((c) => c.parentCode === null));
    line.push(`${method} ${s.inside95}/${s.predictions} in 95%, ${s.inside998}/${s.predictions} in 99.8%`);
  }
  extracts.push({ ...spec, seconds: (performance.now() - t) / 1000 });
  console.log(`seed ${seed} ${spec.la} ${spec.children} children ${spec.years} years: LA ${line.join('; ')} (${((performance.now() - t) / 1000).toFixed(0)} s)`);
}
if (values.fixture) writeFileSync(values.fixture, `${JSON.stringify(fixture)}\n`);

const pct = (a: number, n: number) => (n === 0 ? '–' : `${((100 * a) / n).toFixed(1)}%`);
const f1 = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)}%`);
const lines = ['| method | seeds | areas | horizon | predictions | inside 95% | inside 99.8% | MAPE model | MAPE no change | MAPE linear trend |', '|---|---|---|---|---|---|---|---|---|---|'];
const summaries: Record<string, CalibrationSummary> = {};
for (const method of ['before', 'after'] as const) {
  for (const set of ['training', 'held out', 'all'] as const) {
    for (const [areas, inGroup] of [['LA', (c: Tagged) => c.parentCode === null], ['localities', (c: Tagged) => c.parentCode !== null]] as const) {
      for (const h of [0, 1, 2, 3, 4]) {
        const cells = all.filter((c) => c.method === method && (set === 'all' || c.set === set) && inGroup(c) && (h === 0 || c.horizon === h));
        if (cells.length === 0 || (h > 0 && set !== 'all')) continue;
        const s = summariseCalibration(cells);
        summaries[`${method}|${set}|${areas}|${h === 0 ? 'all' : h}`] = s;
        lines.push(`| ${method} | ${set} | ${areas} | ${h === 0 ? 'all' : `${h} year${h > 1 ? 's' : ''}`} | ${s.predictions} | ${pct(s.inside95, s.predictions)} | ${pct(s.inside998, s.predictions)} | ${f1(s.mape)} | ${f1(s.mapeNoChange)} | ${f1(s.mapeLinearTrend)} |`);
      }
    }
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`\n${seeds} extracts (seeds ${firstSeed}-${firstSeed + seeds - 1}, held out from ${holdoutFrom}; ${new Set(extracts.map((e) => e.la)).size} LAs; 1,500-6,000 children; 4-6 years), every origin, ${runs.simulations} runs an LA and ${runs.localitySimulations} a locality, ${seconds.toFixed(0)} s\n`);
console.log(lines.join('\n'));
const out = join(repoRoot, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-forecast-calibration-${values.label}.json`);
writeFileSync(out, `${JSON.stringify({ label: values.label, firstSeed, seeds, holdoutFrom, runs, seconds, extracts, table: lines, summaries }, null, 2)}\n`);
console.log(`\nwrote ${out}`);
