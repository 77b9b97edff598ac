import type { DataStatusResponse, IndicatorMeta, IndicatorRow } from '../../../contract/indicators.ts';
import { fetchDataStatus } from '../api.ts';
import { useAppData } from '../filters.ts';
import { Link } from '../router.tsx';
import { formatCount, joinWords } from '../format.ts';
import { useRequest } from '../use-request.ts';

// Per-indicator data notes (issue 17): what the loaded extract's quality means for one figure: rows rejected from
// the tables it reads (and why), figures withheld to protect privacy, and part-years.

const tableNames: Record<string, string> = {
  children: 'children',
  ehc_requests: 'requests for an EHC needs assessment',
  ehc_plans: 'EHC plans',
  ehc_provision: 'provision in EHC plans',
  annual_reviews: 'annual reviews',
  child_needs_assessments: 'child needs assessments',
  personal_budgets: 'personal budgets',
  tribunal_appeals: 'SEND Tribunal appeals',
  local_offer_services: 'Local Offer services',
  local_offer_feedback: 'Local Offer feedback',
  population: 'population estimates',
};
export const tableName = (table: string): string => tableNames[table] ?? table.replace(/_/g, ' ');

export interface DataNote {
  /** Rows rejected by validation in the files the indicator reads, with their reasons (the validator's words, so
   * the page names only how many; the Data quality page lists them in full). */
  rejected: { table: string; read: number; rejected: number; reasons: { reason: string; rows: number }[] }[];
  /** Figures of the view that are withheld (`c`), of all figures shown. */
  withheld: { count: number; of: number };
  /** Periods of the view that are not whole (a part-year of the extract). */
  partPeriods: string[];
}

/** The notes for one indicator's figures, from /api/data-status, the figures' rows and the periods of the data. */
export function dataNotes(meta: Pick<IndicatorMeta, 'sources'>, status: DataStatusResponse, rows: IndicatorRow[], incomplete: ReadonlySet<string>): DataNote {
  const rejected = meta.sources.flatMap((table) => {
    const files = status.files.filter((f) => f.table_name === table);
    const rejectedRows = files.reduce((n, f) => n + (f.rows_rejected ?? 0), 0);
    if (files.length === 0 || rejectedRows === 0) return [];
    const names = new Set(files.map((f) => f.file_name));
    const reasons = status.quarantine.filter((q) => names.has(q.file_name)).map((q) => ({ reason: q.reason, rows: q.rows }));
    return [{ table, read: files.reduce((n, f) => n + (f.rows_read ?? 0), 0), rejected: rejectedRows, reasons }];
  });
  const withheld = { count: rows.filter((r) => r.symbol === 'c').length, of: rows.length };
  const partPeriods = [...new Set(rows.map((r) => r.period).filter((p) => incomplete.has(p)))];
  return { rejected, withheld, partPeriods };
}

function NoteList({ note }: { note: DataNote }) {
  return (
    <ul className="list data-notes__list">
      {note.rejected.length === 0 ? (
        <li>No rows were rejected from the files this figure is counted from.</li>
      ) : (
        note.rejected.map((r) => (
          <li key={r.table} data-testid="data-note-rejected" data-table={r.table}>
            {formatCount(r.rejected)} of {formatCount(r.read)} rows of {tableName(r.table)} {r.rejected === 1 ? 'was' : 'were'} rejected and {r.rejected === 1 ? 'is' : 'are'} not counted
            {r.reasons.length > 0 ? ` (${r.reasons.length === 1 ? 'one reason' : `${r.reasons.length} reasons`}, listed on the data quality page)` : ''}.
          </li>
        ))
      )}
      <li data-testid="data-note-withheld">
        {note.withheld.count === 0
          ? 'No figure here is withheld.'
          : `${formatCount(note.withheld.count)} of ${formatCount(note.withheld.of)} figures here are withheld (shown as c) because the numbers are small enough to identify children.`}
      </li>
      {note.partPeriods.length > 0 ? (
        <li>
          {joinWords(note.partPeriods)} {note.partPeriods.length === 1 ? 'is' : 'are'} only part of a year in the loaded extract, so {note.partPeriods.length === 1 ? 'its figure is' : 'their figures are'} not
          a whole year’s.
        </li>
      ) : null}
    </ul>
  );
}

/** "About the data behind this figure": a short line, with the details one click away, next to a chart. */
export function DataNotes({ meta, rows }: { meta: Pick<IndicatorMeta, 'id' | 'title' | 'sources'>; rows: IndicatorRow[] }) {
  const state = useRequest('data-status', (signal) => fetchDataStatus(signal));
  const { periods } = useAppData();
  if (state.status !== 'ready') return null;
  const incomplete = new Set(periods.filter((p) => !p.complete).map((p) => p.period));
  const note = dataNotes(meta, state.data, rows, incomplete);
  const rejectedRows = note.rejected.reduce((n, r) => n + r.rejected, 0);
  const headline = [
    rejectedRows > 0 ? `${formatCount(rejectedRows)} ${rejectedRows === 1 ? 'row' : 'rows'} rejected` : 'no rows rejected',
    note.withheld.count > 0 ? `${formatCount(note.withheld.count)} of ${formatCount(note.withheld.of)} figures withheld` : 'nothing withheld',
    ...(note.partPeriods.length > 0 ? ['includes part of a year'] : []),
  ];
  return (
    <details className="details data-notes" data-testid={`data-notes-${meta.id}`}>
      <summary className="details__summary">
        <span className="details__summary-text">
          Data notes: {headline.join('; ')}
          <span className="visually-hidden"> ({meta.title})</span>
        </span>
      </summary>
      <div className="details__text">
        <NoteList note={note} />
        <p>
          The <Link href="/data-quality">data quality page</Link> lists every file of the extract and every reason rows were rejected.
        </p>
      </div>
    </details>
  );
}
