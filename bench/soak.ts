import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../server/db/database.ts';
import { generateExtract } from '../server/generate/index.ts';
import { catalogue } from '../server/indicators/catalogue.ts';
import { loadExtract } from '../server/ingest/load-extract.ts';
import { repoRoot } from '../server/sql-files.ts';
import { startServer } from '../test/attack/server-process.ts';
import { round, summarise } from './stats.ts';

// `npm run soak`: the long attack tests, then N users for D seconds against the default dataset.
//   1. test/attack with the long settings: 50 fuzzed extracts, 10 ingest kills, 3 server kills,
//      3,000 fuzzed requests (skip with --load-only).
//   2. The default synthetic extract (bench/data/extract-default, generated if missing) loaded
//      into a fresh database; the server (test/attack/serve-child.ts: the app as `npm start` builds
//      it, signed in with the analyst's bearer token, no rate limit) in its own process, warmed.
//   3. --users closed-loop clients, no think time, each request drawn from a mix of the dashboard's
//      page calls (indicator figures for random indicators, areas and periods; catalogue, areas,
//      periods; the analytics pages; forecast; a CSV export), for --duration seconds.
//   4. Throughput, latency p50/p95/p99/max (all and by kind), errors (anything but 200; must be 0),
//      server RSS sampled every second → bench/results/<date>-soak.json. Exit 1 on any error.

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '50' },
    duration: { type: 'string', default: '60' },
    'load-only': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: join(repoRoot, 'bench', 'data') },
  },
});
const users = Number(values.users);
const durationMs = Number(values.duration) * 1000;
if (!(users >= 1 && durationMs >= 1000)) throw new Error('--users must be at least 1 and --duration at least 1 (seconds)');
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

// --- 1. the long attack tests ----------------------------------------------------------------

let attacks: { status: number | null; seconds: number } | null = null;
if (!values['load-only']) {
  log('long attack tests (test/attack)');
  const started = performance.now();
  const run = spawnSync('npx', ['vitest', 'run', 'test/attack'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ATTACK_FUZZ_RUNS: '50', ATTACK_INGEST_KILLS: '10', ATTACK_KILL_ROUNDS: '3', ATTACK_REQUEST_RUNS: '3000', ATTACK_EXPORT_STORM: '20', ATTACK_EXPORT_CHILDREN: '0' },
  });
  attacks = { status: run.status, seconds: round((performance.now() - started) / 1000) };
  log(`attack tests ${run.status === 0 ? 'passed' : 'FAILED'} in ${attacks.seconds} s`);
}

// --- 1b. every page in Chromium on the larger extracts ----------------------------------------
// test/browser/every-page.test.ts runs on the fixture in `npm test`; here on a generated 2,000-child extract and the
// default extract (axe at 1280 and 360 px, glossary links, the first screen and scroll cues at 360 px).

let everyPage: { status: number | null; seconds: number } | null = null;
if (!values['load-only']) {
  log('every page at 1280 and 360 px on a 2,000-child and the default extract (test/browser/every-page.test.ts)');
  const started = performance.now();
  const run = spawnSync('npx', ['vitest', 'run', 'test/browser/every-page.test.ts'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, EVERY_PAGE_EXTRACTS: '2000,default' },
  });
  everyPage = { status: run.status, seconds: round((performance.now() - started) / 1000) };
  log(`every-page browser test ${run.status === 0 ? 'passed' : 'FAILED'} in ${everyPage.seconds} s`);
}

// --- 1c. the long regression files kept out of `npm test` (test/long-tests.ts) -----------------

let longTests: { status: number | null; seconds: number } | null = null;
if (!values['load-only']) {
  log('long regression test files (test/long-tests.ts, vitest.soak.config.ts)');
  const started = performance.now();
  const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.soak.config.ts'], { cwd: repoRoot, stdio: 'inherit', env: process.env });
  longTests = { status: run.status, seconds: round((performance.now() - started) / 1000) };
  log(`long regression tests ${run.status === 0 ? 'passed' : 'FAILED'} in ${longTests.seconds} s`);
}

// --- 2. data and server ----------------------------------------------------------------------

const extractDir = join(values['data-dir'], 'extract-default');
if (!existsSync(join(extractDir, 'extract.json'))) {
  log(`generating the default extract into ${extractDir}`);
  await generateExtract({ outDir: extractDir });
}
const work = mkdtempSync(join(tmpdir(), 'send-soak-'));
const dbPath = join(work, 'soak.duckdb');
const db = await Database.open(dbPath);
const loaded = await loadExtract(db, extractDir);
db.close();
log(`loaded ${loaded.files.reduce((n, f) => n + f.rowsLoaded, 0).toLocaleString('en-GB')} rows in ${round(loaded.durationMs / 1000)} s`);

const server = await startServer(dbPath);
try {
  const warmStarted = performance.now();
  while (!server.output().includes('WARMED')) {
    if (performance.now() - warmStarted > 600_000) throw new Error('the server did not warm its indicators in 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`server on ${server.base}, indicators warm, RSS ${server.memory().rssMb} MB`);

  // --- 3. the load ---------------------------------------------------------------------------

  const [areas, periods] = await Promise.all(['/api/areas', '/api/periods'].map(async (p) => JSON.parse((await server.get(p)).text) as unknown));
  const areaCodes = (areas as { areas: { area_code: string }[] }).areas.map((a) => a.area_code);
  const periodLabels = (periods as { periods: { period: string }[] }).periods.map((p) => p.period);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
  const ids = catalogue.filter((d) => d.id !== 'ehc-plans-forecast').map((d) => d.id);
  // What a dashboard page asks for, weighted roughly as the pages call them.
  const mix: [kind: string, weight: number, path: () => string][] = [
    ['indicator', 40, () => `/api/indicators/${pick(ids)}?area=${encodeURIComponent(pick(areaCodes))}&period=${pick([...periodLabels, 'all'])}`],
    ['catalogue', 8, () => '/api/indicators'],
    ['areas', 6, () => '/api/areas'],
    ['periods', 6, () => '/api/periods'],
    ['analytics', 20, () => pick(['/api/analytics/provision-gaps', '/api/analytics/journey', '/api/budgets', '/api/feedback/themes', '/api/transitions', '/api/workload/defaults'])],
    ['forecast', 5, () => '/api/forecast'],
    ['data-status', 5, () => '/api/data-status'],
    ['export', 10, () => `/api/export/${pick(ids)}.csv?period=all`],
  ];
  const totalWeight = mix.reduce((n, [, w]) => n + w, 0);
  const draw = (): [string, string] => {
    let r = Math.random() * totalWeight;
    for (const [kind, weight, path] of mix) if ((r -= weight) < 0) return [kind, path()];
    return ['areas', '/api/areas'];
  };

  const times = new Map<string, number[]>(mix.map(([kind]) => [kind, []]));
  const errors: string[] = [];
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(server.memory().rssMb), 1000);
  const loadBefore = loadavg();
  const started = performance.now();
  const deadline = started + durationMs;
  const user = async () => {
    while (performance.now() < deadline) {
      const [kind, path] = draw();
      const t0 = performance.now();
      const res = await server.get(path).catch((error: unknown) => ({ status: 0, text: String(error) }));
      times.get(kind)?.push(performance.now() - t0);
      if (res.status !== 200) errors.push(`${res.status} ${path}: ${res.text.slice(0, 200)}`);
    }
  };
  log(`${users} users for ${durationMs / 1000} s`);
  await Promise.all(Array.from({ length: users }, user));
  const elapsed = performance.now() - started;
  clearInterval(sampler);

  // --- 4. results ----------------------------------------------------------------------------

  const all = [...times.values()].flat();
  const memory = server.memory();
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, load_average_before: loadBefore.map((x) => round(x, 2)), load_average_after: loadavg().map((x) => round(x, 2)) },
    dataset: { extract: extractDir, rows_loaded: loaded.files.reduce((n, f) => n + f.rowsLoaded, 0), areas: areaCodes.length, periods: periodLabels.length },
    attack_tests: attacks,
    every_page_browser_test: everyPage,
    long_test_files: longTests,
    users,
    duration_s: round(elapsed / 1000),
    requests: all.length,
    throughput_rps: round(all.length / (elapsed / 1000)),
    latency_ms: summarise(all),
    by_kind: Object.fromEntries([...times].map(([kind, ts]) => [kind, summarise(ts)])),
    errors: errors.length,
    error_samples: errors.slice(0, 10),
    server_rss_mb: { start: rss[0] ?? null, max: Math.max(...rss), end: memory.rssMb, peak_vmhwm: memory.peakMb },
  };
  const resultsDir = join(repoRoot, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${result.date.slice(0, 10)}-soak.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(
    `${result.requests} requests, ${result.throughput_rps} req/s, p50 ${result.latency_ms.p50} ms, p95 ${result.latency_ms.p95} ms, ` +
      `p99 ${result.latency_ms.p99} ms, errors ${result.errors}, server RSS max ${result.server_rss_mb.max} MB → ${file}`,
  );
  if (result.errors > 0 || (attacks && attacks.status !== 0) || (everyPage && everyPage.status !== 0) || (longTests && longTests.status !== 0)) process.exitCode = 1;
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(work, { recursive: true, force: true });
}
