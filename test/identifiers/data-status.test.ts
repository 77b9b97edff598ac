import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Issue 15, points 1 and 9: /api/data-status showed viewers the server's extract paths, raw
// load error text and the header names of ignored columns (an e-mail or NHS number used as a
// header among them). Viewers now see none of these; admins see them sanitised.

let t: TempDb;
let good: string;
let bad: string;
const app = (role: 'viewer' | 'commissioner' | 'admin') => createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }, role).app;

interface Status {
  runs: { run_id: number; status: string; source: string | null; message: string | null }[];
  files: { file_name: string; ignored_columns: string[] | null }[];
}

beforeAll(async () => {
  t = await tempDatabase();
  good = mkdtempSync(join(tmpdir(), 'data-status-good-'));
  cpSync(fixtureDir, good, { recursive: true });
  await loadExtract(t.db, good); // children.csv carries an ignored "notes" column
  bad = mkdtempSync(join(tmpdir(), 'data-status-bad-'));
  cpSync(fixtureDir, bad, { recursive: true });
  // A line of 2.1 MB in 700,000 characters: DuckDB's own error text (with the file's path) used to be stored and shown.
  writeFileSync(join(bad, 'population.csv'), `la_code,year,age,sex,population,locality\nE08000035,2024,1,F,"${'€'.repeat(700_000)}",North\n`);
  await loadExtract(t.db, bad).catch(() => undefined);
  // A failure message as an older version stored it: a server path and an identifier in it.
  await t.db.withConnection((c) =>
    c.run(`UPDATE load_runs SET message = $m WHERE status = 'failed'`, { m: `${bad}/population.csv could not be read: jo.bloggs@example.org` }),
  );
});
afterAll(() => {
  t.cleanup();
  rmSync(good, { recursive: true, force: true });
  rmSync(bad, { recursive: true, force: true });
});

describe('GET /api/data-status', () => {
  it.each(['viewer', 'commissioner'] as const)('shows a %s no paths, no load error text and no header names', async (role) => {
    const res = await request(app(role)).get('/api/data-status').expect(200);
    const status = res.body as Status;
    expect(status.runs.map((r) => r.status).sort()).toEqual(['committed', 'failed']);
    const body = JSON.stringify(res.body);
    for (const never of [good, bad, tmpdir(), 'notes', 'jo.bloggs', 'could not be read', 'Error', '€']) expect(body).not.toContain(never);
    for (const r of status.runs) expect(r.source).toBeNull();
    expect(status.runs.find((r) => r.status === 'failed')?.message).toMatch(/^This load failed and the previous data were kept/);
    for (const f of status.files) expect(f.ignored_columns).toBeNull();
  });

  it('shows an admin folder names, sanitised messages and the ignored headers', async () => {
    const status = (await request(app('admin')).get('/api/data-status').expect(200)).body as Status;
    const body = JSON.stringify(status);
    for (const never of [good, bad, 'jo.bloggs']) expect(body).not.toContain(never);
    for (const r of status.runs) expect(r.source).not.toContain('/');
    expect(status.runs.find((r) => r.status === 'failed')?.message).toMatch(/^…\/population\.csv could not be read: \[redacted\]$/);
    expect(status.files.find((f) => f.file_name === 'children.csv')?.ignored_columns).toEqual(['notes']);
  });
});
