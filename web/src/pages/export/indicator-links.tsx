import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import { indicatorPath } from '../../api.ts';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { exportPath } from '../../export-links.ts';
import type { Filters } from '../../filters.ts';
import { breakdownLabel } from '../../format.ts';

/** Each indicator's CSV (every year), metadata, JSON for the year and CSV by each breakdown. */
export function IndicatorLinks({ filters, indicators }: { filters: Filters; indicators: IndicatorMeta[] }) {
  const area = filters.area.area_code;
  const periodType = filters.periodType === 'financial-year' ? 'financial-year' : undefined;
  return (
    <>
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
          {indicators.map((m) => (
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
                <BreakdownLinks meta={m} area={area} period={filters.period} />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

/** A CSV link per breakdown of the indicator, or "None". */
function BreakdownLinks({ meta: m, area, period }: { meta: IndicatorMeta; area: string; period: string }) {
  const breakdowns = m.breakdowns.filter((b) => b !== 'all');
  return (
    <>
      {breakdowns.map((b, i) => (
        <span key={b}>
          {i > 0 ? ', ' : ''}
          <a href={exportPath(`${m.id}.csv`, { area, period, by: b })} download data-testid="breakdown-csv">
            {breakdownLabel(b)}
            <span className="visually-hidden">: {m.title}, CSV</span>
          </a>
        </span>
      ))}
      {breakdowns.length === 0 ? 'None' : null}
    </>
  );
}
