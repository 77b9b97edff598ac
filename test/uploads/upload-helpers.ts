import express from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import yazl from 'yazl';
import { expect } from 'vitest';
import { uploadRoutes, type UploadConfig } from '../../server/api/upload-routes.ts';
import type { Database } from '../../server/db/database.ts';
import type { UploadJob } from '../../contract/uploads.ts';
import type { Loader } from '../../server/uploads/upload-manager.ts';
import { fixtureDir } from '../helpers/fixture-db.ts';

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Unix mode with the file type bits, e.g. 0o120777 for a symbolic link. */
  mode?: number;
}

/** A zip built with yazl (deflated entries; a name ending in / is a folder). yazl refuses unsafe names, so `rename` swaps names in the bytes afterwards. */
export async function makeZip(entries: ZipEntry[], rename: Record<string, string> = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) zip.addEmptyDirectory(entry.name);
    else zip.addBuffer(Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data), entry.name, entry.mode === undefined ? {} : { mode: entry.mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  let bytes = Buffer.concat(chunks);
  for (const [from, to] of Object.entries(rename)) {
    if (from.length !== to.length) throw new Error('a renamed entry keeps its length');
    bytes = Buffer.from(bytes.toString('latin1').split(from).join(to), 'latin1');
  }
  return bytes;
}

/** The hand-made fixture's files (its README included, its unknown notes.txt left out) with optional changes. */
export function fixtureEntries(change: (name: string, text: string) => string = (_n, t) => t): ZipEntry[] {
  return readdirSync(fixtureDir)
    .filter((name) => name !== 'notes.txt')
    .map((name) => ({ name, data: change(name, readFileSync(join(fixtureDir, name), 'utf8')) }));
}

export interface UploadTestApp {
  app: express.Express;
  refreshed: () => number;
  idle: () => Promise<void>;
}

/** The upload router alone on a bare Express app (the auth layer is tested through createApp separately). */
export function bareUploadApp(db: Database, config: UploadConfig, load?: Loader): UploadTestApp {
  let refreshes = 0;
  const router = uploadRoutes({ db, dataState: { refresh: () => void refreshes++ }, config, ...(load ? { load } : {}) });
  const app = express();
  app.use(router);
  return { app, refreshed: () => refreshes, idle: () => router.uploads.idle() };
}

export const postZip = (app: express.Express, body: Buffer) =>
  request(app).post('/api/admin/uploads').set('Content-Type', 'application/zip').send(body);

/** Polls the job until it has finished. */
export async function waitForJob(app: express.Express, id: string, headers: Record<string, string> = {}): Promise<UploadJob> {
  for (let i = 0; i < 600; i++) {
    const res = await request(app).get(`/api/admin/uploads/${id}`).set(headers).expect(200);
    const job = res.body as UploadJob;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect.fail(`upload ${id} did not finish`);
}
