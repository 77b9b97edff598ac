import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../server/db/database.ts';
import { rollingOriginBacktest, summariseCalibration, type CalibrationCell } from '../server/forecast/calibration.ts';
import { defaultForecastOptions, projector } from '../server/forecast/forecast.ts';
import { readHistories } from '../server/forecast/inputs.ts';
import { generateExtract } from '../server/generate/index.ts';
import { loadExtract } from '../server/ingest/load-extract.ts';
import { repoRoot } from '../server/sql-files.ts';

// `npx tsx bench/forecast-calibration.ts [--seeds 20] [--children 3000] [--la E08000035,...] [--label after]`
// Calibration of the forecast band: rolling-origin backtests (every possible origin) on
// generated extracts (one per seed, LAs taken in turn), LA and locality totals. Prints the share
// of actual counts inside the 95% and 99.8% bands and the MAPE against no-change and
// linear-trend forecasts; writes bench/results/<date>-forecast-calibration-<label>.json.

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const seeds = Number(arg('seeds', '20'));
const firstSeed = Number(arg('first-seed', '1'));
const children = Number(arg('children', '3000'));
const las = arg('la', 'E08000035,E09000033,E06000023,E10000020').split(',');
const label = arg('label', 'run');
const yearEffect = arg('year-effect', defaultForecastOptions.yearEffect) === 'independent' ? 'independent' : 'random-walk';

const all: (CalibrationCell & { seed: number; la: string })[] = [];
const started = performance.now();
for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
  const la = las[(seed - 1) % las.length] ?? 'E08000035';
  const dir = join(tmpdir(), `forecast-calibration-${process.pid}-${seed}`);
  mkdirSync(dir, { recursive: true });
  await generateExtract({ outDir: dir, seed, children, laCode: la });
  const db = await Database.open(join(dir, 'x.duckdb'));
  try {
    await loadExtract(db, dir);
    const cells = await rollingOriginBacktest(await readHistories(db), projector({ ...defaultForecastOptions, yearEffect }), true);
    all.push(...cells.map((c) => ({ ...c, seed, la })));
    const s = summariseCalibration(cells.filter((c) => c.parentCode === null));
    console.log(`seed ${seed} ${la}: LA ${s.inside95}/${s.predictions} inside 95%, ${s.inside998}/${s.predictions} inside 99.8%`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
const pct = (a: number, n: number) => (n === 0 ? '–' : `${((100 * a) / n).toFixed(1)}%`);
const f1 = (x: number | null) => (x === null ? '–' : x.toFixed(1));
const lines = ['| areas | horizon | predictions | inside 95% | inside 99.8% | MAPE model | MAPE no change | MAPE linear trend |', '|---|---|---|---|---|---|---|---|'];
const groups: [string, (c: CalibrationCell) => boolean][] = [['LA', (c) => c.parentCode === null], ['localities', (c) => c.parentCode !== null]];
const summaries: Record<string, unknown> = {};
for (const [name, inGroup] of groups) {
  for (const h of [0, 1, 2, 3, 4]) {
    const cells = all.filter((c) => inGroup(c) && (h === 0 || c.horizon === h));
    if (cells.length === 0) continue;
    const s = summariseCalibration(cells);
    summaries[`${name}|${h === 0 ? 'all' : h}`] = s;
    lines.push(`| ${name} | ${h === 0 ? 'all' : `${h} year${h > 1 ? 's' : ''}`} | ${s.predictions} | ${pct(s.inside95, s.predictions)} | ${pct(s.inside998, s.predictions)} | ${f1(s.mape)}% | ${f1(s.mapeNoChange)}% | ${f1(s.mapeLinearTrend)}% |`);
  }
}
const origins = [...new Set(all.map((c) => c.origin))].sort();
console.log(`\n${seeds} extracts (seeds ${firstSeed}-${firstSeed + seeds - 1}; year effects ${yearEffect}; LAs ${las.join(', ')}; ${children} children each), origins ${origins.join(', ')}, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
console.log(lines.join('\n'));
const out = join(repoRoot, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-forecast-calibration-${label}.json`);
writeFileSync(out, `${JSON.stringify({ label, yearEffect, firstSeed, seeds, children, las, origins, summaries }, null, 2)}\n`);
console.log(`\nwrote ${out}`);
