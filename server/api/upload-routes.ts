import express, { type NextFunction, type Request, type Response } from 'express';
import { audit } from '../auth/audit.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import type { ErrorResponse } from '../../contract/common.ts';
import { type UploadJob, uploadJobSchema, uploadListSchema } from '../../contract/uploads.ts';
import { fileLimitsFromConfig } from '../ingest/file-limits.ts';
import { discardBody } from '../uploads/receive.ts';
import { defaultUnzipLimits } from '../uploads/unzip.ts';
import { UploadError } from '../uploads/upload-error.ts';
import { UploadManager, type Loader, type UploadEvent } from '../uploads/upload-manager.ts';

// Extract uploads (server/uploads/README.md). The auth layer requires the admin role and the CSRF
// header for everything under /api/admin/.

export type UploadConfig = Partial<
  Pick<Config, 'UPLOAD_DIR' | 'UPLOAD_MAX_BYTES' | 'UPLOAD_MAX_UNZIPPED_BYTES' | 'EXTRACT_MAX_ROWS_PER_FILE' | 'EXTRACT_MAX_FILE_BYTES' | 'PARQUET_MAX_ROWS_PER_BYTE'>
>;

export interface UploadRouteOptions {
  db: Database;
  /** Refreshed after a load commits, so every route serves the new data. */
  dataState: { refresh: () => void };
  config?: UploadConfig;
  /** Tests only: wraps loadExtract. */
  load?: Loader;
}

const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'];

function recordAudit(req: Request, event: UploadEvent, job: UploadJob): void {
  audit.record({
    req,
    action: 'upload',
    outcome: event === 'failed' ? 'failure' : 'success',
    params: { upload_id: job.id, event, bytes: job.bytes, run_id: job.report?.run_id ?? null },
    rows: event === 'finished' ? (job.report?.rows_loaded ?? null) : null,
    ...(job.error ? { reason: job.error } : {}),
  });
}

export function uploadRoutes(options: UploadRouteOptions): express.Router & { uploads: UploadManager } {
  const defaults = loadConfig({});
  const config = { ...defaults, ...options.config };
  const manager = new UploadManager({
    db: options.db,
    settings: {
      uploadDir: config.UPLOAD_DIR,
      maxBytes: config.UPLOAD_MAX_BYTES,
      unzip: { ...defaultUnzipLimits, maxUnzippedBytes: config.UPLOAD_MAX_UNZIPPED_BYTES },
      files: fileLimitsFromConfig(config),
    },
    onLoaded: () => options.dataState.refresh(),
    ...(options.load ? { load: options.load } : {}),
  });
  const router = express.Router();

  router.post('/api/admin/uploads', async (req, res) => {
    if (!req.is(ZIP_TYPES)) throw new UploadError(415, 'Send the extract as one .zip file (Content-Type: application/zip)');
    const job = await manager.accept(req, (event, current) => recordAudit(req, event, current));
    res.status(202).location(`/api/admin/uploads/${job.id}`).json(uploadJobSchema.parse(job));
  });

  router.get('/api/admin/uploads', (_req, res) => {
    res.json(uploadListSchema.parse(manager.list()));
  });

  router.get('/api/admin/uploads/:id', (req, res) => {
    const job = manager.get(req.params.id);
    if (!job) throw new NotFoundError('No such upload: the server keeps the last 20 since it started');
    res.json(uploadJobSchema.parse(job));
  });

  router.use('/api/admin/uploads', (error: unknown, req: Request, res: Response<ErrorResponse>, next: NextFunction) => {
    if (!(error instanceof UploadError)) return next(error);
    // Refused before the whole body arrived: answer now, drop the rest, then close the connection.
    if (!req.readableEnded) {
      res.set('Connection', 'close');
      discardBody(req);
    }
    res.status(error.status).json({ error: error.message });
  });

  return Object.assign(router, { uploads: manager });
}
