import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadJob } from '../../contract/uploads.ts';
import { authHeader, createTestApp, testAuth } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { fixtureEntries, makeZip } from './upload-helpers.ts';

// Through the real createApp, as the admin: the upload replaces the data the API serves, the old data keeps
// serving while the load runs, and only the admin may upload.

let t: TempDb;
let uploadDir: string;
beforeAll(async () => {
  t = await fixtureDatabase();
  uploadDir = mkdtempSync(join(t.dir, 'uploads-'));
});
afterAll(() => t.cleanup());

function auditLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const l = JSON.parse(line) as { user: string; action: string; outcome: string; rows?: number | null; params: { event: string; upload_id: string } };
      return { user: l.user, action: l.action, outcome: l.outcome, event: l.params.event, upload_id: l.params.upload_id, rows: l.rows ?? null };
    });
}

interface DataStatusBody {
  data: { data_version: number } | null;
  files: { table_name: string; rows_loaded: number }[];
}

describe('uploads through the dashboard app', () => {
  it('serves the old data during the load and the new data once it has committed', async () => {
    const auditPath = join(t.dir, 'audit.log');
    const { app } = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7, UPLOAD_DIR: uploadDir }, auth: testAuth({ auditPath }) }, 'admin');
    const before = (await request(app).get('/api/data-status').expect(200)).body as DataStatusBody;
    const oldVersion = before.data?.data_version;
    expect(oldVersion).toBe(1);
    const zip = await makeZip(fixtureEntries((name, text) => (name === 'children.csv' ? text.replace(/\nC20,[^\n]*/, '') : text)));
    const accepted = (await request(app).post('/api/admin/uploads').set('Content-Type', 'application/zip').send(zip).expect(202)).body as UploadJob;

    // A data request that completed before a status read still showing the load running was served during it.
    const servedDuringLoad: number[] = [];
    let job = accepted;
    for (let i = 0; i < 600 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      const data = (await request(app).get('/api/data-status').expect(200)).body as DataStatusBody;
      job = (await request(app).get(`/api/admin/uploads/${accepted.id}`).expect(200)).body as UploadJob;
      if (job.status !== 'succeeded' && job.status !== 'failed') servedDuringLoad.push(data.data?.data_version ?? -1);
    }
    expect(job.status).toBe('succeeded');
    expect(servedDuringLoad.length).toBeGreaterThan(0);
    expect(new Set(servedDuringLoad)).toEqual(new Set([oldVersion]));

    const after = (await request(app).get('/api/data-status').expect(200)).body as DataStatusBody;
    expect(after.data?.data_version).toBe(job.report?.run_id);
    expect(after.data?.data_version).toBeGreaterThan(oldVersion ?? 0);
    const loadedChildren = (s: DataStatusBody) => s.files.find((f) => f.table_name === 'children')?.rows_loaded;
    expect(loadedChildren(after)).toBe((loadedChildren(before) ?? 0) - 1);
    expect(loadedChildren(after)).toBe(job.report?.files.find((f) => f.table === 'children')?.rows_loaded);
    const indicators = await request(app).get('/api/indicators').expect(200);
    expect((indicators.body as { data: { data_version: number } }).data.data_version).toBe(after.data?.data_version);
    expect(readdirSync(uploadDir)).toEqual([]);
    expect(auditLines(auditPath)).toEqual([
      { user: 'admin', action: 'upload', outcome: 'success', event: 'started', upload_id: accepted.id, rows: null },
      { user: 'admin', action: 'upload', outcome: 'success', event: 'finished', upload_id: accepted.id, rows: job.report?.rows_loaded },
    ]);
  });

  it('audits a refused upload with its reason', async () => {
    const auditPath = join(t.dir, 'audit-refused.log');
    const { app } = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7, UPLOAD_DIR: uploadDir }, auth: testAuth({ auditPath }) }, 'admin');
    const res = await request(app).post('/api/admin/uploads').set('Content-Type', 'application/zip').send(Buffer.from('not a zip')).expect(400);
    const lines = readFileSync(auditPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { params: { event: string }; outcome: string; reason?: string });
    expect(lines.map((l) => [l.params.event, l.outcome])).toEqual([
      ['started', 'success'],
      ['failed', 'failure'],
    ]);
    expect(lines[1]?.reason).toBe((res.body as { error: string }).error);
  });

  it('is for the admin only', async () => {
    const { server } = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7, UPLOAD_DIR: uploadDir } }, 'admin');
    const zip = await makeZip(fixtureEntries());
    await request(server).post('/api/admin/uploads').set('Content-Type', 'application/zip').send(zip).expect(401);
    await request(server).post('/api/admin/uploads').set(authHeader('analyst')).set('Content-Type', 'application/zip').send(zip).expect(403);
    await request(server).get('/api/admin/uploads').set(authHeader('viewer')).expect(403);
    expect(readdirSync(uploadDir)).toEqual([]);
  });
});
