import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadJob } from '../../contract/uploads.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { makeZip } from '../uploads/upload-helpers.ts';

// The upload page takes the same folder of returns as a zip: it loads through the same reader, and
// neither the job (messages, report, error) nor the data status carries an identifier from the files.

const fixture = join(repoRoot, 'test', 'fixtures', 'returns');
let t: TempDb;
let uploadDir: string;
const savedKeyPath = process.env.PSEUDONYM_KEY_PATH;
beforeAll(async () => {
  t = await fixtureDatabase();
  uploadDir = mkdtempSync(join(t.dir, 'uploads-'));
  process.env.PSEUDONYM_KEY_PATH = join(t.dir, 'pseudonym.key');
});
afterAll(() => {
  if (savedKeyPath === undefined) delete process.env.PSEUDONYM_KEY_PATH;
  else process.env.PSEUDONYM_KEY_PATH = savedKeyPath;
  t.cleanup();
});

async function waitFor(app: Parameters<typeof request>[0], id: string): Promise<UploadJob> {
  for (let i = 0; i < 1200; i++) {
    const job = (await request(app).get(`/api/admin/uploads/${id}`).expect(200)).body as UploadJob;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the upload did not finish');
}

describe('uploading SEN2 and CIN returns as a zip', () => {
  it('loads them, reports each module, and shows no identifier', async () => {
    const { app } = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0, UPLOAD_DIR: uploadDir } }, 'admin');
    const entries = readdirSync(fixture).map((name) => ({ name, data: readFileSync(join(fixture, name)) }));
    const accepted = (await request(app).post('/api/admin/uploads').set('Content-Type', 'application/zip').send(await makeZip(entries)).expect(202)).body as UploadJob;
    const job = await waitFor(app, accepted.id);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.report?.returns?.find((m) => m.file_name === 'sen2-2025.xml' && m.module === 'Person')).toMatchObject({ read: 13, loaded: 11, rejected: 2 });
    expect(job.report?.files.find((f) => f.table === 'children')?.rows_loaded).toBe(16);
    const status = await request(app).get('/api/data-status').expect(200);
    const texts = [JSON.stringify(job), status.text];
    for (const name of ['sen2-2025.xml', 'sen2-2024.xml', 'cin-2025.xml']) {
      const xml = readFileSync(join(fixture, name), 'utf8');
      for (const m of xml.matchAll(/<(Surname|Forename|UPN|FormerUPN|UniqueLearnerNumber|PostCode|LAchildID|PersonBirthDate)>([^<]+)</g)) {
        const value = m[2] ?? '';
        for (const text of texts) expect(new RegExp(`(^|[^A-Za-z0-9])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9]|$)`).test(text), value).toBe(false);
      }
    }
    expect(readdirSync(uploadDir)).toEqual([]);
  }, 120_000);
});
