import type { DataStatusResponse } from '../../../contract/indicators.ts';
import { fetchDataStatus } from '../api.ts';
import { PageShell } from '../components/page-shell.tsx';
import { ScrollTable } from '../components/scroll-table.tsx';
import { Await, EmptyState } from '../components/states.tsx';
import { formatDate } from '../format.ts';
import { FileCountsTable, formatCount, percentOf, RejectedRowsTable, totalOf } from '../components/load-tables.tsx';
import type { PageDef } from '../page-list.ts';
import { useRequest } from '../use-request.ts';


const statusTag: Record<string, string> = { committed: 'tag--green', failed: 'tag--red', interrupted: 'tag--red', running: 'tag--blue' };

export function DataQualityPage({ page }: { page: PageDef }) {
  const state = useRequest('data-status', fetchDataStatus);
  return (
    <PageShell page={page} filters={null}>
      <Await state={state} what="the data status">
        {(status) => {
          const files = status.files.map((f) => ({ ...f, table: f.table_name }));
          return (
            <>
              <LoadedExtract status={status} files={files} />

              <section className="page-section" aria-labelledby="dq-files">
                <h2 className="heading-l" id="dq-files">
                  Files in this load
                </h2>
                {status.files.length === 0 ? (
                  <EmptyState title="There are no files to show." />
                ) : (
                  <FileCountsTable files={files} />
                )}
              </section>

              <section className="page-section" aria-labelledby="dq-rejected">
                <h2 className="heading-l" id="dq-rejected">
                  Rejected rows by reason
                </h2>
                <p>Rejected rows are kept in quarantine with their reason, and left out of every figure.</p>
                {status.quarantine.length === 0 ? (
                  <EmptyState title="No rows were rejected." />
                ) : (
                  <RejectedRowsTable rows={status.quarantine} />
                )}
              </section>

              <LoadHistory runs={status.runs} />
            </>
          );
        }}
      </Await>
    </PageShell>
  );
}

type LoadFile = DataStatusResponse['files'][number] & { table: string };

/** The extract the figures come from: its date, LA, kind of data, load and rows read, loaded and rejected. */
function LoadedExtract({ status, files }: { status: DataStatusResponse; files: LoadFile[] }) {
  const current = status.runs.find((r) => r.run_id === status.data?.data_version) ?? status.runs.find((r) => r.status === 'committed');
  const read = totalOf(files, 'rows_read');
  const loaded = totalOf(files, 'rows_loaded');
  const rejected = totalOf(files, 'rows_rejected');
  return (
    <section className="page-section" aria-labelledby="dq-current">
      <h2 className="heading-l" id="dq-current">
        The loaded extract
      </h2>
      {status.data ? (
        <dl className="summary-list summary-list--wide">
          <div className="summary-list__row">
            <dt>Extract date</dt>
            <dd data-testid="extract-date">{formatDate(status.data.extract_date)}</dd>
          </div>
          <div className="summary-list__row">
            <dt>Local authority</dt>
            <dd>{status.data.la_code ?? 'not recorded'}</dd>
          </div>
          <div className="summary-list__row">
            <dt>Kind of data</dt>
            <dd>{status.data.synthetic ? 'Synthetic: generated, not about real children' : 'Real extract (anonymised)'}</dd>
          </div>
          <div className="summary-list__row">
            <dt>Load</dt>
            <dd>
              Run {status.data.data_version}
              {current ? `, finished ${formatDate(current.finished_at)}` : ''}
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>Rows</dt>
            <dd data-testid="rows-summary">
              {formatCount(read)} read, {formatCount(loaded)} loaded, {formatCount(rejected)} rejected{percentOf(rejected, read)}
            </dd>
          </div>
        </dl>
      ) : (
        <EmptyState title="No extract has been loaded yet.">
          <p>
            Load one with <code>npm run ingest -- &lt;extract-dir&gt;</code>.
          </p>
        </EmptyState>
      )}
    </section>
  );
}

/** The latest loads, newest first, with their status as a tag. */
function LoadHistory({ runs }: { runs: DataStatusResponse['runs'] }) {
  return (
    <section className="page-section" aria-labelledby="dq-runs">
      <h2 className="heading-l" id="dq-runs">
        Load history
      </h2>
      {runs.length === 0 ? (
        <EmptyState title="There have been no loads." />
      ) : (
        <ScrollTable caption="The latest loads, newest first">
          <thead>
            <tr>
              <th scope="col" className="numeric">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Extract date</th>
              <th scope="col" className="numeric">Rows read</th>
              <th scope="col" className="numeric">Loaded</th>
              <th scope="col" className="numeric">Rejected</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.run_id}>
                <th scope="row" className="numeric">
                  {r.run_id}
                </th>
                <td>
                  <strong className={`tag ${statusTag[r.status] ?? 'tag--grey'}`}>{r.status}</strong>
                </td>
                <td>{formatDate(r.started_at)}</td>
                <td>{formatDate(r.extract_date)}</td>
                <td className="numeric">{formatCount(r.rows_read)}</td>
                <td className="numeric">{formatCount(r.rows_loaded)}</td>
                <td className="numeric">{formatCount(r.rows_rejected)}</td>
                <td>{r.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}
