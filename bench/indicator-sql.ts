import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Database } from '../server/db/database.ts';
import { derivedSql } from '../server/ingest/load-extract.ts';
import { catalogue } from '../server/indicators/catalogue.ts';
import { indicatorQuery, indicatorSqlFile, type IndicatorQuery } from '../server/indicators/indicator-sql.ts';
import type { IndicatorDefinition } from '../server/indicators/types.ts';
import { readSql } from '../server/sql-files.ts';
import { median, round, textTable } from './stats.ts';

// `npx tsx bench/indicator-sql.ts --db <loaded database> [--threads 2] [--runs 5] [--only id,id]
//                                  [--explain id] [--digest out.json] [--json out.json]`
//
// Times every indicator's query as the engine runs it (indicatorQuery: its sql/indicators file with the
// labels and total rows the engine adds, and its bound values) directly on DuckDB, warm (one run first, then the median of --runs),
// with its rows read into JavaScript column by column as the server reads them; and first rebuilds the
// derived tables of the load (sql/derived/, in the load's order) on the database, timing each, so a new
// or reshaped summary table is measured and used without loading the extract again. The database is
// changed only by those rebuilds (the same statements a load runs).
// --explain prints EXPLAIN ANALYZE of one indicator. --digest writes, per indicator, the row count and
// a SHA-256 of its rows sorted (numbers to 9 significant figures): two digests from the same extract,
// before and after a rewrite, must be equal.

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    threads: { type: 'string', default: '2' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    explain: { type: 'string' },
    digest: { type: 'string' },
    json: { type: 'string' },
    'skip-derived': { type: 'boolean', default: false },
    'sql-dir': { type: 'string' },
  },
});
if (!values.db) throw new Error('--db <database file> is required');
const runs = Number(values.runs);
const db = await Database.open(values.db, { threads: Number(values.threads) });
// --sql-dir: another copy of sql/ (say, of an earlier commit: `git archive HEAD sql | tar -x -C dir`) to time its
// indicator and derived SQL instead.
const sqlText = (relative: string): string => (values['sql-dir'] ? readFileSync(join(values['sql-dir'], relative), 'utf8') : readSql(relative));
const definitions = catalogue.filter((d) => !values.only || values.only.split(',').includes(d.id));

/** The indicator's query from sql/ or --sql-dir; a copy from before sibling measures shared a file has the indicator's own file. */
function queryOf(definition: IndicatorDefinition): IndicatorQuery {
  if (!values['sql-dir']) return indicatorQuery(definition);
  const inDir = { ...definition, sqlDir: join(values['sql-dir'], 'indicators') };
  return existsSync(indicatorSqlFile(inDir)) ? indicatorQuery(inDir) : indicatorQuery({ ...inDir, query: undefined });
}
const paramsOf = (query: IndicatorQuery) => (Object.keys(query.params).length > 0 ? query.params : undefined);

const cell = (v: unknown): string => (typeof v === 'number' ? String(Number(v.toPrecision(9))) : typeof v === 'bigint' ? v.toString() : String(v));


/** Runs sql, reads its rows column by column; returns the wall and CPU time (all threads) and the rows as sorted text lines. */
async function runOnce(query: IndicatorQuery, keepRows: boolean): Promise<{ ms: number; cpuMs: number; lines: string[] }> {
  return db.withConnection(async (connection) => {
    const started = performance.now();
    const cpuStarted = cpuNow();
    const reader = await connection.runAndReadAll(query.sql, paramsOf(query));
    const columns = reader.getColumnsJson();
    const ms = performance.now() - started;
    const cpuMs = cpuNow() - cpuStarted;
    const names = reader.columnNames();
    if (!keepRows) return { ms, cpuMs, lines: [] };
    const lines: string[] = [];
    for (let r = 0; r < reader.currentRowCount; r += 1) lines.push(names.map((n, c) => `${n}=${cell(columns[c]?.[r])}`).join('|'));
    return { ms, cpuMs, lines: lines.sort() };
  });
}

const cpuNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const derived: Record<string, { ms: number; cpu_ms: number }> = {};
if (!values['skip-derived']) {
  await db.withConnection(async (connection) => {
    await connection.run(sqlText('schema/macros.sql'));
    for (const file of derivedSql) {
      if (values['sql-dir'] && !existsSync(join(values['sql-dir'], file))) continue;
      const started = performance.now();
      const cpuStarted = cpuNow();
      await connection.run(sqlText(file));
      derived[file] = { ms: round(performance.now() - started, 1), cpu_ms: round(cpuNow() - cpuStarted, 1) };
    }
  });
}

if (values.explain) {
  const explained = catalogue.find((d) => d.id === values.explain);
  if (!explained) throw new Error(`--explain: no indicator ${values.explain}`);
  const query = queryOf(explained);
  const plan = await db.withConnection(async (c) => (await c.runAndReadAll(`EXPLAIN ANALYZE ${query.sql}`, paramsOf(query))).getRowObjectsJson());
  for (const row of plan) console.log(String(row.explain_value));
}

const results: { id: string; rows: number; warm_ms: number; warm_cpu_ms: number; runs_ms: number[] }[] = [];
const digest: Record<string, { rows: number; sha256: string }> = {};
for (const definition of definitions) {
  const { id } = definition;
  const query = queryOf(definition);
  const first = await runOnce(query, Boolean(values.digest));
  if (values.digest) digest[id] = { rows: first.lines.length, sha256: createHash('sha256').update(first.lines.join('\n')).digest('hex') };
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let rows = first.lines.length;
  for (let i = 0; i < runs; i += 1) {
    const run = await runOnce(query, false);
    times.push(run.ms);
    cpuTimes.push(run.cpuMs);
  }
  if (!values.digest) rows = (await db.query(`SELECT count(*)::INTEGER AS n FROM (${query.sql})`, paramsOf(query)))[0]?.n as number;
  results.push({ id, rows, warm_ms: round(median(times), 1), warm_cpu_ms: round(median(cpuTimes), 1), runs_ms: times.map((t) => round(t, 1)) });
}
db.close();

const load = loadavg().map((x) => round(x, 2));
console.log(`derived tables (wall and CPU ms): ${JSON.stringify(derived)}`);
console.log(textTable(['indicator', 'rows', 'warm ms (median)', 'CPU ms'], results.map((r) => [r.id, r.rows.toLocaleString('en-GB'), r.warm_ms, r.warm_cpu_ms])));
console.log(`threads ${values.threads}, ${runs} warm runs each, load average ${load.join(' ')}`);
if (values.digest) writeFileSync(values.digest, `${JSON.stringify(digest, null, 2)}\n`);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ threads: Number(values.threads), runs, load_average: load, derived_ms: derived, indicators: results }, null, 2)}\n`);
