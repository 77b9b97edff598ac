import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { referenceDir } from '../../server/db/server-options.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { warmIndicators } from '../../server/indicators/engine.ts';
import { readDataContext } from '../../server/data-context.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// The server's instance is opened with allowed_directories, enable_external_access=false and
// lock_configuration=true: SQL on any connection reaches files only in the allowed folders.

let t: TempDb;
let locked: Database;
let allowed: string;
beforeAll(async () => {
  t = await tempDatabase(); // a plain instance on another file, to show each probe works without the lock-down
  allowed = join(t.dir, 'allowed');
  mkdirSync(allowed);
  writeFileSync(join(allowed, 'ok.csv'), 'a,b\n1,2\n');
  locked = await Database.open(join(t.dir, 'locked.duckdb'), { allowedDirectories: [fixtureDir, referenceDir, allowed] });
});
afterAll(() => {
  locked.close();
  t.cleanup();
});

const PERMISSION = /Permission Error: Cannot access (file|directory)/;
const LOCKED = /Invalid Input Error: Cannot change configuration option .* the configuration has been locked/;

describe('the locked-down instance', () => {
  it('loads an extract from an allowed folder, computes every indicator and exports', async () => {
    const summary = await loadExtract(locked, fixtureDir);
    expect(summary.files.find((f) => f.table === 'children')?.rowsLoaded).toBeGreaterThan(0);
    const context = await readDataContext(locked);
    if (!context) throw new Error('no data');
    await warmIndicators(locked, context, catalogue, 7);
    const { app } = createTestApp({ db: locked, config: { SUPPRESSION_THRESHOLD: 7 } });
    const id = catalogue[0]?.id ?? '';
    await request(app).get(`/api/indicators/${id}`).expect(200);
    const csv = await request(app).get(`/api/export/${id}.csv`).expect(200);
    expect(csv.text).toContain('time_period');
    await request(app).get('/api/export/all.xlsx').expect(200);
  });

  it('reads files in an allowed folder', async () => {
    expect(await locked.query(`SELECT a::INTEGER AS a FROM read_csv($path)`, { path: join(allowed, 'ok.csv') })).toEqual([{ a: 1 }]);
  });

  it.each([
    ['read_csv of /etc/passwd', `SELECT * FROM read_csv('/etc/passwd')`],
    ['read_text of /etc/passwd', `SELECT * FROM read_text('/etc/passwd')`],
    ['a path that climbs out of an allowed folder', `SELECT * FROM read_text('${fixtureDir}/../../../../../etc/passwd')`],
    ['a folder whose name starts like an allowed one', `SELECT * FROM read_text('${allowed}-not/x.csv')`],
    ['glob outside', `SELECT * FROM glob('/etc/*')`],
  ])('cannot read outside: %s', async (_name, sql) => {
    expect(await t.db.query(sql).then(() => 'ran', (e: Error) => e.message)).not.toMatch(PERMISSION);
    await expect(locked.query(sql)).rejects.toThrow(PERMISSION);
  });

  it('cannot ATTACH another database or COPY TO a file outside', async () => {
    const other = join(t.dir, 'other.duckdb');
    const out = join(t.dir, 'out.csv');
    await expect(locked.query(`ATTACH '${other}' AS other`)).rejects.toThrow(/Permission Error/);
    await expect(locked.query(`COPY (SELECT 1 AS x) TO '${out}'`)).rejects.toThrow(PERMISSION);
    expect(existsSync(other) || existsSync(out)).toBe(false);
    await t.db.query(`COPY (SELECT 1 AS x) TO '${out}'`);
    expect(existsSync(out)).toBe(true);
  });

  it('cannot ATTACH a database file even inside an allowed folder, nor export or import a database there', async () => {
    const inside = join(allowed, 'inside.duckdb');
    const maker = await Database.open(inside);
    await maker.query('CREATE TABLE secret AS SELECT 42 AS x');
    maker.close();
    await expect(locked.query(`ATTACH '${inside}' AS inside (READ_ONLY)`)).rejects.toThrow(/Permission Error: ATTACH/);
    await expect(locked.query(`SELECT 1; attach '${join(allowed, 'new.duckdb')}' AS created`)).rejects.toThrow(/Permission Error: ATTACH/);
    await expect(locked.query(`EXPORT DATABASE '${join(allowed, 'dump')}'`)).rejects.toThrow(/Permission Error/);
    expect(existsSync(join(allowed, 'new.duckdb')) || existsSync(join(allowed, 'dump'))).toBe(false);
    // The word in a string or a comment is not a statement.
    expect(await locked.query(`SELECT 'attach' AS word -- detach\n`)).toEqual([{ word: 'attach' }]);
  });

  it('cannot install or load extensions', async () => {
    await expect(locked.query('LOAD httpfs')).rejects.toThrow(/Permission Error|disabled/);
    await expect(locked.query('INSTALL httpfs')).rejects.toThrow(PERMISSION);
  });

  it.each([
    'SET enable_external_access = true',
    'SET lock_configuration = false',
    "SET allowed_directories = ['/']",
    'RESET enable_external_access',
    'SET threads = 1',
  ])('cannot change settings: %s', async (sql) => {
    await expect(locked.query(sql)).rejects.toThrow(LOCKED);
    await expect(locked.query(`SELECT * FROM read_text('/etc/passwd')`)).rejects.toThrow(PERMISSION);
  });
});
