import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../server/api/app.ts';
import { loadReferenceData } from '../server/benchmarks/reference-data.ts';
import { Database } from '../server/db/database.ts';
import { generateExtract } from '../server/generate/index.ts';
import { catalogue } from '../server/indicators/catalogue.ts';
import { readSql, repoRoot } from '../server/sql-files.ts';

// `npm run bench [-- --scale default|10x] [--requests N]`: generate (or reuse) an extract, time the
// load in its own process, then time every indicator endpoint against the same SQL run directly.

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'default' }, requests: { type: 'string', default: '40' } } });
// Multiples of the default extract's children (the default LA's real plan counts).
const scales: Record<string, number> = { default: 1, '10x': 10 };
if (!(values.scale in scales)) throw new Error(`unknown scale ${values.scale}; use ${Object.keys(scales).join(', ')}`);
const requests = Number(values.requests);

const work = join(repoRoot, 'bench', 'data');
const extractDir = join(work, `extract-${values.scale}`);
const dbPath = join(work, `bench-${values.scale}.duckdb`);
mkdirSync(work, { recursive: true });

const countLines = (file: string): number => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
const summarise = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), p99: percentile(s, 0.99) };
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// 1. Generate (or reuse).
let generateMs: number | null = null;
if (!existsSync(join(extractDir, 'children.csv'))) {
  const started = performance.now();
  const multiplier = scales[values.scale] ?? 1;
  let children: number | undefined;
  if (multiplier !== 1) {
    // Generate the default once to learn its size; the scaled extract has exactly N times its children.
    const probe = join(work, 'extract-default');
    children = multiplier * (existsSync(join(probe, 'children.csv')) ? countLines(join(probe, 'children.csv')) - 1 : (await generateExtract({ outDir: probe })).children);
  }
  const summary = await generateExtract({ outDir: extractDir, children });
  generateMs = performance.now() - started;
  console.log(`generated ${extractDir} in ${round(generateMs / 1000)} s`, JSON.stringify(summary).slice(0, 200));
}

// 2. Load in a child process (fresh database each time).
rmSync(dbPath, { force: true });
rmSync(`${dbPath}.wal`, { force: true });
const ingest = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'ingest-child.ts'), extractDir, dbPath], { encoding: 'utf8' }).trim().split('\n').at(-1) ?? '{}',
) as { ms: number; rows: number; bytes: number; rejected: number; maxRssMb: number };
console.log(`ingest: ${ingest.rows} rows (${round(ingest.bytes / 1e6)} MB) in ${round(ingest.ms / 1000, 2)} s = ${Math.round(ingest.rows / (ingest.ms / 1000))} rows/s, peak RSS ${Math.round(ingest.maxRssMb)} MB`);

// 3. API latency per indicator vs the same SQL through @duckdb/node-api.
const db = await Database.open(dbPath);
const reference = await loadReferenceData(join(repoRoot, 'data', 'reference'));
const { app } = createApp({ db, config: { SUPPRESSION_THRESHOLD: 7 }, reference });
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const port = (server.address() as { port: number }).port;
const [{ period } = { period: '2024' }] = await db.query<{ period: string }>('SELECT max(period) AS period FROM periods WHERE complete');

const results = [];
for (const d of catalogue) {
  const url = `http://127.0.0.1:${port}/api/indicators/${d.id}?period=${period}`;
  const api: number[] = [];
  const raw: number[] = [];
  // Cold: the first request runs the SQL and suppression for all areas and periods.
  let t0 = performance.now();
  const first = await fetch(url);
  if (!first.ok) throw new Error(`${url} → ${first.status}`);
  await first.arrayBuffer();
  const coldMs = performance.now() - t0;
  t0 = performance.now();
  await db.query(readSql(`indicators/${d.id}.sql`));
  const rawAllMs = performance.now() - t0;
  for (let i = 0; i < requests; i++) {
    let t = performance.now();
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url} → ${res.status}`);
    await res.arrayBuffer();
    api.push(performance.now() - t);
    if (i < 5) {
      // The same SQL straight through @duckdb/node-api (fewer runs: it is the slow part).
      t = performance.now();
      await db.query(readSql(`indicators/${d.id}.sql`));
      raw.push(performance.now() - t);
    }
  }
  const concurrent: number[] = [];
  for (let batch = 0; batch < Math.max(1, Math.floor(requests / 16)); batch++) {
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        const t = performance.now();
        await (await fetch(url)).arrayBuffer();
        concurrent.push(performance.now() - t);
      }),
    );
  }
  const a = summarise(api);
  const r = summarise(raw);
  const c = summarise(concurrent);
  results.push({ id: d.id, cold_api_ms: coldMs, raw_sql_all_periods_ms: rawAllMs, cold_ratio: coldMs / rawAllMs, api_ms: a, raw_sql_ms: r, api_c16_ms: c });
}
server.close();
db.close();

console.log(`\nindicator latency over ${requests} sequential requests (ms) and 16 concurrent`);
console.log('indicator'.padEnd(40), '   cold', 'raw sql', '  ratio', 'api p50', 'api p95', 'c16 p95');
for (const r of results) {
  console.log(r.id.padEnd(40), ...[r.cold_api_ms, r.raw_sql_all_periods_ms, r.cold_ratio, r.api_ms.p50, r.api_ms.p95, r.api_c16_ms.p95].map((x) => String(round(x)).padStart(7)));
}

const report = {
  date: new Date().toISOString(),
  scale: values.scale,
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: round(totalmem() / 2 ** 30), node: process.version },
  generate_ms: generateMs,
  ingest: { ...ingest, rows_per_second: Math.round(ingest.rows / (ingest.ms / 1000)) },
  period,
  requests,
  indicators: results,
};
const outDir = join(repoRoot, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `${report.date.slice(0, 10)}-${values.scale}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${file}`);
