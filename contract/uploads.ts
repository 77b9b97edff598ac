import * as z from 'zod/mini';

// Responses of /api/admin/uploads (POST a zip, GET the list and one upload's progress and report).

export const uploadStatuses = ['queued', 'unpacking', 'validating', 'loading', 'succeeded', 'failed'] as const;
export type UploadStatus = (typeof uploadStatuses)[number];

const count = z.int().check(z.minimum(0));

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
  run_id: z.int(),
  la_code: z.nullable(z.string()),
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
  returns: z.optional(
    z.array(
      z.object({
        file_name: z.string(),
        collection: z.enum(['SEN2', 'CIN']),
        year: z.string(),
        module: z.string(),
        read: count,
        loaded: count,
        rejected: count,
      }),
    ),
  ),
});

export const uploadJobSchema = z.object({
  id: z.uuid(),
  status: z.enum(uploadStatuses),
  started_at: z.string(),
  finished_at: z.nullable(z.string()),
  /** Bytes of the zip received so far (all of it once unpacking starts). */
  bytes: count,
  percent: z.number().check(z.minimum(0), z.maximum(100)),
  /** Progress messages, oldest first (the latest few dozen). */
  messages: z.array(z.string()),
  error: z.nullable(z.string()),
  report: z.nullable(uploadReportSchema),
});

export const uploadListSchema = z.object({
  /** Newest first. */
  uploads: z.array(uploadJobSchema),
  /** The upload being received or loaded, if any: only one runs at a time. */
  running: z.nullable(z.uuid()),
});

export type UploadFileReport = z.infer<typeof uploadFileReportSchema>;
export type UploadReport = z.infer<typeof uploadReportSchema>;
export type UploadJob = z.infer<typeof uploadJobSchema>;
export type UploadList = z.infer<typeof uploadListSchema>;
