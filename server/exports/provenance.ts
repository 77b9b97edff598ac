import type { Database } from '../db/database.ts';
import type { DataContext } from '../data-context.ts';

/** Where the loaded figures came from: the load run and its files (no server paths). */
export interface Provenance {
  runId: number;
  loadedAt: string | null;
  producer: string | null;
  files: { table: string; fileName: string; sha256: string; rowsLoaded: number; rowsRejected: number }[];
}

export async function readProvenance(db: Database, context: DataContext): Promise<Provenance> {
  const runId = context.notice.data_version;
  const [run] = await db.query<{ finished_at: string | null; producer: string | null }>(
    `SELECT finished_at::VARCHAR AS finished_at, json_extract_string(manifest, '$.producer') AS producer
     FROM load_runs WHERE run_id = $run_id`,
    { run_id: runId },
  );
  const files = await db.query<{ table_name: string; file_name: string; sha256: string; rows_loaded: number; rows_rejected: number }>(
    `SELECT table_name, file_name, sha256, rows_loaded, rows_rejected FROM load_files WHERE run_id = $run_id ORDER BY table_name`,
    { run_id: runId },
  );
  return {
    runId,
    loadedAt: run?.finished_at ?? null,
    producer: run?.producer ?? null,
    files: files.map((f) => ({ table: f.table_name, fileName: f.file_name, sha256: f.sha256, rowsLoaded: f.rows_loaded, rowsRejected: f.rows_rejected })),
  };
}
