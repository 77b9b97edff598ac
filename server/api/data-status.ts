import type { Database } from '../db/database.ts';
import type { DataContext } from '../indicators/engine.ts';
import { dataStatusResponseSchema, type DataStatusResponse } from './contract.ts';

/** Load runs, the files of the current load and rejected rows by reason. */
export async function dataStatus(db: Database, context: DataContext | null): Promise<DataStatusResponse> {
  const runs = await db
    .query(
      `SELECT run_id, status, started_at::VARCHAR AS started_at, finished_at::VARCHAR AS finished_at, source, la_code,
         extract_date::VARCHAR AS extract_date, synthetic, rows_read, rows_loaded, rows_rejected, message
       FROM load_runs ORDER BY run_id DESC LIMIT 20`,
    )
    .catch(() => []);
  if (!context) return dataStatusResponseSchema.parse({ data: null, runs, files: [], quarantine: [] });
  const { files, quarantine } = await currentLoad(db, context);
  return dataStatusResponseSchema.parse({ data: context.notice, runs, files, quarantine });
}

// The files and rejected rows of a load never change once it is committed: read them once per data version.
const loadDetails = new WeakMap<DataContext, Promise<Pick<DataStatusResponse, 'files' | 'quarantine'>>>();

function currentLoad(db: Database, context: DataContext): Promise<Pick<DataStatusResponse, 'files' | 'quarantine'>> {
  let details = loadDetails.get(context);
  if (!details) {
    details = readLoadDetails(db, context.notice.data_version);
    loadDetails.set(context, details);
    details.catch(() => loadDetails.delete(context));
  }
  return details;
}

async function readLoadDetails(db: Database, runId: number): Promise<Pick<DataStatusResponse, 'files' | 'quarantine'>> {
  const files = await db.query<DataStatusResponse['files'][number]>(
    `SELECT table_name, file_name, format, bytes::DOUBLE AS bytes, sha256, rows_read, rows_loaded, rows_rejected, redactions, ignored_columns
     FROM load_files WHERE run_id = $run_id ORDER BY table_name`,
    { run_id: runId },
  );
  const quarantine = await db.query<DataStatusResponse['quarantine'][number]>(
    `SELECT file_name, reason, count(DISTINCT line_number)::INTEGER AS rows
     FROM quarantine WHERE run_id = $run_id GROUP BY ALL ORDER BY file_name, rows DESC, reason`,
    { run_id: runId },
  );
  // Validated with the whole response in dataStatus, once per request.
  return { files, quarantine };
}
