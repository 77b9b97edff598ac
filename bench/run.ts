import { execFile, fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { tables } from '../server/extract/spec.ts';
import { defaultMemoryLimit } from '../server/config.ts';
import { generateExtract, type GenerateOptions } from '../server/generate/index.ts';
import { csvToParquet } from '../server/generate/parquet.ts';
import { repoRoot } from '../server/sql-files.ts';
import type { ServerMemory, ServerReply, ServerRequest } from './server-child.ts';
import { median, round, summarise, textTable, timedPool, type Percentiles } from './stats.ts';
import { indicatorById } from '../server/indicators/catalogue.ts';
import { indicatorQuery } from '../server/indicators/indicator-sql.ts';

// `npm run bench [-- --scale default|10x|national] [--requests N]`
//
// 1. Generates (or reuses, under bench/data/, git-ignored) a CSV extract and its Parquet twin.
// 2. Loads each into a fresh database in its own process: time, rows/s, peak RSS.
// 3. Starts the server (bench/server-child.ts) on the CSV-loaded database, in its own process.
// 4. For every indicator endpoint and every level of area the data have (nation, region, LA):
//    latency cold (cache just dropped) and warm, one at a time and 16 at a time (p50/p95/p99),
//    and the same SQL run directly on the server's DuckDB instance, so the API's cold cost is
//    a ratio of the raw query's.
// 5. Warms every indicator as the server does after a start: time and the server's RSS then.
// 6. Export times: each indicator's CSV and the whole-JSNA workbook.
// Results: bench/results/<date>-<scale>.json and .md (a short table), and the terminal.

// `npm run bench -- forecast-calibration [...]`: the forecast's calibration run instead (bench/forecast-calibration.ts).
if (process.argv[2] === 'forecast-calibration') {
  await import('./forecast-calibration.ts');
  process.exit(0);
}

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'default' },
    requests: { type: 'string', default: '48' },
    'results-dir': { type: 'string', default: join(repoRoot, 'bench', 'results') },
    'data-dir': { type: 'string', default: join(repoRoot, 'bench', 'data') },
    'xlsx-timeout': { type: 'string', default: '600' },
    keep: { type: 'boolean', default: false },
  },
});

interface Scale {
  generate: Omit<GenerateOptions, 'outDir'>;
  /** The LA whose endpoints are timed (the extract's own, or Leeds in a national extract). */
  la: string;
}
// Leeds (the default LA) at its published size (12,190 children), ten times that, and all of
// England (153 LAs at their published sizes).
const scales: Record<string, Scale> = {
  default: { generate: {}, la: 'E08000035' },
  '10x': { generate: { children: 121_900 }, la: 'E08000035' },
  national: { generate: { national: true }, la: 'E08000035' },
  // For the bench's own test: tiny and quick.
  smoke: { generate: { children: 800 }, la: 'E08000035' },
};
const scaleName = values.scale;
const scale = scales[scaleName];
if (!scale) throw new Error(`unknown scale ${scaleName}; use ${Object.keys(scales).join(', ')}`);
const requests = Number(values.requests);
if (!Number.isInteger(requests) || requests < 16) throw new Error('--requests must be a whole number of at least 16');
const xlsxTimeoutMs = Number(values['xlsx-timeout']) * 1000;

const work = values['data-dir'];
const csvDir = join(work, `extract-${scaleName}`);
const parquetDir = join(work, `extract-${scaleName}-parquet`);
const dbPath = join(work, `bench-${scaleName}.duckdb`);
mkdirSync(work, { recursive: true });
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const benchStarted = performance.now();
const secs = (ms: number) => `${round(ms / 1000, 1)} s`;

// --- 1. extracts ---------------------------------------------------------------------------

let generateMs: number | null = null;
if (!existsSync(join(csvDir, 'extract.json'))) {
  log(`generating ${csvDir}`);
  const started = performance.now();
  const summary = await generateExtract({ ...scale.generate, outDir: csvDir });
  generateMs = performance.now() - started;
  log(`generated ${summary.children.toLocaleString('en-GB')} children, ${summary.activePlans.toLocaleString('en-GB')} active plans in ${secs(generateMs)}`);
}
let parquetMs: number | null = null;
if (!existsSync(join(parquetDir, 'extract.json'))) {
  log(`converting to Parquet: ${parquetDir}`);
  const started = performance.now();
  mkdirSync(parquetDir, { recursive: true });
  await csvToParquet(tables.map((table) => ({ table, csv: join(csvDir, `${table.name}.csv`), parquet: join(parquetDir, `${table.name}.parquet`) })));
  copyFileSync(join(csvDir, 'extract.json'), join(parquetDir, 'extract.json'));
  parquetMs = performance.now() - started;
}
const folderBytes = (dir: string, ext: string) => tables.reduce((n, t) => n + statSync(join(dir, `${t.name}.${ext}`)).size, 0);
const manifest = JSON.parse(readFileSync(join(csvDir, 'extract.json'), 'utf8')) as { generator?: { children?: number; la_codes?: string[] } };

// --- 2. ingest -----------------------------------------------------------------------------

interface IngestResult {
  ms: number;
  phases_ms: Record<string, number>;
  rows: number;
  loaded: number;
  rejected: number;
  bytes: number;
  maxRssMb: number;
  cpu_s: number;
  files_ms: Record<string, number>;
}
const run = promisify(execFile);
async function ingest(dir: string, db: string): Promise<IngestResult & { rows_per_second: number; load_average: { start: number[]; end: number[] } }> {
  const start = loadavg().map((x) => round(x, 2));
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'ingest-child.ts'), dir, db], {
    cwd: repoRoot,
    maxBuffer: 1 << 24,
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as IngestResult;
  return { ...result, rows_per_second: Math.round(result.rows / (result.ms / 1000)), load_average: { start, end: loadavg().map((x) => round(x, 2)) } };
}
log('loading the CSV extract');
const ingestCsv = await ingest(csvDir, dbPath);
log(`CSV: ${ingestCsv.rows.toLocaleString('en-GB')} rows in ${secs(ingestCsv.ms)} (CPU ${ingestCsv.cpu_s} s) = ${ingestCsv.rows_per_second.toLocaleString('en-GB')} rows/s, peak RSS ${ingestCsv.maxRssMb} MB, load ${ingestCsv.load_average.end.join(' ')}`);
log('loading the Parquet extract');
const parquetDb = join(work, `bench-${scaleName}-parquet.duckdb`);
const ingestParquet = await ingest(parquetDir, parquetDb);
rmSync(parquetDb, { force: true });
rmSync(`${parquetDb}.wal`, { force: true });
log(`Parquet: ${ingestParquet.rows.toLocaleString('en-GB')} rows in ${secs(ingestParquet.ms)} (CPU ${ingestParquet.cpu_s} s) = ${ingestParquet.rows_per_second.toLocaleString('en-GB')} rows/s, peak RSS ${ingestParquet.maxRssMb} MB, load ${ingestParquet.load_average.end.join(' ')}`);
if (ingestParquet.loaded !== ingestCsv.loaded) throw new Error(`the Parquet twin loaded ${ingestParquet.loaded} rows, the CSV ${ingestCsv.loaded}`);

// --- 3. the server -------------------------------------------------------------------------

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

class Server {
  private child: ChildProcess | null = null;
  private pending = new Map<number, (reply: ServerReply) => void>();
  private nextId = 1;
  private stderr = '';
  port = 0;
  /** The bench user's bearer token (server-child.ts makes one analyst user per start). */
  token = '';
  exited: string | null = null;
  crashes: string[] = [];

  async start(): Promise<void> {
    this.exited = null;
    this.stderr = '';
    const child = fork(join(repoRoot, 'bench', 'server-child.ts'), [dbPath], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    child.on('message', (message: ServerReply) => {
      if (message.type === 'reply') this.pending.get(message.id)?.(message);
    });
    child.on('exit', (code, signal) => {
      this.exited = `server exited (${signal ?? `code ${code}`}): ${lastLines(this.stderr)}`;
      for (const resolve of this.pending.values()) resolve({ type: 'reply', id: 0, ok: false, error: this.exited });
      this.pending.clear();
    });
    const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
      child.once('message', (message: ServerReply) => (message.type === 'ready' ? resolve(message) : reject(new Error('no port'))));
      child.once('exit', () => reject(new Error(this.exited ?? 'server exited')));
    });
    this.port = ready.port;
    this.token = ready.token;
  }

  async ask(request: DistributiveOmit<ServerRequest, 'id'>): Promise<Extract<ServerReply, { type: 'reply'; ok: true }>> {
    if (!this.child || this.exited) throw new Error(this.exited ?? 'server not started');
    const id = this.nextId++;
    const reply = await new Promise<ServerReply>((resolve) => {
      this.pending.set(id, resolve);
      this.child?.send({ ...request, id } as ServerRequest);
    });
    this.pending.delete(id);
    if (reply.type !== 'reply' || !reply.ok) throw new Error(reply.type === 'reply' && !reply.ok ? reply.error : 'bad reply');
    return reply;
  }

  /** After a crash: note it and start again (raw SQL timings still need the instance). */
  async recover(): Promise<void> {
    if (!this.exited) return;
    this.crashes.push(this.exited);
    log(`!! ${this.exited}`);
    await this.start();
  }

  stop(): void {
    this.child?.disconnect();
  }
}
const lastLines = (text: string) => text.trim().split('\n').filter((l) => l.trim() && !/^\s+at |^\s*\d+: 0x/.test(l)).slice(-3).join(' | ').slice(0, 400);

const server = new Server();
log('starting the server');
await server.start();
const base = () => `http://127.0.0.1:${server.port}`;
const headers = () => ({ authorization: `Bearer ${server.token}` });

// node:http with kept-alive connections, not fetch: the load generator shares the 2 cores with
// the server, and undici's fetch costs several times the CPU of a plain request.
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
function get(path: string, timeoutMs = 15 * 60_000): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: server.port, path, agent, headers: headers(), timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        if (response.statusCode !== 200) reject(new Error(`${path} → ${response.statusCode} ${body.toString('utf8').slice(0, 200)}`));
        else resolve({ ms: performance.now() - started, bytes: body.byteLength });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`${path}: no answer in ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}
const getJson = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${base()}${path}`, { headers: headers() });
  if (!response.ok) throw new Error(`${path} → ${response.status}`);
  return (await response.json()) as T;
};

const { areas } = await getJson<{ areas: { area_code: string; area_type: string; las?: string[] }[] }>('/api/areas');
const { default_period: period } = await getJson<{ default_period: string }>('/api/periods');
const { indicators } = await getJson<{ indicators: { id: string }[] }>('/api/indicators');
const firstOfType = (...types: string[]) => areas.find((a) => types.includes(a.area_type))?.area_code ?? null;
const laCodes = areas.filter((a) => a.area_type === 'la').map((a) => a.area_code);
// England, region and ICB areas exist when the extract holds several LAs of them
// (sql/derived/area-aggregates.sql): the region and the ICB timed are the LA's. With more than one LA, 'every-la' asks for each LA in turn, the
// national workload: request i is for LA i mod n, so the percentiles are over all of them.
// The LA first: its requests are timed cold as well, and England's.
const timedLa = areas.some((a) => a.area_code === scale.la) ? scale.la : firstOfType('la');
/** The aggregate of one type holding the timed LA (its region, its ICB), else the first of that type. */
const aggregateOf = (type: string) => areas.find((a) => a.area_type === type && a.las?.includes(timedLa ?? ''))?.area_code ?? firstOfType(type);
const levels = [
  { level: 'la', areas: [timedLa] },
  { level: 'nation', areas: [firstOfType('england', 'nation', 'country')] },
  { level: 'region', areas: [aggregateOf('region')] },
  { level: 'icb', areas: [aggregateOf('icb')] },
  { level: 'every-la', areas: laCodes.length > 1 ? laCodes : [null] },
].filter((l): l is { level: string; areas: string[] } => l.areas.every((a) => a !== null));
/**
 * Timed cold as well: the LA, and England (the sums over every LA and the hierarchy's disclosure
 * control are computed with the LA's, so a region or an ICB costs what England does, cold).
 */
const coldLevels = new Set(['la', 'nation']);
log(`${areas.length} areas (${laCodes.length} LAs); timing ${levels.map((l) => `${l.level} ${l.areas.length > 1 ? `(${l.areas.length} areas)` : l.areas[0]}`).join(', ')}; period ${period}; ${indicators.length} indicators`);
// Warm-up, not timed: the first requests run unoptimised JavaScript in both processes, which
// would otherwise land on whichever indicator is timed first. (The refresh before each cold
// measure drops what this computes.)
// A warm-up that times out (a cold computation longer than the request timeout) is logged and the run goes on.
if (indicators[0]) {
  await timedPool(300, 16, async () => void (await get(`/api/indicators/${indicators[0]?.id}?area=${encodeURIComponent(levels[0]?.areas[0] ?? '')}&period=${period}`))).catch((error: unknown) => {
    log(`warm-up failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/** What has been measured so far, rewritten after each step: a run that is stopped still leaves its figures. */
const partialPath = join(values['results-dir'], `${new Date().toISOString().slice(0, 10)}-${scaleName}.partial.json`);
const measuredSoFar: Record<string, unknown> = { scale: scaleName, started: new Date().toISOString(), ingest: { csv: ingestCsv, parquet: ingestParquet }, areas: areas.length };
function writePartial(update: Record<string, unknown>): void {
  Object.assign(measuredSoFar, update, { updated: new Date().toISOString(), load_average: loadavg().map((x) => round(x, 2)) });
  mkdirSync(values['results-dir'], { recursive: true });
  writeFileSync(partialPath, `${JSON.stringify(measuredSoFar, null, 2)}\n`);
}
/** The 1, 5 and 15 minute load averages: other work on the machine slows every figure. */
const load = () => loadavg().map((x) => round(x, 2));

// --- 4. indicator endpoints ----------------------------------------------------------------

interface LevelResult {
  level: string;
  /** The area, or the number of areas asked for in turn. */
  area: string;
  load_average: number[];
  cold_c1_ms: number | null;
  /** The server's CPU time for that first request (all its threads). */
  cold_c1_cpu_ms: number | null;
  cold_c16_ms: Percentiles | null;
  warm_c1_ms: Percentiles | null;
  warm_c16_ms: Percentiles | null;
  error?: string;
}
interface IndicatorResult {
  id: string;
  /** The indicator's SQL on the server's DuckDB instance: first run, and median of the runs. */
  raw_sql_first_ms: number | null;
  raw_sql_ms: number | null;
  /** CPU time of the raw runs (median), and the cold LA request's CPU time over it. */
  raw_sql_cpu_ms: number | null;
  cold_cpu_ratio: number | null;
  raw_load_average: number[];
  raw_sql_rows: number | null;
  /** The first LA request after the cache was dropped, over the raw query's median. */
  cold_ratio: number | null;
  levels: LevelResult[];
}

const rawRuns = scaleName === 'national' ? 2 : 3;
const results: IndicatorResult[] = [];
for (const { id } of indicators) {
  const definition = indicatorById.get(id);
  const query = definition ? indicatorQuery(definition) : null;
  const result: IndicatorResult = { id, raw_sql_first_ms: null, raw_sql_ms: null, raw_sql_cpu_ms: null, cold_cpu_ratio: null, raw_load_average: [], raw_sql_rows: null, cold_ratio: null, levels: [] };
  for (const { level, areas: asked } of levels) {
    const url = (i: number) => `/api/indicators/${id}?area=${encodeURIComponent(asked[i % asked.length] ?? '')}&period=${period}`;
    const area = asked.length > 1 ? `${asked.length} LAs` : (asked[0] ?? '');
    const lr: LevelResult = { level, area, load_average: load(), cold_c1_ms: null, cold_c1_cpu_ms: null, cold_c16_ms: null, warm_c1_ms: null, warm_c16_ms: null };
    result.levels.push(lr);
    if (server.crashes.length >= 2) {
      lr.error = 'not measured: the server crashed twice already';
      continue;
    }
    const cold = coldLevels.has(level);
    try {
      if (cold) {
        await server.ask({ cmd: 'refresh' });
        const cpuBefore = (await server.ask({ cmd: 'cpu' })).cpuMs ?? Number.NaN;
        lr.cold_c1_ms = round((await get(url(0))).ms);
        lr.cold_c1_cpu_ms = round(((await server.ask({ cmd: 'cpu' })).cpuMs ?? Number.NaN) - cpuBefore);
      }
      lr.warm_c1_ms = summarise(await timedPool(requests, 1, async (i) => void (await get(url(i)))));
      lr.warm_c16_ms = summarise(await timedPool(requests * 2, 16, async (i) => void (await get(url(i)))));
      if (level === 'la') {
        // 16 at once on a dropped cache: one computes, the others wait for it. Warm again after.
        await server.ask({ cmd: 'refresh' });
        lr.cold_c16_ms = summarise(await timedPool(16, 16, async (i) => void (await get(url(i)))));
      }
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      lr.error = server.exited ?? (error instanceof Error ? error.message : String(error));
      await server.recover();
    }
  }
  if (query) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    result.raw_load_average = load();
    try {
      for (let i = 0; i < rawRuns; i++) {
        const reply = await server.ask({ cmd: 'raw', sql: query.sql, params: query.params });
        times.push(reply.ms ?? Number.NaN);
        cpuTimes.push(reply.cpuMs ?? Number.NaN);
        result.raw_sql_rows = reply.rows ?? null;
      }
    } catch (error) {
      log(`raw SQL of ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      await server.recover();
    }
    result.raw_sql_first_ms = times.length ? round(times[0] ?? Number.NaN) : null;
    result.raw_sql_ms = times.length ? round(median(times)) : null;
    result.raw_sql_cpu_ms = cpuTimes.length ? round(median(cpuTimes)) : null;
  }
  const la = result.levels.find((l) => l.level === 'la');
  if (la?.cold_c1_ms != null && result.raw_sql_ms) result.cold_ratio = round(la.cold_c1_ms / result.raw_sql_ms, 2);
  if (la?.cold_c1_cpu_ms != null && result.raw_sql_cpu_ms) result.cold_cpu_ratio = round(la.cold_c1_cpu_ms / result.raw_sql_cpu_ms, 2);
  results.push(result);
  writePartial({ indicators: results });
  log(
    `${id}: raw ${result.raw_sql_ms ?? '-'} ms; ` +
      result.levels.map((l) => (l.error ? `${l.level} FAILED` : `${l.level} cold ${l.cold_c1_ms} ms, warm p95 ${l.warm_c1_ms?.p95} ms, c16 p95 ${l.warm_c16_ms?.p95} ms`)).join('; '),
  );
}

// --- 5. warm everything, as after a start; the server's memory while serving ------------------

let warmAllMs: number | null = null;
let warmError: string | null = null;
let servingMemory: ServerMemory | null = null;
try {
  warmAllMs = round((await server.ask({ cmd: 'warm' })).ms ?? Number.NaN);
  servingMemory = (await server.ask({ cmd: 'memory' })).memory ?? null;
  log(`all ${indicators.length} indicators computed in ${secs(warmAllMs)}; server RSS ${servingMemory?.rssMb} MB`);
} catch (error) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  warmError = server.exited ?? (error instanceof Error ? error.message : String(error));
  await server.recover();
}

// --- 6. exports ----------------------------------------------------------------------------

const la = levels.find((l) => l.level === 'la')?.areas[0] ?? '';
type ExportTiming = { id: string; ms: number | null; bytes: number | null; error?: string };
const worstMs = (timings: ExportTiming[]): number | null => timings.reduce<number | null>((m, e) => (e.ms == null ? m : Math.max(m ?? e.ms, e.ms)), null);
async function timeExport(id: string, path: string, timeoutMs?: number): Promise<ExportTiming> {
  try {
    const r = await get(path, timeoutMs);
    return { id, ms: round(r.ms), bytes: r.bytes };
  } catch (error) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const failed = { id, ms: null, bytes: null, error: server.exited ?? (error instanceof Error ? error.message : String(error)) };
    await server.recover();
    return failed;
  }
}
// Each indicator's CSV for the LA, and with many LAs its national table (every LA: scope=las)
// as CSV and as a workbook.
const csvExports: ExportTiming[] = [];
const nationalCsvExports: ExportTiming[] = [];
const nationalXlsxExports: ExportTiming[] = [];
for (const { id } of indicators) {
  csvExports.push(await timeExport(id, `/api/export/${id}.csv?area=${encodeURIComponent(la)}&period=${period}`));
  if (laCodes.length > 1) {
    nationalCsvExports.push(await timeExport(id, `/api/export/${id}.csv?scope=las&period=${period}`));
    nationalXlsxExports.push(await timeExport(id, `/api/export/${id}.xlsx?scope=las&period=${period}`));
  }
}
writePartial({ exports: { csv: csvExports, national_csv: nationalCsvExports, national_xlsx: nationalXlsxExports } });
log(`exports: LA CSV worst ${worstMs(csvExports)} ms` + (laCodes.length > 1 ? `; national table CSV worst ${worstMs(nationalCsvExports)} ms, XLSX worst ${worstMs(nationalXlsxExports)} ms` : ''));
// The whole-JSNA workbook holds every area, period and breakdown: for one LA's extract. Nationally
// (1,171 areas, millions of rows) it ran past 10 minutes: national users download one level of
// areas (`all.xlsx?level=region`) or one area (`all.xlsx?area=<LA>`, the LA and its localities),
// each timed here (streamed from a worker thread, as every workbook).
const workbook = 'all';
let xlsx: ExportTiming = { id: workbook, ms: null, bytes: null, error: 'not timed: national extract (the per-level and per-area workbooks are timed instead)' };
const levelWorkbooks: ExportTiming[] = [];
if (laCodes.length === 1) {
  log(`exporting the ${workbook}.xlsx workbook`);
  xlsx = await timeExport(workbook, `/api/export/${workbook}.xlsx`, xlsxTimeoutMs);
  log(xlsx.ms === null ? `${workbook}.xlsx failed: ${xlsx.error}` : `${workbook}.xlsx: ${round((xlsx.bytes ?? 0) / 1e6)} MB in ${secs(xlsx.ms)}`);
} else {
  for (const query of ['level=england', 'level=region', 'level=icb', 'level=la', `area=${la}`]) {
    const timing = await timeExport(`${workbook}.xlsx?${query}`, `/api/export/${workbook}.xlsx?${query}`, xlsxTimeoutMs);
    levelWorkbooks.push(timing);
    writePartial({ level_workbooks: levelWorkbooks });
    log(timing.ms === null ? `${timing.id} failed: ${timing.error}` : `${timing.id}: ${round((timing.bytes ?? 0) / 1e6)} MB in ${secs(timing.ms)}`);
  }
}
const finalMemory = (await server.ask({ cmd: 'memory' }).catch(() => null))?.memory ?? null;
server.stop();

// --- 7. report -----------------------------------------------------------------------------

const date = new Date().toISOString();
const laResults = results.map((r) => ({ r, l: r.levels.find((x) => x.level === 'la') }));
/** The worst figure over the indicators at one level (null if the level was not timed). */
const worst = (pick: (l: LevelResult) => number | undefined | null, level = 'la') =>
  results.reduce<number | null>((m, r) => {
    const l = r.levels.find((x) => x.level === level);
    const v = l ? pick(l) : null;
    return v == null ? m : Math.max(m ?? v, v);
  }, null);
const ratios = results.map((r) => r.cold_ratio).filter((x): x is number => x !== null);
const cpuRatios = results.map((r) => r.cold_cpu_ratio).filter((x): x is number => x !== null);
const report = {
  date,
  scale: scaleName,
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: round(totalmem() / 2 ** 30), node: process.version, load_average_at_end: loadavg().map((x) => round(x, 2)) },
  duckdb: { threads: process.env.DUCKDB_THREADS ?? 'default (cores)', memory_limit: process.env.DUCKDB_MEMORY_LIMIT ?? `server default: ${defaultMemoryLimit()}` },
  extract: {
    las: manifest.generator?.la_codes?.length ?? 1,
    children: manifest.generator?.children ?? null,
    rows: ingestCsv.rows,
    csv_bytes: folderBytes(csvDir, 'csv'),
    parquet_bytes: folderBytes(parquetDir, 'parquet'),
    generate_ms: generateMs,
    parquet_convert_ms: parquetMs,
  },
  ingest: { csv: ingestCsv, parquet: ingestParquet },
  areas: { total: areas.length, las: areas.filter((a) => a.area_type === 'la').length, levels_timed: levels, national_areas: levels.some((l) => l.level === 'nation'), regions: levels.some((l) => l.level === 'region') },
  period,
  requests_per_measure: { warm_c1: requests, warm_c16: requests * 2, cold_c16: 16, raw_sql_runs: rawRuns },
  indicators: results,
  warm_all: { ms: warmAllMs, error: warmError },
  server_memory: { after_warm_all: servingMemory, at_end: finalMemory },
  server_crashes: server.crashes,
  exports: { csv: csvExports, national_csv: nationalCsvExports, national_xlsx: nationalXlsxExports, xlsx: { workbook: `${workbook}.xlsx`, ...xlsx }, level_workbooks: levelWorkbooks },
  summary: {
    ingest_csv_s: round(ingestCsv.ms / 1000),
    ingest_parquet_s: round(ingestParquet.ms / 1000),
    ingest_peak_rss_mb: Math.max(ingestCsv.maxRssMb, ingestParquet.maxRssMb),
    la_warm_c16_p95_worst_ms: worst((l) => l.warm_c16_ms?.p95),
    la_warm_c1_p95_worst_ms: worst((l) => l.warm_c1_ms?.p95),
    every_la_warm_c16_p95_worst_ms: worst((l) => l.warm_c16_ms?.p95, 'every-la'),
    every_la_warm_c1_p95_worst_ms: worst((l) => l.warm_c1_ms?.p95, 'every-la'),
    nation_warm_c16_p95_worst_ms: worst((l) => l.warm_c16_ms?.p95, 'nation'),
    region_warm_c16_p95_worst_ms: worst((l) => l.warm_c16_ms?.p95, 'region'),
    icb_warm_c16_p95_worst_ms: worst((l) => l.warm_c16_ms?.p95, 'icb'),
    nation_cold_c1_worst_ms: worst((l) => l.cold_c1_ms, 'nation'),
    la_warm_c16_p95_under_30: results.filter((r) => (r.levels.find((l) => l.level === 'la')?.warm_c16_ms?.p95 ?? Infinity) < 30).length,
    /** Per aggregate level: indicators timed there (an indicator with no aggregate, a median or a model, answers 404) and those under 150 ms p95. */
    aggregate_warm_c16_p95_under_150: Object.fromEntries(['nation', 'region', 'icb'].map((level) => {
      const timed = results.map((r) => r.levels.find((x) => x.level === level)).filter((l): l is LevelResult => l?.warm_c16_ms != null);
      return [level, { timed: timed.length, under: timed.filter((l) => (l.warm_c16_ms?.p95 ?? Infinity) < 150).length }];
    })),
    la_cold_c16_p95_worst_ms: worst((l) => l.cold_c16_ms?.p95),
    cold_ratio_median: ratios.length ? round(median(ratios), 2) : null,
    cold_ratio_worst: ratios.length ? Math.max(...ratios) : null,
    cold_cpu_ratio_median: cpuRatios.length ? round(median(cpuRatios), 2) : null,
    cold_cpu_ratio_worst: cpuRatios.length ? Math.max(...cpuRatios) : null,
    indicators_over_1_5x: results.filter((r) => (r.cold_ratio ?? 0) > 1.5).map((r) => r.id),
    indicators_failed: results.filter((r) => r.levels.some((l) => l.error)).map((r) => r.id),
    server_rss_serving_mb: servingMemory?.rssMb ?? null,
    server_peak_rss_mb: finalMemory?.peakRssMb ?? null,
    export_csv_worst_ms: worstMs(csvExports),
    export_national_csv_worst_ms: worstMs(nationalCsvExports),
    export_national_xlsx_worst_ms: worstMs(nationalXlsxExports),
    export_xlsx_workbook: `${workbook}.xlsx`,
    export_xlsx_ms: xlsx.ms,
    bench_s: 0,
  },
};
report.summary.bench_s = round((performance.now() - benchStarted) / 1000);

const header = ['indicator', 'raw ms', 'cold ms', 'ratio', 'cpu ratio', 'c1 p50', 'c1 p95', 'c1 p99', 'c16 p50', 'c16 p95', 'c16 p99', 'cold c16 p95'];
const tableText = textTable(
  header,
  laResults.map(({ r, l }) => [
    r.id,
    r.raw_sql_ms,
    l?.error ? 'FAILED' : (l?.cold_c1_ms ?? null),
    r.cold_ratio,
    r.cold_cpu_ratio,
    l?.warm_c1_ms?.p50 ?? null,
    l?.warm_c1_ms?.p95 ?? null,
    l?.warm_c1_ms?.p99 ?? null,
    l?.warm_c16_ms?.p50 ?? null,
    l?.warm_c16_ms?.p95 ?? null,
    l?.warm_c16_ms?.p99 ?? null,
    l?.cold_c16_ms?.p95 ?? null,
  ]),
);
const aggregateLevels = levels.filter((l) => ['nation', 'region', 'icb'].includes(l.level));
const aggregateTable = aggregateLevels.length === 0 ? null : textTable(
  ['indicator', ...aggregateLevels.flatMap((l) => [...(coldLevels.has(l.level) ? [`${l.level} cold`] : []), `${l.level} c1 p95`, `${l.level} c16 p95`])],
  results.map((r) => [
    r.id,
    ...aggregateLevels.flatMap(({ level }) => {
      const l = r.levels.find((x) => x.level === level);
      const failed = l?.error ? (l.error.includes('404') ? 'none' : 'FAILED') : null;
      return [...(coldLevels.has(level) ? [failed ?? l?.cold_c1_ms ?? null] : []), failed ?? l?.warm_c1_ms?.p95 ?? null, failed ?? l?.warm_c16_ms?.p95 ?? null];
    }),
  ]),
);
const s = report.summary;
const mb = (b: number) => `${round(b / 1e6)} MB`;
const markdown = [
  `# Bench ${scaleName}, ${date.slice(0, 10)}`,
  '',
  `${report.extract.las} LA(s), ${report.extract.rows.toLocaleString('en-GB')} rows (CSV ${mb(report.extract.csv_bytes)}, Parquet ${mb(report.extract.parquet_bytes)}); ` +
    `${report.areas.total} areas; ${report.machine.cpus} cores, load average at the end ${report.machine.load_average_at_end.join(' ')}.`,
  '',
  `- ingest CSV: ${s.ingest_csv_s} s, CPU ${ingestCsv.cpu_s} s (${ingestCsv.rows_per_second.toLocaleString('en-GB')} rows/s, load ${ingestCsv.load_average.end.join(' ')}), ` +
    `Parquet: ${s.ingest_parquet_s} s, CPU ${ingestParquet.cpu_s} s (${ingestParquet.rows_per_second.toLocaleString('en-GB')} rows/s, load ${ingestParquet.load_average.end.join(' ')}); peak RSS ${s.ingest_peak_rss_mb} MB`,
  `- endpoints, one LA (${la}), warm: worst p95 ${s.la_warm_c1_p95_worst_ms ?? '-'} ms one at a time, ${s.la_warm_c16_p95_worst_ms ?? '-'} ms 16 at a time` +
    (report.areas.national_areas ? '' : ' (no England or region areas in the data: not timed)'),
  ...(report.areas.national_areas ? [`- endpoints, England / region / ICB, warm 16 at a time: worst p95 ${s.nation_warm_c16_p95_worst_ms ?? '-'} / ${s.region_warm_c16_p95_worst_ms ?? '-'} / ${s.icb_warm_c16_p95_worst_ms ?? '-'} ms; England cold worst ${s.nation_cold_c1_worst_ms ?? '-'} ms`] : []),
  ...(s.every_la_warm_c16_p95_worst_ms === null ? [] : [`- endpoints, every LA in turn, warm: worst p95 ${s.every_la_warm_c1_p95_worst_ms ?? '-'} ms one at a time, ${s.every_la_warm_c16_p95_worst_ms} ms 16 at a time`]),
  `- cold API / raw SQL: median ${s.cold_ratio_median ?? '-'}, worst ${s.cold_ratio_worst ?? '-'} (CPU time: median ${s.cold_cpu_ratio_median ?? '-'}, worst ${s.cold_cpu_ratio_worst ?? '-'}); all indicators computed in ${warmAllMs === null ? `- (${warmError})` : secs(warmAllMs)}`,
  `- server RSS serving (all cached): ${s.server_rss_serving_mb ?? '-'} MB, peak ${s.server_peak_rss_mb ?? '-'} MB`,
  `- exports: CSV for the LA worst ${s.export_csv_worst_ms ?? '-'} ms` +
    (s.export_national_csv_worst_ms === null ? '' : `; national table (every LA) CSV worst ${s.export_national_csv_worst_ms} ms, XLSX worst ${s.export_national_xlsx_worst_ms} ms`) +
    `; ${workbook}.xlsx ${xlsx.ms === null ? `${xlsx.error ?? ''}` : `${secs(xlsx.ms)}, ${mb(xlsx.bytes ?? 0)}`}`,
  ...(levelWorkbooks.length === 0 ? [] : [`- workbooks by level and area: ${levelWorkbooks.map((w) => `${w.id} ${w.ms === null ? `failed (${w.error ?? ''})` : `${secs(w.ms)}, ${mb(w.bytes ?? 0)}`}`).join('; ')}`]),
  ...(server.crashes.length ? ['', `Server crashes: ${server.crashes.map((c) => `\`${c}\``).join('; ')}`] : []),
  '',
  `Times in ms for one LA, period ${period}: raw = the indicator's SQL on the server's DuckDB instance (median of ${rawRuns}); cold = first request after the cache was dropped; ratio = cold / raw (cpu ratio: the same in the server's CPU time); c1 = ${requests} requests one at a time, c16 = ${requests * 2} requests 16 at a time (warm); cold c16 = 16 at once on a dropped cache.`,
  '',
  '```',
  tableText,
  '```',
  '',
  ...(aggregateTable === null ? [] : [
    `England, region and ICB areas (${aggregateLevels.map((l) => `${l.level} ${l.areas[0]}`).join(', ')}), the same period, ms: cold = first request after the cache was dropped (a region or an ICB is computed with England: the same cost); "none" = no aggregate for this indicator (a median or a model: 404).`,
    '',
    '```',
    aggregateTable,
    '```',
    '',
  ]),
].join('\n');

const outDir = values['results-dir'];
mkdirSync(outDir, { recursive: true });
const stem = join(outDir, `${date.slice(0, 10)}-${scaleName}`);
writeFileSync(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${stem}.md`, markdown);
rmSync(partialPath, { force: true });
console.log(`\n${markdown}`);
log(`wrote ${stem}.json and .md in ${secs(performance.now() - benchStarted)}`);

if (!values.keep && scaleName === 'national') {
  // Big: keep the CSV extract (it takes a minute to make), drop the rest.
  rmSync(parquetDir, { recursive: true, force: true });
  rmSync(dbPath, { force: true });
  rmSync(`${dbPath}.wal`, { force: true });
}
