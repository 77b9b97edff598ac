import { indicatorPath } from '../api.ts';
import { BulkDownload } from '../components/bulk-download.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { ScrollTable } from '../components/scroll-table.tsx';
import { useAppData, useFilters } from '../filters.ts';
import type { PageDef } from '../pages.ts';
import { analyticsCsvPath, analyticsTableList, exportPath } from '../export-links.ts';
import { Link } from '../router.tsx';
import { breakdownLabel } from '../format.ts';
import { FileDownload } from '../components/file-download.tsx';

const chapters = [
  { id: 'needs', label: 'Needs' },
  { id: 'gaps', label: 'Gaps' },
  { id: 'outcomes', label: 'Outcomes' },
  { id: 'all', label: 'Every indicator' },
];

const chapterNames: Record<string, string> = { needs: 'Needs', gaps: 'Gaps', outcomes: 'Outcomes' };

/** Downloads and API links for the area and year chosen in the filters. */
export function ExportPage({ page }: { page: PageDef }) {
  const data = useAppData();
  const filters = useFilters();
  const area = filters.area.area_code;
  const periodType = filters.periodType === 'financial-year' ? 'financial-year' : undefined;
  const synthetic = data.catalogue.data.synthetic;
  const benchmarked = data.catalogue.indicators.find((m) => m.benchmark !== null);
  const boardPackPath = `/board-pack?${new URLSearchParams({ area, period: filters.period }).toString()}`;
  return (
    <PageShell page={page} filters={filters}>
      <div className="inset-text">
        <p>
          Download spreadsheets and CSV files for the area and year chosen above, or use the API links below. Disclosure control is applied
          to every figure: suppressed figures are shown as <code>c</code> (<Link href="/glossary#symbol-c">what the symbols mean</Link>).
          {synthetic ? ' While the loaded extract is synthetic, every file says so.' : ''}
        </p>
      </div>

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

      <BulkDownload />

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

      <h2 className="heading-l">Each indicator for {filters.area.area_name}</h2>
      <ScrollTable caption={`Downloads and API links for every indicator: ${filters.area.area_name}, ${filters.period} and every year`}>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">CSV, every year</th>
            <th scope="col">Metadata</th>
            <th scope="col">API (JSON), {filters.period}</th>
            <th scope="col">CSV by breakdown, {filters.period}</th>
          </tr>
        </thead>
        <tbody>
          {data.catalogue.indicators.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.title}</th>
              <td>
                <a href={exportPath(`${m.id}.csv`, { area, period: 'all', period_type: periodType })} download>
                  CSV<span className="visually-hidden">: {m.title}, every year</span>
                </a>
              </td>
              <td>
                <a href={exportPath(`${m.id}.meta.csv`)} download>
                  CSV<span className="visually-hidden">: metadata of {m.title}</span>
                </a>
              </td>
              <td>
                <a href={indicatorPath(m.id, { area, period: filters.period })}>
                  JSON<span className="visually-hidden">: {m.title}, {filters.period}</span>
                </a>
              </td>
              <td>
                {m.breakdowns
                  .filter((b) => b !== 'all')
                  .map((b, i) => (
                    <span key={b}>
                      {i > 0 ? ', ' : ''}
                      <a href={exportPath(`${m.id}.csv`, { area, period: filters.period, by: b })} download data-testid="breakdown-csv">
                        {breakdownLabel(b)}
                        <span className="visually-hidden">: {m.title}, CSV</span>
                      </a>
                    </span>
                  ))}
                {m.breakdowns.filter((b) => b !== 'all').length === 0 ? 'None' : null}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>

      <h2 className="heading-l">Commissioning analytics tables</h2>
      <p>
        The tables behind the provision gaps, EHC journey, forecast, Local Offer feedback, personal budgets and preparing-for-adulthood
        pages, as CSV with the same figures and disclosure control as the pages ({filters.area.area_name}, {filters.period}; provision gaps
        always cover the whole LA). Each is also a sheet of its chapter’s workbook.
      </p>
      <ScrollTable caption={`Downloads of the commissioning analytics tables: ${filters.area.area_name}, ${filters.period}`}>
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Chapter</th>
            <th scope="col">CSV</th>
            <th scope="col">Metadata</th>
          </tr>
        </thead>
        <tbody>
          {analyticsTableList.map((t) => {
            const takes = (p: 'area' | 'period' | 'by') => (t.parameters as readonly string[]).includes(p);
            // The forecast has no period: it always runs from the latest complete year.
            const params = { area: takes('area') ? area : undefined, period: takes('period') ? filters.period : undefined };
            return (
              <tr key={t.id} data-table={t.id}>
                <th scope="row">
                  {t.title}
                  <span className="hint"> {t.description}</span>
                </th>
                <td>{chapterNames[t.chapter] ?? t.chapter}</td>
                <td>
                  <a href={analyticsCsvPath(t.id, params)} download data-testid="analytics-csv">
                    CSV<span className="visually-hidden">: {t.title}</span>
                  </a>
                </td>
                <td>
                  <a href={exportPath(`analytics/${t.id}.meta.csv`)} download>
                    CSV<span className="visually-hidden">: metadata of {t.title}</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>

      <h2 className="heading-l">The API</h2>
      <p>
        Every figure on this dashboard comes from these addresses, as JSON. Send the header{' '}
        <code>Accept: application/vnd.apache.arrow.stream</code> to an indicator’s address to get an Apache Arrow stream instead.
      </p>
      <ul className="list list--bullet">
        <li>
          <a href="/api/indicators">The indicator catalogue with metadata</a> (<code>/api/indicators</code>)
        </li>
        <li>
          <a href="/api/areas">Areas: the local authority and its localities</a> (<code>/api/areas</code>)
        </li>
        <li>
          <a href="/api/periods">Years in the data</a> (<code>/api/periods</code>)
        </li>
        <li>
          <a href="/api/data-status">Data status: loads, files and rejected rows</a> (<code>/api/data-status</code>)
        </li>
        {benchmarked ? (
          <li>
            Published benchmarks for one indicator: <code>/api/benchmarks/&lt;indicator&gt;?period=&lt;year&gt;</code>, for example{' '}
            <a href={`/api/benchmarks/${benchmarked.id}?period=${filters.periodType === 'calendar-year' ? filters.period : (data.defaultPeriod ?? '')}`}>
              {benchmarked.title}
            </a>
          </li>
        ) : null}
      </ul>
    </PageShell>
  );
}
