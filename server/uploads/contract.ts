import { z } from 'zod';

// Responses of /api/admin/uploads; the web app imports the types (web/src/upload-schemas.ts mirrors them).

export const uploadStatuses = ['queued', 'unpacking', 'validating', 'loading', 'succeeded', 'failed'] as const;
export type UploadStatus = (typeof uploadStatuses)[number];

const count = z.number().int().min(0);

export const uploadFileReportSchema = z.object({
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

/** The validation report of a load: what /api/data-status shows once it is the current data. */
export const uploadReportSchema = z.object({
  run_id: z.number().int(),
  la_code: z.string().nullable(),
  extract_date: z.string(),
  synthetic: z.boolean(),
  duration_ms: count,
  rows_read: count,
  rows_loaded: count,
  rows_rejected: count,
  files: z.array(uploadFileReportSchema),
  /** Files in the extract that the loader does not use. */
  ignored_files: z.array(z.string()),
  /** Zip entries not unpacked (a README). */
  skipped_entries: z.array(z.string()),
  /** SEN2 / CIN census returns read (server/returns): per file and module, read = loaded + rejected. */
  returns: z.array(z.object({
    file_name: z.string(),
    collection: z.enum(['SEN2', 'CIN']),
    year: z.string(),
    module: z.string(),
    read: count,
    loaded: count,
    rejected: count,
  })).optional(),
});

export const uploadJobSchema = z.object({
  id: z.string().uuid(),
  status: z.enum(uploadStatuses),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  /** Bytes of the zip received so far (all of it once unpacking starts). */
  bytes: count,
  percent: z.number().min(0).max(100),
  /** Progress messages, oldest first (the latest few dozen). */
  messages: z.array(z.string()),
  error: z.string().nullable(),
  report: uploadReportSchema.nullable(),
});

export const uploadListSchema = z.object({
  /** Newest first. */
  uploads: z.array(uploadJobSchema),
  /** The upload being received or loaded, if any: only one runs at a time. */
  running: z.string().uuid().nullable(),
});

export type UploadFileReport = z.infer<typeof uploadFileReportSchema>;
export type UploadReport = z.infer<typeof uploadReportSchema>;
export type UploadJob = z.infer<typeof uploadJobSchema>;
export type UploadList = z.infer<typeof uploadListSchema>;
