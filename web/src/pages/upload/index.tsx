import { useMemo } from 'react';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { PageShell } from '../../components/page-shell.tsx';
import { Loading } from '../../components/states.tsx';
import type { PageDef } from '../../page-list.ts';
import { Progress } from './progress.tsx';
import { Report } from './report.tsx';
import { FIELD_ID, UploadForm } from './upload-form.tsx';
import { useUpload } from './use-upload.ts';
import '../../components/analytics.css';
import './upload.css';

// Admin: upload an extract as one zip (GOV.UK file upload pattern). The zip is sent with XMLHttpRequest, for its
// upload progress; the server unpacks it, then loads it in the background while this page polls the job and
// announces each stage in a polite live region. At the end: the validation report as tables, or the error.
// The requests are in requests.ts, the state in use-upload.ts.

export function UploadPage({ page }: { page: PageDef }) {
  const { phase, access, input, busy, submit, fieldError, failure } = useUpload();
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
      <UploadForm input={input} error={error} busy={busy} onSubmit={submit} />

      <Progress phase={phase} />

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
