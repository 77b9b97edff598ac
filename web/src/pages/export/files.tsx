import { FileDownload } from '../../components/file-download.tsx';
import { exportPath } from '../../export-links.ts';
import type { Filters } from '../../filters.ts';
import { Link } from '../../router.tsx';

const chapters = [
  { id: 'needs', label: 'Needs' },
  { id: 'gaps', label: 'Gaps' },
  { id: 'outcomes', label: 'Outcomes' },
  { id: 'all', label: 'Every indicator' },
];

/** A workbook per chapter of the JSNA, and one of every indicator. */
export function Workbooks() {
  return (
    <>
      <h2 className="heading-l">Spreadsheets</h2>
      <p>One workbook per chapter of the JSNA, with every year, a metadata sheet and notes on the data, then the chapter’s commissioning analytics tables.</p>
      <ul className="list list--bullet">
        {chapters.map((c) => (
          <li key={c.id}>
            <a href={exportPath(`${c.id}.xlsx`)} download>
              {c.label} workbook (XLSX)
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The board pack for the area and year: the page to read or print, and its PDF. */
export function BoardPackLinks({ filters }: { filters: Filters }) {
  const area = filters.area.area_code;
  const boardPackPath = `/board-pack?${new URLSearchParams({ area, period: filters.period }).toString()}`;
  return (
    <>
      <h2 className="heading-l">Board pack</h2>
      <p>
        The headline indicators for Health and Wellbeing Board members, in plain English with trends, comparisons and a
        statement on the data, laid out for A4 paper: {filters.area.area_name}, {filters.period}.
      </p>
      <ul className="list list--bullet">
        <li>
          <Link href={boardPackPath}>Open the board pack</Link> to read or print it
        </li>
        <li>
          <FileDownload href={exportPath('board-pack.pdf', { area, period: filters.period })} filename="board-pack.pdf" what="the board pack PDF">
            Board pack (PDF)
          </FileDownload>
        </li>
      </ul>
    </>
  );
}
