import { indicatorPath } from '../api.ts';
import { PageShell } from '../components/page-shell.tsx';
import { ScrollTable } from '../components/scroll-table.tsx';
import { useAppData, useFilters } from '../filters.ts';
import type { PageDef } from '../pages.ts';

/** A placeholder until CSV and spreadsheet exports arrive: the API links that exist now, for the current filters. */
export function ExportPage({ page }: { page: PageDef }) {
  const data = useAppData();
  const filters = useFilters();
  const area = filters.area.area_code;
  return (
    <PageShell page={page} filters={null}>
      <div className="inset-text">
        <p>
          <strong>Downloads are coming soon.</strong> CSV and spreadsheet exports of every indicator, with its metadata and
          disclosure control applied, will be added here.
        </p>
      </div>
      <h2 className="heading-l">Get the figures from the API now</h2>
      <p>
        Every figure on this dashboard comes from the links below, as JSON. Suppressed figures are <code>null</code> with the
        symbol <code>c</code>. To get an Apache Arrow stream instead, send the header{' '}
        <code>Accept: application/vnd.apache.arrow.stream</code>.
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
      </ul>
      <h3 className="heading-m">
        Each indicator for {filters.area.area_name}
      </h3>
      <ScrollTable caption={`API links for every indicator: ${filters.area.area_name}, ${filters.period} and the trend`}>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">{filters.period}</th>
            <th scope="col">Every year (trend)</th>
            <th scope="col">Breakdowns for {filters.period}</th>
          </tr>
        </thead>
        <tbody>
          {data.catalogue.indicators.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.title}</th>
              <td>
                <a href={indicatorPath(m.id, { area, period: filters.period })}>
                  JSON<span className="visually-hidden">: {m.title}, {filters.period}</span>
                </a>
              </td>
              <td>
                <a href={indicatorPath(m.id, { area, period: 'all', period_type: filters.periodType === 'financial-year' ? 'financial-year' : undefined })}>
                  JSON<span className="visually-hidden">: {m.title}, every year</span>
                </a>
              </td>
              <td>
                {m.breakdowns
                  .filter((b) => b !== 'all')
                  .map((b, i) => (
                    <span key={b}>
                      {i > 0 ? ', ' : ''}
                      <a href={indicatorPath(m.id, { area, period: filters.period, by: b })}>
                        {b}
                        <span className="visually-hidden">: {m.title}</span>
                      </a>
                    </span>
                  ))}
                {m.breakdowns.filter((b) => b !== 'all').length === 0 ? 'None' : null}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </PageShell>
  );
}
