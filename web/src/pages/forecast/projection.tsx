import type { ForecastRow } from '../../../../contract/forecast.ts';
import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import { AnalyticsSection, KeyFigure, SymbolKey, TableDownload } from '../../components/analytics-ui.tsx';
import { EmptyState } from '../../components/states.tsx';
import { analyticsCsvPath } from '../../export-links.ts';
import { breakdownLabel } from '../../format.ts';
import { GroupChart } from './group-chart.tsx';
import { GroupsTable } from './groups-table.tsx';
import { type Data, groupLabel, interval, plans, query } from './shared.ts';

/** A group's rows in year order. */
const rowsOf = (data: Data, value: string): ForecastRow[] =>
  data.projection.filter((r) => r.breakdown_value === value).sort((a, b) => a.period.localeCompare(b.period));

/** The projection section: all plans (key figures and one chart), or a chart per group and their table. */
export function Projection({ data, meta }: { data: Data; meta: IndicatorMeta }) {
  const years = data.model.projected_years;
  return (
    <AnalyticsSection id="projection" title={`Projected active EHC plans, ${years[0] ?? ''} to ${years.at(-1) ?? ''}`} testId="projection">
      <p className="analytics-text">A projection, not a target: what would happen if the patterns of recent years carried on.</p>
      {data.projection.length === 0 ? (
        <EmptyState title={`There is no projection for ${data.area.area_name}.`}>
          <p>The projection needs at least one complete calendar year of plans.</p>
        </EmptyState>
      ) : data.query.by === 'all' ? (
        <TotalProjection data={data} meta={meta} />
      ) : (
        <GroupProjections data={data} meta={meta} />
      )}
    </AnalyticsSection>
  );
}

/** All active plans: the counted year and the first and last projected years as key figures, then the chart. */
function TotalProjection({ data, meta }: { data: Data; meta: IndicatorMeta }) {
  const total = rowsOf(data, 'all');
  const actual = total.filter((r) => r.kind === 'actual').at(-1);
  const projected = total.filter((r) => r.kind === 'projected');
  const first = projected[0];
  const last = projected.at(-1);
  const area = data.area.area_name;
  return (
    <>
      <div className="key-figures">
        {actual ? <KeyFigure label={`Counted, 31 December ${actual.period}`} value={plans(actual.value, actual.symbol)} detail="active EHC plans" testId="forecast-actual" /> : null}
        {first ? (
          <KeyFigure
            label={`Projected, ${first.period}`}
            value={plans(first.value, first.symbol)}
            detail={`95% interval ${interval(first.lower_95, first.upper_95)}`}
            testId="forecast-first"
          />
        ) : null}
        {last && last !== first ? (
          <KeyFigure label={`Projected, ${last.period}`} value={plans(last.value, last.symbol)} detail={`95% interval ${interval(last.lower_95, last.upper_95)}`} testId="forecast-last" />
        ) : null}
      </div>
      <GroupChart meta={meta} rows={total} title={`Active EHC plans, ${area}: counted and projected`} name={`Active EHC plans in ${area}`} testId="forecast-chart" download={analyticsCsvPath('forecast', query(data))} />
    </>
  );
}

/** By age band or primary need: a chart for each group on its own scale, then every group in one table. */
function GroupProjections({ data, meta }: { data: Data; meta: IndicatorMeta }) {
  const by = data.query.by;
  const groups = [...new Set(data.projection.map((r) => r.breakdown_value))];
  const area = data.area.area_name;
  return (
    <>
      <p className="analytics-text">
        By {breakdownLabel(by).toLowerCase()}: one chart for each, on its own scale. The groups are projected together, so they add up to the
        total.
      </p>
      <div className="forecast-groups">
        {groups.map((g) => (
          <GroupChart
            key={g}
            meta={meta}
            rows={rowsOf(data, g)}
            title={groupLabel(by, g)}
            name={`Active EHC plans, ${groupLabel(by, g).replace(/^Ages/, 'ages')}, in ${area}`}
            headingLevel={4}
            testId={`forecast-chart-${g}`}
            download={analyticsCsvPath('forecast', query(data))}
          />
        ))}
      </div>
      <GroupsTable data={data} groups={groups.map((g) => ({ value: g, rows: rowsOf(data, g) }))} />
      <p className="hint">Under each projected figure, its 95% interval.</p>
      <SymbolKey symbols={data.projection.map((r) => r.symbol)} />
      <TableDownload table="forecast" params={query(data)} />
    </>
  );
}
