import type { ForecastResponse, ForecastRow } from '../../../contract/forecast.ts';
import type { IndicatorMeta } from '../../../contract/indicators.ts';
import { fetchForecast } from '../analytics-api.ts';
import { ageBandText, calibrationSentence, oneDp, wholeNumber } from '../analytics-format.ts';
import { TrendChart, trendPoints } from '../charts/trend-chart.tsx';
import { AnalyticsSection, KeyFigure, SectionContents, SummaryList, SymbolKey, TableDownload } from '../components/analytics-ui.tsx';
import { analyticsCsvPath } from '../export-links.ts';
import { ChartBlock, type LegendItem } from '../components/chart-block.tsx';
import { trendLegend } from '../components/indicator-section/trend-legend.ts';
import { PageShell } from '../components/page-shell.tsx';
import { ScrollTable } from '../components/scroll-table.tsx';
import { Await, EmptyState } from '../components/states.tsx';
import { useAppData, useFilters } from '../filters.ts';
import { breakdownLabel, categoryLabel } from '../format.ts';
import type { PageDef } from '../pages.ts';
import { useMediaQuery } from '../use-media-query.ts';
import { useRequest } from '../use-request.ts';

// Forecast: the five-year projection of active EHC plans with its 95% band (the trend chart draws projected years
// dotted), by age band or primary need, the method in plain English, the fitted rates and the backtest.
// GET /api/forecast?area=&by=.

type Data = ForecastResponse;

/** The query the page's figures answer, for the CSV downloads. */
const query = (data: Data) => ({ area: data.query.area, by: data.query.by });

export const forecastBreakdowns = ['all', 'age_band', 'primary_need'];

const FORECAST_ID = 'ehc-plans-forecast';

/** The indicator's metadata from the catalogue, or enough of it for the chart when the catalogue lacks it. */
function useForecastMeta(): IndicatorMeta {
  const { catalogue } = useAppData();
  return (
    catalogue.indicators.find((m) => m.id === FORECAST_ID) ?? {
      id: FORECAST_ID,
      title: 'Active EHC plans: projection for the next five years',
      group: 'needs',
      definition: '',
      numerator: '',
      denominator: '',
      unit: 'count',
      unit_label: 'EHC plans',
      polarity: 'no-judgement',
      ci_method: 'none',
      sources: [],
      period_type: 'snapshot',
      reference_date: null,
      breakdowns: forecastBreakdowns,
      disclosure: '',
      benchmark: null,
      benchmark_basis: null,
    }
  );
}

/** Projected plans as whole plans ("778"); the symbol when withheld. */
const plans = (v: number | null, symbol: string | null = null): string => (v === null ? (symbol ?? 'x') : wholeNumber(Math.round(v)));
const interval = (lo: number | null, hi: number | null): string => (lo === null || hi === null ? '–' : `${plans(lo)} to ${plans(hi)}`);

const groupLabel = (by: string, value: string): string => (value === 'all' ? 'All active EHC plans' : by === 'age_band' ? `Ages ${ageBandText(value)}` : categoryLabel(value));

function ProjectionTable({ rows, caption }: { rows: ForecastRow[]; caption: string }) {
  return (
    <>
      <ScrollTable caption={caption}>
        <thead>
          <tr>
            <th scope="col">Year (31 December)</th>
            <th scope="col">Counted or projected</th>
            <th scope="col" className="numeric">Active EHC plans</th>
            <th scope="col" className="numeric">95% interval</th>
            <th scope="col" className="numeric">99.8% interval</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.period} data-period={r.period}>
              <th scope="row">{r.period}</th>
              <td>{r.kind === 'actual' ? 'Counted' : 'Projected'}</td>
              <td className="numeric" data-testid={`forecast-value-${r.period}`}>
                {plans(r.value, r.symbol)}
              </td>
              <td className="numeric" data-testid={`forecast-interval-${r.period}`}>
                {interval(r.lower_95, r.upper_95)}
              </td>
              <td className="numeric">{interval(r.lower_99_8, r.upper_99_8)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <SymbolKey symbols={rows.map((r) => r.symbol)} />
    </>
  );
}

function projectionSummary(rows: ForecastRow[], name: string): string {
  const actual = rows.filter((r) => r.kind === 'actual').at(-1);
  const projected = rows.filter((r) => r.kind === 'projected');
  const first = projected[0];
  const last = projected.at(-1);
  if (!last || !first) return `${name}: there is no projection.`;
  if (last.value === null) return `${name}: the projected figures are too small to publish (c).`;
  const counted = actual ? `${plans(actual.value, actual.symbol)} counted on 31 December ${actual.period}; ` : '';
  const firstText = first === last ? '' : `${plans(first.value, first.symbol)} in ${first.period} and `;
  return `${name}: ${counted}projected ${firstText}${plans(last.value)} in ${last.period} (95% interval ${interval(last.lower_95, last.upper_95)}).`;
}

/**
 * The trend legend, worded for a projection. The counted years are a line only when there are two or more of them:
 * the API counts the jump-off year alone, which the chart draws as a single point, so the legend says so.
 */
export function forecastLegend(rows: ForecastRow[], name: string): LegendItem[] {
  const counted = rows.filter((r) => r.kind === 'actual');
  const only = counted.length === 1 ? counted[0] : undefined;
  return trendLegend(rows, 'none', name, true).map((item): LegendItem => {
    if (item.kind === 'band') return { ...item, label: '95% interval of the projection' };
    if (item.kind === 'line' && only) return { kind: 'point', label: `${name}, counted on 31 December ${only.period}` };
    return item;
  });
}

function GroupChart({
  meta,
  rows,
  title,
  name,
  headingLevel = 3,
  testId,
  download,
}: {
  meta: IndicatorMeta;
  rows: ForecastRow[];
  title: string;
  name: string;
  headingLevel?: 3 | 4;
  testId?: string;
  download?: string;
}) {
  // Two charts side by side from 900 px: each is narrow below about 1,100 px as well.
  const narrow = useMediaQuery(headingLevel === 3 ? '(max-width: 640px)' : '(max-width: 640px), (min-width: 900px) and (max-width: 1100px)');
  const known = new Set(rows.filter((r) => r.kind === 'actual').map((r) => r.period));
  const points = trendPoints(rows, 'none', known);
  return (
    <ChartBlock
      title={title}
      summary={projectionSummary(rows, name)}
      legend={forecastLegend(rows, name)}
      chart={<TrendChart meta={meta} points={points} comparatorLabel={null} height={headingLevel === 3 ? 280 : 220} narrow={narrow} />}
      table={<ProjectionTable rows={rows} caption={`${title}: counted and projected active EHC plans`} />}
      headingLevel={headingLevel}
      testId={testId}
      download={download}
    />
  );
}

function Projection({ data, meta }: { data: Data; meta: IndicatorMeta }) {
  const by = data.query.by;
  const groups = [...new Set(data.projection.map((r) => r.breakdown_value))];
  const rowsOf = (value: string) => data.projection.filter((r) => r.breakdown_value === value).sort((a, b) => a.period.localeCompare(b.period));
  const total = by === 'all' ? rowsOf('all') : [];
  const actual = total.filter((r) => r.kind === 'actual').at(-1);
  const projected = total.filter((r) => r.kind === 'projected');
  const first = projected[0];
  const last = projected.at(-1);
  const area = data.area.area_name;
  const years = data.model.projected_years;
  return (
    <AnalyticsSection id="projection" title={`Projected active EHC plans, ${years[0] ?? ''} to ${years.at(-1) ?? ''}`} testId="projection">
      <p className="analytics-text">A projection, not a target: what would happen if the patterns of recent years carried on.</p>
      {data.projection.length === 0 ? (
        <EmptyState title={`There is no projection for ${area}.`}>
          <p>The projection needs at least one complete calendar year of plans.</p>
        </EmptyState>
      ) : by === 'all' ? (
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
      ) : (
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
                rows={rowsOf(g)}
                title={groupLabel(by, g)}
                name={`Active EHC plans, ${groupLabel(by, g).replace(/^Ages/, 'ages')}, in ${area}`}
                headingLevel={4}
                testId={`forecast-chart-${g}`}
                download={analyticsCsvPath('forecast', query(data))}
              />
            ))}
          </div>
          <ScrollTable caption={`Counted and projected active EHC plans by ${breakdownLabel(by).toLowerCase()}, ${area}`}>
            <thead>
              <tr>
                <th scope="col">{breakdownLabel(by)}</th>
                {years.length > 0 ? <th scope="col" className="numeric">{data.model.jump_off_year} (counted)</th> : null}
                {years.map((y) => (
                  <th key={y} scope="col" className="numeric">
                    {y}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => {
                const rows = rowsOf(g);
                return (
                  <tr key={g}>
                    <th scope="row">{groupLabel(by, g)}</th>
                    {[data.model.jump_off_year, ...years].map((y) => {
                      const r = rows.find((x) => x.period === y);
                      return (
                        <td key={y} className="numeric">
                          {r ? plans(r.value, r.symbol) : '–'}
                          {r && r.kind === 'projected' && r.lower_95 !== null ? (
                            <span className="hint">
                              <br />
                              {interval(r.lower_95, r.upper_95)}
                            </span>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </ScrollTable>
          <p className="hint">Under each projected figure, its 95% interval.</p>
          <SymbolKey symbols={data.projection.map((r) => r.symbol)} />
          <TableDownload table="forecast" params={query(data)} />
        </>
      )}
    </AnalyticsSection>
  );
}

/** The method's sentences, three to a paragraph. */
function paragraphs(text: string): string[] {
  const sentences = text.split(/(?<=[.)])\s+(?=[A-Z])/);
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) out.push(sentences.slice(i, i + 3).join(' '));
  return out;
}

function Method({ data }: { data: Data }) {
  const m = data.model;
  const facts: [string, string][] = [
    ['Starts from', m.jump_off_year ? `Active plans on 31 December ${m.jump_off_year}` : 'No complete year'],
    ['Rates measured over', m.fit_years.join(', ') || 'None'],
    ['Population growth', `${oneDp(100 * m.population_growth)}% a year`],
    ['Year-to-year variation', `new plans ${oneDp(100 * m.joining_year_spread)}%, plans ending ${oneDp(100 * m.leaving_year_spread)}% (on a log scale, beyond chance)`],
    ['Simulations', `${wholeNumber(m.simulations)} (seed ${m.seed}, so the band is the same every time)`],
  ];
  if (m.joining_ratio !== null || m.leaving_ratio !== null) {
    facts.push(['This locality against the LA', `new plans ${m.joining_ratio === null ? 'c' : `${m.joining_ratio.toFixed(2)} times`}, plans ending ${m.leaving_ratio === null ? 'c' : `${m.leaving_ratio.toFixed(2)} times`} the LA's rates`]);
  }
  return (
    <AnalyticsSection id="method" title="How the projection is made" testId="method">
      <div className="analytics-text" data-testid="forecast-method">
        {paragraphs(data.method).map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
      <SummaryList items={facts} wide />
    </AnalyticsSection>
  );
}

function Rates({ data }: { data: Data }) {
  const joining = (r: Data['rates'][number]) =>
    r.joining_suppressed ? 'c' : r.joining_rate === null ? 'x' : (1000 * r.joining_rate).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const leaving = (r: Data['rates'][number]) => (r.leaving_suppressed ? 'c' : r.leaving_rate === null ? 'x' : `${oneDp(100 * r.leaving_rate)}%`);
  const symbols = data.rates.flatMap((r) => [joining(r), leaving(r)].filter((s) => s === 'c' || s === 'x'));
  return (
    <AnalyticsSection id="rates" title="Fitted rates by age" testId="rates">
      <p className="analytics-text">
        The rates the projection uses, measured over {data.model.fit_years.join(', ') || 'no complete year'}: new plans a year per 1,000 people of each age who do
        not already hold one, and the share of plans held at each age that end in a year.
      </p>
      {data.rates.length === 0 ? (
        <EmptyState title="There are no fitted rates." />
      ) : (
        <details className="details analytics-details">
          <summary className="details__summary">
            <span className="details__summary-text">Rates for each age, 0 to 25</span>
          </summary>
          <div className="details__text">
            <ScrollTable caption={`Joining and leaving rates by age, ${data.area.area_name}`}>
              <thead>
                <tr>
                  <th scope="col" className="numeric">Age</th>
                  <th scope="col">Age band</th>
                  <th scope="col" className="numeric">Population</th>
                  <th scope="col" className="numeric">New plans a year per 1,000 without a plan</th>
                  <th scope="col" className="numeric">Plans ending a year</th>
                </tr>
              </thead>
              <tbody>
                {data.rates.map((r) => (
                  <tr key={r.age}>
                    <th scope="row" className="numeric">
                      {r.age}
                    </th>
                    <td>{ageBandText(r.age_band)}</td>
                    <td className="numeric">{r.population === null ? 'x' : wholeNumber(r.population)}</td>
                    <td className="numeric">{joining(r)}</td>
                    <td className="numeric">{leaving(r)}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
            <SymbolKey symbols={symbols} />
          </div>
        </details>
      )}
      {data.rates.length > 0 ? <TableDownload table="forecast-rates" params={query(data)} /> : null}
    </AnalyticsSection>
  );
}

const signed = (v: number | null, digits = 0): string =>
  v === null ? 'c' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;

function Backtest({ data }: { data: Data }) {
  const b = data.backtest;
  const total = b.summary.find((s) => s.breakdown === 'all');
  const predicted = b.predicted_years;
  const sentence =
    total && total.mape !== null
      ? `Refitted as if the data ended in ${b.fitted_to}, the model's projections of all active plans for ${predicted.join(' and ')} were off by ${oneDp(total.mape)}% on average (mean absolute percentage error, MAPE)` +
        (total.mean_error !== null ? `, ${total.mean_error < 0 ? 'too low' : total.mean_error > 0 ? 'too high' : 'neither high nor low'} by ${wholeNumber(Math.abs(Math.round(total.mean_error)))} plans on average.` : '.')
      : `Refitted as if the data ended in ${b.fitted_to ?? 'an earlier year'}; the error of the total cannot be published (an actual figure is suppressed or 0).`;
  return (
    <AnalyticsSection id="backtest" title="How well the method did before: backtest" testId="backtest">
      {!b.available ? (
        <EmptyState title="There is no backtest for this area.">
          <p>{b.note ?? 'The backtest needs at least three complete calendar years of history.'}</p>
        </EmptyState>
      ) : (
        <>
          <p className="analytics-text" data-testid="backtest-summary">
            {sentence}
          </p>
          {calibrationSentence(data.calibration) ? (
            <p className="analytics-text" data-testid="backtest-calibration">
              {calibrationSentence(data.calibration)}
            </p>
          ) : null}
          {b.note ? <p className="hint">{b.note}</p> : null}
          <ScrollTable caption={`Backtest error by group: fitted to ${b.fit_years.join(', ')}, predicting ${predicted.join(' and ')}`}>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col" className="numeric">MAPE</th>
                <th scope="col" className="numeric">Mean error (plans)</th>
              </tr>
            </thead>
            <tbody>
              {b.summary.map((s) => (
                <tr key={`${s.breakdown}|${s.breakdown_value}`} data-group={s.breakdown_value}>
                  <th scope="row">{groupLabel('age_band', s.breakdown_value)}</th>
                  <td className="numeric" data-testid="backtest-mape">
                    {s.mape === null ? 'x' : `${oneDp(s.mape)}%`}
                  </td>
                  <td className="numeric">{s.mean_error === null ? 'x' : signed(s.mean_error, 1)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <details className="details analytics-details">
            <summary className="details__summary">
              <span className="details__summary-text">Each predicted year against the plans counted</span>
            </summary>
            <div className="details__text">
              <ScrollTable caption="Backtest: predicted and counted active EHC plans">
                <thead>
                  <tr>
                    <th scope="col">Year</th>
                    <th scope="col">Group</th>
                    <th scope="col" className="numeric">Counted</th>
                    <th scope="col" className="numeric">Predicted</th>
                    <th scope="col" className="numeric">Error</th>
                    <th scope="col" className="numeric">Error (%)</th>
                    <th scope="col" className="numeric">95% interval</th>
                    <th scope="col">Counted figure inside the 95% interval</th>
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r) => (
                    <tr key={`${r.period}|${r.breakdown_value}`}>
                      <th scope="row">{r.period}</th>
                      <td>{groupLabel('age_band', r.breakdown_value)}</td>
                      <td className="numeric">{r.actual === null ? 'c' : wholeNumber(r.actual)}</td>
                      <td className="numeric">{plans(r.predicted)}</td>
                      <td className="numeric">{signed(r.error)}</td>
                      <td className="numeric">{r.percent_error === null ? (r.suppressed ? 'c' : 'x') : `${signed(r.percent_error, 1)}%`}</td>
                      <td className="numeric">{interval(r.lower_95, r.upper_95)}</td>
                      <td>{r.within_95 === null ? 'c' : r.within_95 ? 'Yes' : 'No'}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
              <SymbolKey symbols={b.rows.flatMap((r) => (r.actual === null ? ['c'] : []))} />
            </div>
          </details>
        </>
      )}
    </AnalyticsSection>
  );
}

const sections = [
  { id: 'projection', title: 'Projected active EHC plans' },
  { id: 'method', title: 'How the projection is made' },
  { id: 'rates', title: 'Fitted rates by age' },
  { id: 'backtest', title: 'How well the method did before: backtest' },
];

export function ForecastPage({ page }: { page: PageDef }) {
  const filters = useFilters(forecastBreakdowns);
  const meta = useForecastMeta();
  const by = filters.by;
  const state = useRequest(`forecast|${filters.area.area_code}|${by}`, (signal) => fetchForecast(filters.area.area_code, by === 'all' ? undefined : by, signal));
  return (
    <PageShell page={page} filters={filters} breakdowns={forecastBreakdowns}>
      <Await state={state} what="the forecast">
        {(data) => (
          <>
            <SectionContents items={sections} />
            <Projection data={data} meta={meta} />
            <Method data={data} />
            <Rates data={data} />
            <Backtest data={data} />
          </>
        )}
      </Await>
    </PageShell>
  );
}
