import { defaultMemoryLimit, loadConfig } from '../server/config.ts';
import { Database } from '../server/db/database.ts';
import { loadExtract } from '../server/ingest/load-extract.ts';

// Runs one load in its own process, opened as `npm run ingest` opens it, so its time and
// peak memory (max RSS) are measured alone. Prints one JSON line: totals and the time of
// each phase (hashing the files, staging and validating them, writing and committing), and
// the CPU time used.
const [extractDir, dbPath] = process.argv.slice(2);
if (!extractDir || !dbPath) throw new Error('usage: ingest-child <extract-dir> <db>');
// The memory limit `npm run ingest` uses: DUCKDB_MEMORY_LIMIT, else the server's default.
const db = await Database.open(dbPath, { memoryLimit: loadConfig().DUCKDB_MEMORY_LIMIT ?? defaultMemoryLimit() });
const started = performance.now();
const cpuStart = process.cpuUsage();
let validateFrom: number | null = null;
let writeFrom: number | null = null;
/** Staging and validation time of each file, from the load's progress lines ("  x.csv: ... (123 ms)"). */
const files_ms: Record<string, number> = {};
const summary = await loadExtract(db, extractDir, (message) => {
  if (validateFrom === null && !message.startsWith('reading ')) validateFrom = performance.now();
  if (message === 'writing to the database') writeFrom = performance.now();
  const file = /^\s+(\S+): .*\((\d+) ms\)$/.exec(message);
  if (file?.[1] && file[2]) files_ms[file[1]] = Number(file[2]);
});
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
db.close();
const sum = (f: (file: (typeof summary.files)[number]) => number) => summary.files.reduce((n, file) => n + f(file), 0);
console.log(
  JSON.stringify({
    ms,
    phases_ms: {
      hash: (validateFrom ?? started) - started,
      stage_and_validate: (writeFrom ?? started) - (validateFrom ?? started),
      write_and_commit: started + ms - (writeFrom ?? started),
    },
    files_ms,
    rows: sum((f) => f.rowsRead),
    loaded: sum((f) => f.rowsLoaded),
    rejected: sum((f) => f.rowsRejected),
    bytes: sum((f) => f.bytes),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    // CPU time of all threads (DuckDB's too): steadier than wall time on a busy machine.
    cpu_s: Math.round(((cpu.user + cpu.system) / 1e6) * 10) / 10,
  }),
);
