import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { discoverExtract, ExtractError } from '../ingest/discover.ts';
import { checkFileLimits, FileLimitError, type FileLimits } from '../ingest/file-limits.ts';
import type { LoadSummary, ProgressListener } from '../ingest/load-extract.ts';
import { loadFolder } from '../ingest/load-folder.ts';
import type { UploadJob, UploadList, UploadReport } from '../../contract/uploads.ts';
import { readProgress } from './progress.ts';
import { receiveBody } from './receive.ts';
import { unzipExtract, type UnzipLimits } from './unzip.ts';
import { UploadError } from './upload-error.ts';

// One upload at a time: the body is streamed to a file, unpacked into a fresh folder, and loaded in
// the background by loadExtract (one transaction: the old data serves until COMMIT and stays on
// failure). The files are deleted afterwards; the job, its messages and its report stay in memory.

export interface UploadSettings {
  uploadDir: string;
  maxBytes: number;
  unzip: UnzipLimits;
  /** Per file: rows, bytes and Parquet rows per byte, checked before the load starts (413 past them). */
  files: FileLimits;
}

export type Loader = (db: Database, extractDir: string, onProgress: ProgressListener) => Promise<LoadSummary>;
export type UploadEvent = 'started' | 'finished' | 'failed';

export interface UploadManagerOptions {
  db: Database;
  settings: UploadSettings;
  /** Called after a load commits, before the job says `succeeded` (DataState.refresh). */
  onLoaded: () => void;
  /** Tests wrap the loader to watch a load in progress. */
  load?: Loader;
}

const KEEP_JOBS = 20;
const KEEP_MESSAGES = 40;
const FOLDER_PREFIX = 'upload-';

export class UploadManager {
  private readonly jobs: UploadJob[] = [];
  private running: UploadJob | null = null;
  private background: Promise<void> = Promise.resolve();

  constructor(private readonly options: UploadManagerOptions) {}

  list(): UploadList {
    return { uploads: this.jobs, running: this.running?.id ?? null };
  }

  get(id: string): UploadJob | undefined {
    return this.jobs.find((job) => job.id === id);
  }

  /** Resolves when the background load (if any) has finished: for tests and shutdown. */
  idle(): Promise<void> {
    return this.background;
  }

  /**
   * Receives and unpacks an upload, then starts its load in the background and returns the job.
   * Throws UploadError (409 busy, 400/413 refused) with nothing loaded and the files removed.
   */
  async accept(body: IncomingMessage, notify: (event: UploadEvent, job: UploadJob) => void): Promise<UploadJob> {
    if (this.running) {
      throw new UploadError(409, 'Another extract is being uploaded or loaded: wait for it to finish, then upload again');
    }
    const job: UploadJob = {
      id: randomUUID(),
      status: 'queued',
      started_at: new Date().toISOString(),
      finished_at: null,
      bytes: 0,
      percent: 0,
      messages: ['receiving the upload'],
      error: null,
      report: null,
    };
    this.running = job;
    this.jobs.unshift(job);
    this.jobs.splice(KEEP_JOBS);
    notify('started', job);
    const { settings } = this.options;
    let folder: string | null = null;
    let skipped: string[];
    try {
      await mkdir(settings.uploadDir, { recursive: true, mode: 0o700 });
      folder = await mkdtemp(join(settings.uploadDir, FOLDER_PREFIX));
      const zipPath = join(folder, 'upload.zip');
      job.bytes = await receiveBody(body, zipPath, settings.maxBytes);
      this.step(job, 'unpacking', 2, `received ${job.bytes} bytes; unpacking`);
      const extractDir = join(folder, 'extract');
      await mkdir(extractDir, { mode: 0o700 });
      const unzipped = await unzipExtract(zipPath, extractDir, settings.unzip);
      await rm(zipPath);
      if (!unzipped.files.some((f) => f.name.startsWith('children.') || f.name.endsWith('.xml'))) {
        throw new UploadError(400, 'The zip has no children.csv or children.parquet, and no SEN2 or CIN census return (.xml): every extract needs one');
      }
      skipped = unzipped.skipped;
      await this.checkLimits(extractDir);
      this.step(job, 'validating', 5, `unpacked ${unzipped.files.length} files`);
    } catch (error) {
      this.fail(job, error);
      if (folder) await rm(folder, { recursive: true, force: true });
      this.running = null;
      notify('failed', job);
      throw error;
    }
    this.background = this.load(job, folder, skipped, notify);
    return job;
  }

  private async load(job: UploadJob, folder: string, skipped: string[], notify: (event: UploadEvent, job: UploadJob) => void): Promise<void> {
    // SEN2/CIN returns are staged inside the upload's own folder, which the locked-down database may read.
    const load = this.options.load ?? ((db: Database, dir: string, progress: ProgressListener) => loadFolder(db, dir, progress, { stagingParent: folder }));
    let summary: LoadSummary | null = null;
    let failure: unknown = null;
    try {
      summary = await load(this.options.db, join(folder, 'extract'), (message) => {
        const step = readProgress(message, job.percent);
        const last = job.messages.at(-1) ?? '';
        if (step.percentLine && readProgress(last, 0).percentLine) job.messages.pop();
        this.step(job, job.status === 'loading' ? 'loading' : step.status, step.percent, message.trim());
      });
    } catch (error) {
      failure = error;
    }
    // The files go before the job says it has finished; the report stays.
    await rm(folder, { recursive: true, force: true }).catch((error: unknown) => console.error('removing an upload folder failed:', error));
    if (summary) {
      job.report = toReport(summary, skipped);
      this.options.onLoaded();
      this.step(job, 'succeeded', 100, 'loaded: the dashboard now shows this extract');
      job.finished_at = new Date().toISOString();
    } else {
      this.fail(job, failure);
    }
    this.running = null;
    notify(summary ? 'finished' : 'failed', job);
  }

  /** Sizes and Parquet footers, in the request: a file over a limit is a 413 before any load starts. */
  private async checkLimits(extractDir: string): Promise<void> {
    let files;
    try {
      files = discoverExtract(extractDir).files;
    } catch {
      return; // other problems with the extract are reported by the load, as before
    }
    try {
      await this.options.db.withConnection((connection) => checkFileLimits(connection, files, this.options.settings.files));
    } catch (error) {
      if (error instanceof FileLimitError) throw new UploadError(413, error.message);
      if (!(error instanceof ExtractError)) throw error;
    }
  }

  private step(job: UploadJob, status: UploadJob['status'], percent: number, message: string): void {
    job.status = status;
    job.percent = percent;
    job.messages.push(message);
    job.messages.splice(0, Math.max(0, job.messages.length - KEEP_MESSAGES));
  }

  private fail(job: UploadJob, error: unknown): void {
    job.status = 'failed';
    job.finished_at = new Date().toISOString();
    job.error = failureMessage(error);
    job.messages.push(`failed: ${job.error}`);
  }
}

/** Refusals and extract problems are shown as they are; anything else only in the server log (it may hold SQL). */
function failureMessage(error: unknown): string {
  if (error instanceof UploadError || error instanceof ExtractError) return error.message;
  console.error('upload load failed', error);
  return 'The load failed with an internal error (see the server log); the previous data is unchanged';
}

function toReport(summary: LoadSummary, skipped: string[]): UploadReport {
  const files = summary.files.map((f) => ({
    table: f.table,
    file_name: f.fileName,
    format: f.format,
    bytes: f.bytes,
    sha256: f.sha256,
    rows_read: f.rowsRead,
    rows_loaded: f.rowsLoaded,
    rows_rejected: f.rowsRejected,
    redactions: f.redactions,
    ignored_columns: f.ignoredColumns,
    rejected: f.reasons,
  }));
  const sum = (key: 'rows_read' | 'rows_loaded' | 'rows_rejected') => files.reduce((n, f) => n + f[key], 0);
  return {
    run_id: summary.runId,
    la_code: summary.laCode,
    extract_date: summary.extractDate,
    synthetic: summary.synthetic,
    duration_ms: summary.durationMs,
    rows_read: sum('rows_read'),
    rows_loaded: sum('rows_loaded'),
    rows_rejected: sum('rows_rejected'),
    files,
    ignored_files: summary.ignoredFiles,
    skipped_entries: skipped,
    ...(summary.returnModules
      ? { returns: summary.returnModules.map((m) => ({ file_name: m.fileName, collection: m.collection, year: m.year, module: m.module, read: m.read, loaded: m.loaded, rejected: m.rejected })) }
      : {}),
  };
}

/** At start (`npm start`): folders left by a process that stopped mid-upload hold extract data; remove them. */
export function removeStaleUploads(uploadDir: string): void {
  if (!existsSync(uploadDir)) return;
  for (const name of readdirSync(uploadDir)) {
    if (name.startsWith(FOLDER_PREFIX)) rmSync(join(uploadDir, name), { recursive: true, force: true });
  }
}
