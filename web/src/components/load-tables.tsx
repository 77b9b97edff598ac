import { formatCount as count } from '../format.ts';
import { ScrollTable } from './scroll-table.tsx';
import { reasonInWords } from '../reason-words.ts';

// The two tables of a load's validation report, shared by the Data quality page (the current load) and the
// Upload page (the load just made): rows by file, and rejected rows by file and reason.

export const formatCount = (n: number | null): string => (n === null ? '–' : count(n));

/** " (2.5%)" of a whole, or nothing when it cannot be worked out. */
export const percentOf = (part: number | null, whole: number | null): string =>
  part === null || whole === null || whole === 0 ? '' : ` (${((100 * part) / whole).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%)`;

export interface FileCounts {
  file_name: string;
  table: string;
  rows_read: number | null;
  rows_loaded: number | null;
  rows_rejected: number | null;
  redactions: number | null;
  ignored_columns: string[] | null;
}

export interface RejectedCount {
  file_name: string;
  reason: string;
  rows: number;
}

export const totalOf = (files: FileCounts[], key: 'rows_read' | 'rows_loaded' | 'rows_rejected'): number => files.reduce((s, f) => s + (f[key] ?? 0), 0);

/** The three count cells of a row of a load: read, loaded, and rejected with its share of those read. */
function ReadLoadedRejected({ read, loaded, rejected }: { read: number | null; loaded: number | null; rejected: number | null }) {
  return (
    <>
      <td className="numeric">{formatCount(read)}</td>
      <td className="numeric">{formatCount(loaded)}</td>
      <td className="numeric">
        {formatCount(rejected)}
        {percentOf(rejected, read)}
      </td>
    </>
  );
}

export function FileCountsTable({ files }: { files: FileCounts[] }) {
  return (
    <ScrollTable caption="Rows read, loaded and rejected, by file (read = loaded + rejected)">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Table</th>
          <th scope="col" className="numeric">Rows read</th>
          <th scope="col" className="numeric">Loaded</th>
          <th scope="col" className="numeric">Rejected</th>
          <th scope="col" className="numeric">Values redacted</th>
          <th scope="col">Columns ignored</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.file_name} data-file={f.file_name}>
            <th scope="row">{f.file_name}</th>
            <td>{f.table}</td>
            <ReadLoadedRejected read={f.rows_read} loaded={f.rows_loaded} rejected={f.rows_rejected} />
            <td className="numeric">{formatCount(f.redactions)}</td>
            {/* null: the server shows header names to admins only (they may hold what an extract should not carry). */}
            <td>{f.ignored_columns === null ? 'Shown to admins only' : f.ignored_columns.length > 0 ? f.ignored_columns.join(', ') : 'None'}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All files</th>
          <td />
          <ReadLoadedRejected read={totalOf(files, 'rows_read')} loaded={totalOf(files, 'rows_loaded')} rejected={totalOf(files, 'rows_rejected')} />
          <td />
          <td />
        </tr>
      </tfoot>
    </ScrollTable>
  );
}

export function RejectedRowsTable({ rows }: { rows: RejectedCount[] }) {
  return (
    <ScrollTable caption="Rejected rows, by file and reason">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Reason</th>
          <th scope="col" className="numeric">Rows</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((q) => (
          <tr key={`${q.file_name}|${q.reason}`}>
            <td>{q.file_name}</td>
            <th scope="row">{reasonInWords(q.reason)}</th>
            <td className="numeric">{formatCount(q.rows)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export interface ReturnModuleCounts {
  file_name: string;
  collection: string;
  year: string;
  module: string;
  read: number;
  loaded: number;
  rejected: number;
}

/** SEN2 / CIN census returns: records of each module read, loaded and rejected, by file. */
export function ReturnModulesTable({ modules }: { modules: ReturnModuleCounts[] }) {
  return (
    <ScrollTable caption="Records of the SEN2 and CIN census returns read, loaded and rejected, by file and module (read = loaded + rejected)">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Return</th>
          <th scope="col">Module</th>
          <th scope="col" className="numeric">Records read</th>
          <th scope="col" className="numeric">Loaded</th>
          <th scope="col" className="numeric">Rejected</th>
        </tr>
      </thead>
      <tbody>
        {modules.map((m) => (
          <tr key={`${m.file_name}|${m.module}`} data-module={`${m.file_name}|${m.module}`}>
            <th scope="row">{m.file_name}</th>
            <td>{m.collection === 'CIN' ? `Children in need census ${m.year}` : `SEN2 ${m.year}`}</td>
            <td>{m.module}</td>
            <ReadLoadedRejected read={m.read} loaded={m.loaded} rejected={m.rejected} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
