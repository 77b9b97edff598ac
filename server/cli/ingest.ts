import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { defaultMemoryLimit, loadConfig } from '../config.ts';
import { Database } from '../db/database.ts';
import { makePrivate } from '../db/file-modes.ts';
import { loadFolder } from '../ingest/load-folder.ts';
import { runCli, UsageError } from './cli-support.ts';
import { printLoadSummary } from './load-summary.ts';

const usage = 'usage: npm run ingest -- <folder> [--db <file>]   (an extract, and/or SEN2 / CIN census XML returns)';

await runCli(async () => {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ options: { db: { type: 'string' }, help: { type: 'boolean' } }, allowPositionals: true });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${usage}`);
    }
  })();
  if (values.help) return void console.log(usage);
  if (positionals.length !== 1) throw new UsageError(usage);
  const config = loadConfig();
  const dbPath = resolve(values.db ?? config.DB_PATH);
  const db = await Database.open(dbPath, { memoryLimit: config.DUCKDB_MEMORY_LIMIT ?? defaultMemoryLimit() });
  makePrivate([dbPath, `${dbPath}.wal`]);
  try {
    const summary = await loadFolder(db, resolve(positionals[0] ?? '.'), (m) => console.log(m));
    printLoadSummary(summary);
  } finally {
    db.close();
    makePrivate([dbPath, `${dbPath}.wal`]);
  }
});
