import { Database } from '../server/db/database.ts';
import { loadExtract } from '../server/ingest/load-extract.ts';

// Runs one load in its own process so its peak memory (max RSS) is measured alone.
const [extractDir, dbPath] = process.argv.slice(2);
if (!extractDir || !dbPath) throw new Error('usage: ingest-child <extract-dir> <db>');
const db = await Database.open(dbPath);
const started = performance.now();
const summary = await loadExtract(db, extractDir);
const ms = performance.now() - started;
db.close();
const rows = summary.files.reduce((n, f) => n + f.rowsRead, 0);
const bytes = summary.files.reduce((n, f) => n + f.bytes, 0);
console.log(JSON.stringify({ ms, rows, bytes, rejected: summary.files.reduce((n, f) => n + f.rowsRejected, 0), maxRssMb: process.resourceUsage().maxRSS / 1024 }));
