import type { UploadReport } from '../../../../contract/uploads.ts';
import { FileCountsTable, formatCount, RejectedRowsTable, ReturnModulesTable } from '../../components/load-tables.tsx';
import { formatDate } from '../../format.ts';

/** The validation report of a load: the extract, rows by file, returns' modules and rejected rows by reason. */
export function Report({ report }: { report: UploadReport }) {
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
