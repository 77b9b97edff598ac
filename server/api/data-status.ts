import { basename } from 'node:path';
import type { Role } from '../../contract/auth.ts';
import type { Database } from '../db/database.ts';
import { identifierHeader, redactIdentifiers } from '../identifiers/index.ts';
import type { DataContext } from '../data-context.ts';
import { dataStatusResponseSchema, type DataStatusResponse } from '../../contract/indicators.ts';

type Run = DataStatusResponse['runs'][number];
type LoadFile = DataStatusResponse['files'][number];

/**
 * Load runs, the files of the current load and rejected rows by reason. Viewers (anyone but an
 * admin) never see where the server keeps extracts, a load's error text or the header names
 * of ignored columns: each can hold what the extract should not have carried. Admins see them
 * sanitised: folder names without their path, identifiers redacted, identifier-like headers withheld.
 */
export async function dataStatus(db: Database, context: DataContext | null, role: Role | null): Promise<DataStatusResponse> {
  const admin = role === 'admin';
  const runs = (
    await db
      .query<Run>(
        `SELECT run_id, status, started_at::VARCHAR AS started_at, finished_at::VARCHAR AS finished_at, source, la_code,
           extract_date::VARCHAR AS extract_date, synthetic, rows_read, rows_loaded, rows_rejected, message
         FROM load_runs ORDER BY run_id DESC LIMIT 20`,
      )
      .catch((): Run[] => [])
  ).map((r) => (admin ? sanitiseRunForAdmin(r) : runForViewer(r)));
  if (!context) return dataStatusResponseSchema.parse({ data: null, runs, files: [], quarantine: [] });
  const { files, quarantine } = await currentLoad(db, context);
  return dataStatusResponseSchema.parse({
    data: context.notice,
    runs,
    files: files.map((f): LoadFile => ({ ...f, ignored_columns: admin ? withholdHeaders(f.ignored_columns) : null })),
    quarantine,
  });
}

/** What a run's status means, in words that hold nothing from the extract or the server. */
const viewerMessages: Record<string, string> = {
  failed: 'This load failed and the previous data were kept; an administrator can see why on the upload page.',
  interrupted: 'This load stopped before it finished; the previous data were kept.',
};

const runForViewer = (r: Run): Run => ({ ...r, source: null, message: r.message === null ? null : (viewerMessages[r.status] ?? null) });

function sanitiseRunForAdmin(r: Run): Run {
  return { ...r, source: r.source === null ? null : basename(r.source), message: r.message === null ? null : sanitiseMessage(r.message) };
}

/** A load's error text with server paths cut to their last part and any identifier redacted. */
export function sanitiseMessage(message: string): string {
  const withoutPaths = message.replace(/(?:[A-Za-z]:)?(?:[\\/][^\s\\/"'`:,;]+){2,}/g, (path) => `…/${basename(path.replaceAll('\\', '/'))}`);
  return redactIdentifiers(withoutPaths).text;
}

const withholdHeaders = (headers: string[] | null): string[] | null =>
  headers === null ? null : headers.map((h) => (identifierHeader(h) ? '[withheld]' : h));

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
  const files = await db.query<LoadFile>(
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
