import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { meResponseSchema } from '../../../contract/auth.ts';
import { uploadJobSchema, uploadListSchema, type UploadJob, type UploadReport } from '../../../contract/uploads.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { formatDate } from '../format.ts';
import { FileCountsTable, formatCount, RejectedRowsTable, ReturnModulesTable } from '../components/load-tables.tsx';
import { Loading } from '../components/states.tsx';
import type { PageDef } from '../pages.ts';
import '../components/analytics.css';
import './upload.css';

// Admin: upload an extract as one zip (GOV.UK file upload pattern). The zip is sent with XMLHttpRequest, for its
// upload progress; the server unpacks it, then loads it in the background while this page polls the job and
// announces each stage in a polite live region. At the end: the validation report as tables, or the error.

const FIELD_ID = 'extract-zip';
const POLL_MS = 1000;

const stageWords: Record<UploadJob['status'], string> = {
  queued: 'Receiving the zip',
  unpacking: 'Unpacking the zip',
  validating: 'Checking every file',
  loading: 'Writing to the database',
  succeeded: 'Loaded',
  failed: 'Not loaded',
};

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; percent: number }
  | { kind: 'job'; job: UploadJob }
  | { kind: 'refused'; message: string };

class RequestFailed extends Error {}

function errorText(status: number, body: unknown): string {
  const parsed = body && typeof body === 'object' && 'error' in body ? String(body.error) : '';
  if (parsed) return parsed;
  return status === 0 ? 'The upload could not reach the server. Check your connection and try again.' : `The server refused the upload (HTTP ${status}).`;
}

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new RequestFailed(errorText(response.status, body));
  return body;
}

/** Who is signed in (the CSRF token for POSTs, and whether they may upload); null before the auth layer answers. */
async function whoAmI(): Promise<{ admin: boolean; csrf: string | null }> {
  try {
    const me = meResponseSchema.parse(await getJson('/api/auth/me'));
    return { admin: me.user?.role === 'admin', csrf: me.csrf_token };
  } catch {
    return { admin: false, csrf: null };
  }
}

function sendZip(file: File, csrf: string | null, onProgress: (percent: number) => void): Promise<UploadJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/admin/uploads');
    xhr.setRequestHeader('Content-Type', 'application/zip');
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.floor((100 * event.loaded) / event.total));
    };
    xhr.onload = () => {
      if (xhr.status === 202) {
        try {
          resolve(uploadJobSchema.parse(xhr.response));
        } catch {
          reject(new RequestFailed("The server's answer was not in the expected format."));
        }
      } else reject(new RequestFailed(errorText(xhr.status, xhr.response)));
    };
    xhr.onerror = () => reject(new RequestFailed(errorText(0, null)));
    xhr.send(file);
  });
}

/** Checks before sending, with GOV.UK error messages. */
function checkFile(file: File | undefined): string | null {
  if (!file) return 'Select a zip file of the extract';
  if (!/\.zip$/i.test(file.name)) return 'The selected file must be a .zip file';
  if (file.size === 0) return 'The selected file is empty';
  return null;
}

function Report({ report }: { report: UploadReport }) {
  const rejected = report.files.flatMap((f) => f.rejected.map((r) => ({ file_name: f.file_name, ...r })));
  return (
    <section className="page-section" aria-labelledby="upload-report" data-testid="upload-report">
      <h2 className="heading-l" id="upload-report">
        Validation report
      </h2>
      <dl className="summary-list summary-list--wide">
        <div className="summary-list__row">
          <dt>Load</dt>
          <dd>Run {report.run_id}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Local authority</dt>
          <dd>{report.la_code ?? 'not recorded'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Extract date</dt>
          <dd>{formatDate(report.extract_date)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Kind of data</dt>
          <dd>{report.synthetic ? 'Synthetic: generated, not about real children' : 'Real extract (anonymised)'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Rows</dt>
          <dd data-testid="upload-rows">
            {formatCount(report.rows_read)} read, {formatCount(report.rows_loaded)} loaded, {formatCount(report.rows_rejected)} rejected
          </dd>
        </div>
      </dl>
      {report.returns?.length ? <ReturnModulesTable modules={report.returns} /> : null}
      <FileCountsTable files={report.files} />
      <h3 className="heading-m">Rejected rows by reason</h3>
      <p>Rejected rows are kept in quarantine with their reason, and left out of every figure.</p>
      {rejected.length === 0 ? <p>No rows were rejected.</p> : <RejectedRowsTable rows={rejected} />}
      {report.ignored_files.length + report.skipped_entries.length > 0 ? (
        <p>Not loaded (not part of the extract format): {[...report.skipped_entries, ...report.ignored_files].join(', ')}.</p>
      ) : null}
    </section>
  );
}

/** One short sentence per stage (and per tenth of the way) for screen readers, not one per poll. */
function announcement(phase: Phase): string {
  if (phase.kind === 'sending') return `Sending the zip: ${Math.floor(phase.percent / 10) * 10}%`;
  if (phase.kind !== 'job') return '';
  const { job } = phase;
  if (job.status === 'succeeded') return 'The extract has been loaded. The validation report follows.';
  if (job.status === 'failed') return 'The extract was not loaded.';
  return `${stageWords[job.status]}: ${Math.floor(job.percent / 10) * 10}%`;
}

export function UploadPage({ page }: { page: PageDef }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [fieldError, setFieldError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const jobId = phase.kind === 'job' && (phase.job.status === 'succeeded' || phase.job.status === 'failed') ? null : phase.kind === 'job' ? phase.job.id : null;

  const [access, setAccess] = useState<{ admin: boolean; csrf: string | null } | null>(null);
  useEffect(() => {
    let stopped = false;
    void whoAmI().then(async (me) => {
      if (stopped) return;
      setAccess(me);
      if (!me.admin) return;
      // A load started earlier (before a reload of this page) is followed here too.
      const list = uploadListSchema.parse(await getJson('/api/admin/uploads').catch(() => ({ uploads: [], running: null })));
      const running = list.uploads.find((u) => u.id === list.running);
      if (running && !stopped) setPhase((current) => (current.kind === 'idle' ? { kind: 'job', job: running } : current));
    });
    return () => {
      stopped = true;
    };
  }, []);

  useEffect(() => {
    if (!jobId) return undefined;
    let stopped = false;
    const timer = window.setInterval(() => {
      getJson(`/api/admin/uploads/${jobId}`).then(
        (body) => {
          if (!stopped) setPhase({ kind: 'job', job: uploadJobSchema.parse(body) });
        },
        (error: unknown) => {
          if (!stopped) setPhase({ kind: 'refused', message: error instanceof Error ? error.message : String(error) });
        },
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [jobId]);

  const busy = phase.kind === 'sending' || jobId !== null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    const problem = checkFile(file);
    setFieldError(problem);
    if (problem || !file) return;
    setPhase({ kind: 'sending', percent: 0 });
    try {
      const job = await sendZip(file, access?.csrf ?? null, (percent) => setPhase({ kind: 'sending', percent }));
      setPhase({ kind: 'job', job });
    } catch (error) {
      setPhase({ kind: 'refused', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const failure = phase.kind === 'refused' ? phase.message : phase.kind === 'job' && phase.job.status === 'failed' ? (phase.job.error ?? 'The load failed') : null;
  const percent = phase.kind === 'sending' ? phase.percent : phase.kind === 'job' ? phase.job.percent : 0;
  // Every problem is about the file (GOV.UK file upload): in the summary, linked to the field, and beside it.
  const error = fieldError ?? failure;
  const errors = useMemo(() => (error ? [{ field: FIELD_ID, message: error }] : []), [error]);
  if (!access?.admin) {
    return (
      <PageShell page={page} filters={null}>
        {access ? (
          <p data-testid="upload-admin-only">Only an administrator can upload an extract. Ask one if the dashboard needs new data.</p>
        ) : (
          <Loading what="your access" />
        )}
      </PageShell>
    );
  }
  return (
    <PageShell page={page} filters={null}>
      <ErrorSummary errors={errors} />
      <p>
        Put the extract&apos;s files at the top level of one zip: a <code>.csv</code> or <code>.parquet</code> file for each table (at least{' '}
        <code>children</code>), and <code>extract.json</code> if you have one. The format is in <code>docs/extract-format.md</code>.
      </p>
      <div className="inset-text">
        <p>The dashboard keeps showing the current data until the new extract has been checked and written. If anything is wrong, nothing changes.</p>
      </div>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className={`form-group${error ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor={FIELD_ID}>
            Upload a zip file
          </label>
          <div className="hint" id={`${FIELD_ID}-hint`}>
            One .zip file. Only one extract can be loaded at a time.
          </div>
          {error ? (
            <p className="error-message" id={`${FIELD_ID}-error`}>
              <span className="visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <input
            ref={input}
            className={`file-upload${error ? ' file-upload--error' : ''}`}
            id={FIELD_ID}
            name={FIELD_ID}
            type="file"
            accept=".zip,application/zip"
            aria-describedby={`${FIELD_ID}-hint${error ? ` ${FIELD_ID}-error` : ''}`}
            disabled={busy}
          />
        </div>
        <button type="submit" className="button" disabled={busy} data-testid="upload-button">
          Upload and load the extract
        </button>
      </form>

      <div className="upload-progress" hidden={phase.kind === 'idle'} data-testid="upload-progress">
        <h2 className="heading-m" id="upload-progress-title">
          Progress
        </h2>
        <label className="label" htmlFor="upload-progress-bar">
          {phase.kind === 'sending' ? 'Sending the zip' : phase.kind === 'job' ? stageWords[phase.job.status] : 'Not started'}
        </label>
        <progress id="upload-progress-bar" className="upload-progress__bar" max={100} value={percent}>
          {percent}%
        </progress>
        <span className="upload-progress__percent" aria-hidden="true">
          {percent}%
        </span>
        {phase.kind === 'job' && phase.job.messages.length > 0 ? (
          <p className="hint upload-progress__message" data-testid="upload-message">
            {phase.job.messages.at(-1)}
          </p>
        ) : null}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="upload-status">
        {announcement(phase)}
      </div>

      {phase.kind === 'job' && phase.job.status === 'succeeded' ? (
        <>
          <div className="upload-done" data-testid="upload-done">
            <h2 className="heading-m">Extract loaded</h2>
            <p>
              Every page now shows this extract. <a href="/">Open the dashboard</a> or <a href="/data-quality">see the data quality page</a>.
            </p>
          </div>
          {phase.job.report ? <Report report={phase.job.report} /> : null}
        </>
      ) : null}
      {failure ? <p data-testid="upload-failed">The dashboard still shows the data it had before. Correct the zip and upload it again.</p> : null}
    </PageShell>
  );
}
