import * as z from 'zod/mini';
import type { UploadJob, UploadList } from '../../server/uploads/contract.ts';

// Responses of /api/admin/uploads in the browser (zod/mini), mirroring server/uploads/contract.ts; the checks at
// the end fail `tsc` if the two drift apart.

const count = z.number().check(z.int(), z.minimum(0));
// Repeated rather than imported: the server's contract module would bring the full zod into the bundle.
const uploadStatuses = ['queued', 'unpacking', 'validating', 'loading', 'succeeded', 'failed'] as const;

const fileReport = z.object({
  table: z.string(),
  file_name: z.string(),
  format: z.enum(['csv', 'parquet']),
  bytes: count,
  sha256: z.string(),
  rows_read: count,
  rows_loaded: count,
  rows_rejected: count,
  redactions: count,
  ignored_columns: z.array(z.string()),
  rejected: z.array(z.object({ reason: z.string(), rows: count })),
});

const report = z.object({
  run_id: z.int(),
  la_code: z.nullable(z.string()),
  extract_date: z.string(),
  synthetic: z.boolean(),
  duration_ms: count,
  rows_read: count,
  rows_loaded: count,
  rows_rejected: count,
  files: z.array(fileReport),
  ignored_files: z.array(z.string()),
  skipped_entries: z.array(z.string()),
  returns: z.optional(z.array(z.object({
    file_name: z.string(),
    collection: z.enum(['SEN2', 'CIN']),
    year: z.string(),
    module: z.string(),
    read: count,
    loaded: count,
    rejected: count,
  }))),
});

export const uploadJob = z.object({
  id: z.string(),
  status: z.enum(uploadStatuses),
  started_at: z.string(),
  finished_at: z.nullable(z.string()),
  bytes: count,
  percent: z.number().check(z.minimum(0), z.maximum(100)),
  messages: z.array(z.string()),
  error: z.nullable(z.string()),
  report: z.nullable(report),
});

export const uploadList = z.object({ uploads: z.array(uploadJob), running: z.nullable(z.string()) });

/** GET /api/auth/me, the parts this page needs: the role, and the CSRF token (null with a bearer token). */
export const meForUpload = z.object({
  user: z.nullable(z.object({ name: z.string(), role: z.string() })),
  csrf_token: z.nullable(z.string()),
});

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type UploadContractChecks = [Assert<Equal<z.infer<typeof uploadJob>, UploadJob>>, Assert<Equal<z.infer<typeof uploadList>, UploadList>>];
