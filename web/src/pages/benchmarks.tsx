import { useId } from 'react';
import type { BenchmarkResponse, IndicatorMeta, IndicatorRow } from '../../../contract/indicators.ts';
import { ApiError, fetchBenchmark, fetchIndicator } from '../api.ts';
import { directionOf } from '../charts/marks.tsx';
import { rankLas, RankedChart } from '../charts/ranked-chart.tsx';
import { SpineChart, spinePoint, type SpineRow } from '../charts/spine-chart.tsx';
import { ChartBlock, type LegendItem } from '../components/chart-block.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { ScrollTable } from '../components/scroll-table.tsx';
import { Await, EmptyState } from '../components/states.tsx';
import { useAppData, useFilters, type Filters } from '../filters.ts';
import { formatValue, joinWords, ordinal, significanceLabel, withUnit } from '../format.ts';
import { GlossaryLink } from '../glossary/glossary-link.tsx';
import type { PageDef } from '../pages.ts';
import { useLocation } from '../router.tsx';
import { useMediaQuery } from '../use-media-query.ts';
import { useRequest } from '../use-request.ts';

type Comparison = IndicatorRow['comparisons'][number];
type Outcome = { meta: IndicatorMeta; benchmark: BenchmarkResponse | null; missing: 'no-route' | 'none' | null; error: string | null; england: Comparison | null };

/** The LA's comparison with England from its own figure and interval (null when the indicator has none). */
async function englandComparison(meta: IndicatorMeta, area: string, period: string, signal: AbortSignal): Promise<Comparison | null> {
  try {
    const response = await fetchIndicator(meta.id, { area, period }, signal);
    const row = response.rows.find((r) => r.breakdown === 'all' && r.period === period);
    return row?.comparisons.find((c) => c.comparator === 'england') ?? null;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return null;
  }
}

/** Every benchmarked indicator's published distribution; a 404 means "no benchmark", not a failure. */
async function loadAll(indicators: IndicatorMeta[], area: string, period: string, signal: AbortSignal): Promise<Outcome[]> {
  return Promise.all(
    indicators.map((meta) =>
      Promise.all([fetchBenchmark(meta.id, period, signal), englandComparison(meta, area, period, signal)]).then(
        ([benchmark, england]): Outcome => ({ meta, benchmark, missing: null, error: null, england }),
        (error: unknown): Outcome => {
          if (error instanceof ApiError && error.status === 404) {
            return { meta, benchmark: null, missing: /no api route/i.test(error.message) ? 'no-route' : 'none', error: null, england: null };
          }
          if (error instanceof DOMException && error.name === 'AbortError') throw error;
          return { meta, benchmark: null, missing: null, error: error instanceof Error ? error.message : String(error), england: null };
        },
      ),
    ),
  );
}

function SpineSection({ outcomes, filters }: { outcomes: Outcome[]; filters: Filters }) {
  const narrow = useMediaQuery('(max-width: 640px)');
  const la = filters.la.area_name;
  // Only rows that can be drawn: a published distribution and England (or a median) to centre on. The summary, the
  // chart and the table all count the same rows.
  const rows: SpineRow[] = outcomes.flatMap((o) => {
    if (!o.benchmark) return [];
    const significance = o.benchmark.la_value === null ? 'not-compared' : (o.england?.significance ?? 'not-compared');
    const row: SpineRow = {
      id: o.meta.id,
      title: o.meta.title,
      benchmark: o.benchmark,
      significance,
      direction: directionOf(o.benchmark.la_value, o.benchmark.england),
      laText:
        o.benchmark.la_value === null
          ? `${la}: ${o.benchmark.la_suppressed ? 'c (suppressed)' : 'x (no figure)'}`
          : `${la} ${formatValue(o.benchmark.la_value, o.meta)}`,
    };
    return spinePoint(row) ? [row] : [];
  });
  if (rows.length === 0) return <EmptyState title={`No indicator has a published benchmark for ${filters.period}.`} />;
  const comparisonWords = (
    <p className="hint">
      “Compared with England” uses {la}’s own figure and its <GlossaryLink id="ci">95% confidence interval</GlossaryLink>: higher or lower
      only when England is outside the interval (<GlossaryLink id="significance">what significance means</GlossaryLink>).
    </p>
  );
  const above = rows.filter((r) => r.benchmark.la_value !== null && r.benchmark.england !== null && r.benchmark.la_value > r.benchmark.england);
  const below = rows.filter((r) => r.benchmark.la_value !== null && r.benchmark.england !== null && r.benchmark.la_value < r.benchmark.england);
  const summary =
    `On ${rows.length} published indicator${rows.length === 1 ? '' : 's'}, ${la} is above England on ${above.length} and below England on ${below.length}` +
    (above.length > 0 && above.length <= 3 ? ` (above: ${joinWords(above.map((r) => r.title))})` : '') +
    '.';
  const legend: LegendItem[] = [
    { kind: 'dot', label: `${la}: circle similar to England, triangle up or down significantly higher or lower (better or worse), hollow circle not compared; its value beside it` },
    { kind: 'diamond', label: 'Statistical neighbours’ mean (diamond)' },
    { kind: 'square', label: 'Region (open square)' },
    { kind: 'centre', label: 'England (centre line)' },
    { kind: 'iqr', label: 'Middle half of local authorities (lower to upper quartile)' },
    { kind: 'range', label: 'All local authorities (lowest to highest)' },
  ];
  return (
    <>
    {comparisonWords}
    <ChartBlock
      title={`${la} against every local authority in England, ${filters.period}`}
      summary={summary}
      headingLevel={3}
      testId="spine-chart"
      legend={legend}
      chart={
        <>
          <p className="spine-axis" aria-hidden="true">
            <span>← Lower than England</span>
            <span>Higher than England →</span>
          </p>
          <SpineChart rows={rows} narrow={narrow} />
        </>
      }
      table={
        <ScrollTable caption={`Published figures, ${filters.period}: ${la}, England, region, statistical neighbours and the range of all local authorities`}>
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col" className="numeric">{la} (from the extract)</th>
              <th scope="col">Compared with England</th>
              <th scope="col" className="numeric">{la} (published)</th>
              <th scope="col" className="numeric">England</th>
              <th scope="col" className="numeric">Region</th>
              <th scope="col" className="numeric">Neighbours’ mean</th>
              <th scope="col" className="numeric">Lowest</th>
              <th scope="col" className="numeric">Lower quartile</th>
              <th scope="col" className="numeric">Median</th>
              <th scope="col" className="numeric">Upper quartile</th>
              <th scope="col" className="numeric">Highest</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ id, title, benchmark: b, significance }) => {
              const meta = outcomes.find((o) => o.meta.id === id)?.meta ?? { unit: 'count' as const };
              return (
                <tr key={id} data-indicator={id}>
                  <th scope="row">{title}</th>
                  <td className="numeric" data-testid="spine-la-value">{formatValue(b.la_value, meta, b.la_suppressed ? 'c' : 'x')}</td>
                  <td data-testid="spine-comparison">{significanceLabel[significance]}</td>
                  <td className="numeric">{formatValue(b.las.find((l) => l.self)?.value, meta)}</td>
                  <td className="numeric">{formatValue(b.england, meta)}</td>
                  <td className="numeric">{b.region ? `${formatValue(b.region.value, meta)} (${b.region.area_name})` : 'x'}</td>
                  <td className="numeric">{formatValue(b.neighbours_mean, meta)}</td>
                  <td className="numeric">{formatValue(b.distribution.min, meta)}</td>
                  <td className="numeric">{formatValue(b.distribution.q1, meta)}</td>
                  <td className="numeric">{formatValue(b.distribution.median, meta)}</td>
                  <td className="numeric">{formatValue(b.distribution.q3, meta)}</td>
                  <td className="numeric">{formatValue(b.distribution.max, meta)}</td>
                </tr>
              );
            })}
          </tbody>
        </ScrollTable>
      }
    />
    </>
  );
}

function RankedSection({ outcome, filters }: { outcome: Outcome; filters: Filters }) {
  const patternId = `hatch-${useId().replace(/[^a-z0-9]/gi, '')}`;
  const narrow = useMediaQuery('(max-width: 640px)');
  const { meta, benchmark } = outcome;
  if (!benchmark) return <EmptyState title={`${meta.title} has no published benchmark for ${filters.period}.`} />;
  const ranked = rankLas(benchmark.las);
  const selfIndex = ranked.findIndex((l) => l.self);
  const self = ranked[selfIndex];
  const neighbours = ranked.filter((l) => l.neighbour);
  const nValues = neighbours.map((n) => n.value ?? 0);
  const summary = self
    ? `On the published figures, ${self.area_name} ranks ${ordinal(selfIndex + 1)} highest of ${ranked.length} local authorities at ${withUnit(self.value, meta)} (England ${withUnit(benchmark.england, meta)})` +
      (neighbours.length > 0 ? `; its ${neighbours.length} statistical neighbours range from ${withUnit(Math.min(...nValues), meta)} to ${withUnit(Math.max(...nValues), meta)}.` : '.')
    : `${ranked.length} local authorities have a published figure; ${filters.la.area_name} has none.`;
  return (
    <ChartBlock
      title={`${meta.title}: every local authority, ${filters.period}`}
      summary={summary}
      testId="ranked-chart"
      legend={[
        { kind: 'self', label: `${filters.la.area_name} (solid, labelled)` },
        { kind: 'hatch', label: 'Statistical neighbour (hatched, with a triangle above)' },
        { kind: 'bar', label: 'Other local authorities' },
        { kind: 'dashed', label: `England (${withUnit(benchmark.england, meta)})` },
      ]}
      chart={<RankedChart meta={meta} las={benchmark.las} england={benchmark.england} patternId={patternId} narrow={narrow} />}
      table={
        <ScrollTable caption={`${meta.title}, ${filters.period}: every local authority, highest first`}>
          <thead>
            <tr>
              <th scope="col" className="numeric">Rank</th>
              <th scope="col">Local authority</th>
              <th scope="col" className="numeric">Value</th>
              <th scope="col">Statistical neighbour</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((l, i) => (
              <tr key={l.area_code} className={l.self ? 'table__row--self' : undefined}>
                <td className="numeric">{i + 1}</td>
                <th scope="row">
                  {l.area_name}
                  {l.self ? ' (this local authority)' : ''}
                </th>
                <td className="numeric">{formatValue(l.value, meta)}</td>
                <td>{l.neighbour ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      }
    />
  );
}

export function BenchmarksPage({ page }: { page: PageDef }) {
  const data = useAppData();
  // Published benchmarks are by calendar year only.
  const filters = useFilters(['all'], ['calendar-year']);
  const { query } = useLocation();
  const benchmarked = data.catalogue.indicators.filter((m) => m.benchmark !== null);
  const chosenId = benchmarked.some((m) => m.id === query.get('indicator')) ? (query.get('indicator') as string) : benchmarked[0]?.id;
  const la = filters.la.area_code;
  const state = useRequest(`benchmarks|${la}|${filters.period}|${benchmarked.map((m) => m.id).join(',')}`, (signal) => loadAll(benchmarked, la, filters.period, signal));
  const extra =
    benchmarked.length > 0
      ? [{ name: 'indicator', label: 'Indicator to rank', value: chosenId ?? '', options: benchmarked.map((m) => ({ value: m.id, label: m.title })) }]
      : undefined;
  return (
    <PageShell page={page} filters={filters} extra={extra} periodTypes={['calendar-year']}>
      <p>
        The ranges, England, the region and the statistical neighbours are the figures the Department for Education published for every
        local authority. In the spine chart, {filters.la.area_name}’s circle is its figure calculated from the loaded extract; in the ranking,
        every bar (including {filters.la.area_name}’s) is the published figure, so all are compared like for like.
      </p>
      {benchmarked.length === 0 ? (
        <EmptyState title="No indicator in the catalogue has a published benchmark." />
      ) : (
        <Await state={state} what="the published benchmarks">
          {(outcomes) => {
            if (outcomes.every((o) => o.missing === 'no-route')) {
              return (
                <EmptyState title="Benchmarks are not available from this server yet.">
                  <p>This page will show them once the server offers published benchmark distributions.</p>
                </EmptyState>
              );
            }
            const failed = outcomes.filter((o) => o.error);
            // No distribution to draw: no benchmark at all, or one without a published range for the whole LA (such as
            // a breakdown-only benchmark), which would be a row of x.
            const without = outcomes.filter((o) => o.missing === 'none' || (o.benchmark !== null && spinePoint({ id: o.meta.id, title: o.meta.title, benchmark: o.benchmark, significance: 'not-compared', direction: 'none', laText: '' }) === null));
            const chosen = outcomes.find((o) => o.meta.id === chosenId);
            return (
              <>
                {failed.length > 0 ? (
                  <div className="state state--error" role="alert">
                    <p className="state__title">Some benchmarks could not be loaded</p>
                    <ul>
                      {failed.map((o) => (
                        <li key={o.meta.id}>
                          {o.meta.title}: {o.error}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                <section aria-labelledby="spine-heading" className="page-section">
                  <h2 className="heading-l" id="spine-heading">
                    All benchmarked indicators
                  </h2>
                  <SpineSection outcomes={outcomes} filters={filters} />
                  {without.length > 0 ? (
                    <p className="hint">
                      No published distribution for {filters.period}: {joinWords(without.map((o) => o.meta.title))}.
                    </p>
                  ) : null}
                </section>
                <section aria-labelledby="ranked-heading" className="page-section">
                  <h2 className="heading-l" id="ranked-heading">
                    Ranking of every local authority
                  </h2>
                  {chosen ? <RankedSection outcome={chosen} filters={filters} /> : null}
                </section>
              </>
            );
          }}
        </Await>
      )}
    </PageShell>
  );
}
