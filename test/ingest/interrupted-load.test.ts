import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, DatabaseInUseError } from '../../server/db/database.ts';
import { loadExtract, markInterruptedRuns } from '../../server/ingest/load-extract.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

let t: TempDb;
beforeAll(async () => {
  t = await tempDatabase();
  await loadExtract(t.db, fixtureDir);
  t.db.close(); // the child process needs the file to itself
});
afterAll(() => t.cleanup());

describe('a load killed with SIGKILL inside its transaction', () => {
  it('leaves the previous data exactly as it was, and the run marked interrupted', async () => {
    const changed = join(t.dir, 'changed-extract');
    cpSync(fixtureDir, changed, { recursive: true });
    // A different extract: one child fewer, so a partial load would show.
    const children = join(changed, 'children.csv');
    writeFileSync(children, readFileSync(children, 'utf8').replace(/\nC20,[^\n]*/, ''));

    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/cli/ingest.ts'), changed, '--db', t.path], {
      env: { ...process.env, SEND_FAULT_POINT: 'load-transaction' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fault point not reached:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('FAULT POINT REACHED')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });

    // While the load runs, a second process cannot open the file read-write: a clear error, not a hang.
    await expect(Database.open(t.path)).rejects.toBeInstanceOf(DatabaseInUseError);

    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    const db = await Database.open(t.path);
    t.db = db;
    const [counts] = await db.query('SELECT (SELECT count(*) FROM children)::INTEGER AS c, (SELECT count(*) FROM ehc_plans)::INTEGER AS p, (SELECT run_id FROM extract_info) AS run');
    expect(counts).toEqual({ c: 20, p: 14, run: 1 });
    await db.withConnection(markInterruptedRuns);
    const runs = await db.query('SELECT run_id, status FROM load_runs ORDER BY run_id');
    expect(runs).toEqual([
      { run_id: 1, status: 'committed' },
      { run_id: 2, status: 'interrupted' },
    ]);
  });
});
