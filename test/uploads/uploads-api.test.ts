import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dataStatus } from '../../server/api/data-status.ts';
import { readDataContext } from '../../server/data-context.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import type { UploadJob, UploadList } from '../../contract/uploads.ts';
import type { Loader } from '../../server/uploads/upload-manager.ts';
import { fixtureDatabase, fixtureDir, type TempDb } from '../helpers/fixture-db.ts';
import { bareUploadApp, fixtureEntries, makeZip, postZip, waitForJob } from './upload-helpers.ts';

// The fixture is loaded first (run 1, 20 valid children); every refused upload must leave exactly that.
let t: TempDb;
let uploadDir: string;
beforeAll(async () => {
  t = await fixtureDatabase();
});
afterAll(() => t.cleanup());
beforeEach(() => {
  uploadDir = mkdtempSync(join(t.dir, 'uploads-'));
});
afterEach(() => rmSync(uploadDir, { recursive: true, force: true }));

const MiB = 2 ** 20;
const config = () => ({ UPLOAD_DIR: uploadDir, UPLOAD_MAX_BYTES: 4 * MiB, UPLOAD_MAX_UNZIPPED_BYTES: 64 * MiB });

async function loaded(): Promise<{ run: number; children: number; runs: number }> {
  const [row] = await t.db.query<{ run: number; children: number; runs: number }>(
    `SELECT (SELECT run_id FROM extract_info)::INTEGER AS run, (SELECT count(*) FROM children)::INTEGER AS children,
       (SELECT count(*) FROM load_runs)::INTEGER AS runs`,
  );
  if (!row) throw new Error('no data');
  return row;
}

/** One child fewer than the fixture (C20's row removed), so the new load is told apart from the old. */
const withoutC20 = (name: string, text: string) => (name === 'children.csv' ? text.replace(/\nC20,[^\n]*/, '') : text);

describe('a good extract zip', () => {
  it('is loaded in the background with progress and the validation report, and its files are deleted', async () => {
    const before = await loaded();
    const { app, refreshed } = bareUploadApp(t.db, config());
    const res = await postZip(app, await makeZip(fixtureEntries(withoutC20))).expect(202);
    const accepted = res.body as UploadJob;
    expect(res.headers.location).toBe(`/api/admin/uploads/${accepted.id}`);
    expect(['validating', 'loading', 'succeeded']).toContain(accepted.status);

    const job = await waitForJob(app, accepted.id);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.percent).toBe(100);
    expect(job.messages).toContain('writing to the database');
    expect(refreshed()).toBe(1);

    const after = await loaded();
    expect(after.run).toBeGreaterThan(before.run);
    expect(after.children).toBe(before.children - 1);
    const report = job.report;
    if (!report) throw new Error('no report');
    expect(report.run_id).toBe(after.run);
    expect(report.skipped_entries).toEqual(['README.md']);
    // The same figures as /api/data-status serves for the current load.
    const status = await dataStatus(t.db, await readDataContext(t.db), 'admin');
    const counts = (table: unknown, f: { rows_read?: unknown; rows_loaded?: unknown; rows_rejected?: unknown }) =>
      `${String(table)} ${String(f.rows_read)} ${String(f.rows_loaded)} ${String(f.rows_rejected)}`;
    expect(report.files.map((f) => counts(f.table, f)).sort()).toEqual(status.files.map((f) => counts(f.table_name, f)).sort());
    const children = report.files.find((f) => f.table === 'children');
    expect(children?.rows_loaded).toBe(after.children);
    const line = `children.csv: ${children?.rows_read} read, ${children?.rows_loaded} loaded, ${children?.rows_rejected} rejected`;
    expect(job.messages.some((m) => m.startsWith(line))).toBe(true);
    const rejectedByReason = report.files.flatMap((f) => f.rejected.map((r) => `${f.file_name}|${r.reason}|${r.rows}`)).sort();
    expect(rejectedByReason).toEqual(status.quarantine.map((q) => `${q.file_name}|${q.reason}|${q.rows}`).sort());
    expect(report.rows_rejected).toBeGreaterThan(0);

    // Nothing of the upload is left on disk.
    expect(readdirSync(uploadDir)).toEqual([]);
    const list = (await request(app).get('/api/admin/uploads').expect(200)).body as UploadList;
    expect(list.running).toBeNull();
    expect(list.uploads.map((u) => u.id)).toEqual([accepted.id]);
    // Back to the fixture for the other tests.
    await loadExtract(t.db, fixtureDir);
  });
});

interface Refusal {
  name: string;
  zip: () => Promise<Buffer>;
  status: number;
  error: RegExp;
}

const children = (): string => readFileSync(join(fixtureDir, 'children.csv'), 'utf8');

/** A zip whose central directory claims `claimed` bytes for the first entry, whatever it really holds. */
async function lyingZip(data: Buffer, claimed: number): Promise<Buffer> {
  const zip = await makeZip([{ name: 'children.csv', data }]);
  const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  zip.writeUInt32LE(claimed, central + 24);
  return zip;
}

const refusals: Refusal[] = [
  {
    name: 'a zip bomb (a highly compressible large entry)',
    zip: () => makeZip([{ name: 'children.csv', data: Buffer.alloc(40 * MiB, 0x61) }]),
    status: 413,
    error: /children\.csv.*more than 200 times its compressed size.*zip bomb/,
  },
  {
    name: 'a zip bomb whose header claims a small size',
    zip: () => lyingZip(Buffer.alloc(40 * MiB, 0x61), 1000),
    status: 400,
    error: /could not be read/,
  },
  { name: 'an entry ../x.csv', zip: () => makeZip([{ name: 'zz/x.csv', data: 'a' }], { 'zz/x.csv': '../x.csv' }), status: 400, error: /path/ },
  { name: 'an entry /etc/x', zip: () => makeZip([{ name: 'zetc/x', data: 'a' }], { zetc: '/etc' }), status: 400, error: /path/ },
  { name: 'an entry a/../../b', zip: () => makeZip([{ name: 'a/zz/zz/b', data: 'a' }], { 'a/zz/zz/b': 'a/../../b' }), status: 400, error: /path/ },
  { name: 'an entry in a folder', zip: () => makeZip([{ name: 'extract/children.csv', data: children() }]), status: 400, error: /in a folder.*top level/ },
  {
    name: 'a symbolic link',
    zip: () => makeZip([{ name: 'children.csv', data: '/etc/passwd', mode: 0o120777 }]),
    status: 400,
    error: /"children\.csv" is a symbolic link/,
  },
  {
    name: 'too many entries',
    zip: () => makeZip([{ name: 'children.csv', data: children() }, ...Array.from({ length: 70 }, (_, i) => ({ name: `README${i}`, data: 'x' }))]),
    status: 400,
    error: /71 entries; an extract has at most 64/,
  },
  { name: 'a body that is not a zip', zip: () => Promise.resolve(Buffer.from(children())), status: 400, error: /not a zip file/ },
  {
    name: 'the same name twice',
    zip: () => makeZip([{ name: 'children.csv', data: children() }, { name: 'children.csv', data: children() }]),
    status: 400,
    error: /twice/,
  },
  {
    name: 'a CSV and a Parquet file for one table',
    zip: () => makeZip([{ name: 'children.csv', data: children() }, { name: 'CHILDREN.parquet', data: 'x' }]),
    status: 400,
    error: /twice \(or a CSV and a Parquet file/,
  },
  {
    name: 'a file that is not part of an extract',
    zip: () => makeZip([{ name: 'children.csv', data: children() }, { name: 'notes.txt', data: 'x' }]),
    status: 400,
    error: /"notes\.txt", which is not an extract file/,
  },
  { name: 'a misnamed table file', zip: () => makeZip([{ name: 'kids.csv', data: children() }]), status: 400, error: /"kids\.csv", which is not an extract file/ },
  { name: 'no children file', zip: () => makeZip([{ name: 'ehc_plans.csv', data: 'x' }]), status: 400, error: /no children\.csv/ },
];

describe('a refused upload loads nothing and leaves the previous data', () => {
  it.each(refusals)('$name → $status', async ({ zip, status, error }) => {
    const before = await loaded();
    const { app, refreshed } = bareUploadApp(t.db, config());
    const res = await postZip(app, await zip()).expect(status);
    expect((res.body as { error: string }).error).toMatch(error);
    expect(await loaded()).toEqual(before);
    expect(refreshed()).toBe(0);
    expect(readdirSync(uploadDir)).toEqual([]);
    const list = (await request(app).get('/api/admin/uploads').expect(200)).body as UploadList;
    expect(list.running).toBeNull();
    expect(list.uploads[0]?.status).toBe('failed');
    expect(list.uploads[0]?.error).toMatch(error);
  });

  it('refuses a body larger than UPLOAD_MAX_BYTES from its Content-Length → 413', async () => {
    const before = await loaded();
    const { app } = bareUploadApp(t.db, { ...config(), UPLOAD_MAX_BYTES: 10_000 });
    const res = await postZip(app, Buffer.alloc(50_000, 1)).expect(413);
    expect((res.body as { error: string }).error).toMatch(/larger than 9\.8 KB \(UPLOAD_MAX_BYTES\)/);
    expect(await loaded()).toEqual(before);
    expect(readdirSync(uploadDir)).toEqual([]);
  });

  it('stops a chunked body (no Content-Length) as soon as it passes UPLOAD_MAX_BYTES → 413', async () => {
    const { app } = bareUploadApp(t.db, { ...config(), UPLOAD_MAX_BYTES: 10_000 });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/admin/uploads', headers: { 'Content-Type': 'application/zip' } }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        // 16 chunks of 4 KB, so the server sees the limit pass while the body is still arriving.
        let sent = 0;
        const next = (): void => {
          if (sent++ === 16) return void req.end();
          req.write(Buffer.alloc(4096, 2), () => setTimeout(next, 5));
        };
        next();
      });
      expect(answer.status).toBe(413);
      expect(answer.body).toMatch(/UPLOAD_MAX_BYTES/);
      expect(readdirSync(uploadDir)).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('refuses a body that is not sent as a zip → 415', async () => {
    const { app } = bareUploadApp(t.db, config());
    const res = await request(app).post('/api/admin/uploads').set('Content-Type', 'text/csv').send(children()).expect(415);
    expect((res.body as { error: string }).error).toMatch(/application\/zip/);
  });
});

describe('a zip made by macOS Finder', () => {
  it('loads, with the __MACOSX folder and .DS_Store skipped and nothing of them written', async () => {
    const { app } = bareUploadApp(t.db, config());
    const finder = [
      ...fixtureEntries(),
      { name: '__MACOSX/', data: '' },
      { name: '__MACOSX/._children.csv', data: 'resource fork' },
      { name: '.DS_Store', data: 'x' },
    ];
    const accepted = (await postZip(app, await makeZip(finder)).expect(202)).body as UploadJob;
    const job = await waitForJob(app, accepted.id);
    expect(job.status).toBe('succeeded');
    expect(job.report?.skipped_entries.sort()).toEqual(['.DS_Store', 'README.md', '__MACOSX/', '__MACOSX/._children.csv']);
    expect(job.report?.ignored_files).toEqual([]);
  });
});

describe('one load at a time', () => {
  it('refuses a second upload while one loads (409), and serves the old data until the new one commits', async () => {
    const before = await loaded();
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gatedLoad: Loader = async (db, dir, onProgress) => {
      await gate;
      return loadExtract(db, dir, onProgress);
    };
    const { app, idle } = bareUploadApp(t.db, config(), gatedLoad);
    const first = (await postZip(app, await makeZip(fixtureEntries(withoutC20))).expect(202)).body as UploadJob;
    expect(first.status).toBe('validating');
    const second = await postZip(app, await makeZip(fixtureEntries())).expect(409);
    expect((second.body as { error: string }).error).toMatch(/Another extract is being uploaded or loaded/);
    expect((await request(app).get('/api/admin/uploads').expect(200)).body).toMatchObject({ running: first.id });
    expect(await loaded()).toEqual({ ...before, runs: before.runs });
    release();
    await idle();
    expect((await waitForJob(app, first.id)).status).toBe('succeeded');
    expect((await loaded()).children).toBe(before.children - 1);
    // Free again: the next upload is accepted.
    const third = (await postZip(app, await makeZip(fixtureEntries())).expect(202)).body as UploadJob;
    expect((await waitForJob(app, third.id)).status).toBe('succeeded');
    expect((await loaded()).children).toBe(before.children);
  });
});

describe('leftovers', () => {
  it('the upload folder holds nothing once a load has failed in the loader', async () => {
    const failing: Loader = () => Promise.reject(new Error('SELECT secret FROM somewhere'));
    const { app } = bareUploadApp(t.db, config(), failing);
    const job = (await postZip(app, await makeZip(fixtureEntries())).expect(202)).body as UploadJob;
    const done = await waitForJob(app, job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/internal error.*previous data is unchanged/);
    expect(done.error).not.toMatch(/SELECT/);
    expect(existsSync(uploadDir) && readdirSync(uploadDir)).toEqual([]);
  });
});
