import type { CatalogueEntry, IndicatorMeta } from '../../../contract/indicators.ts';
import { ComparisonList, FigureValue } from '../components/indicator-section/headline.tsx';
import { fetchIndicator } from '../api.ts';
import { Sparkline } from '../charts/sparkline.tsx';
import { trendPoints } from '../charts/trend-chart.tsx';
import { headlineRow } from '../components/headline-row.ts';
import { IntervalNote } from '../components/interval-note.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { Await, EmptyState } from '../components/states.tsx';
import { isAggregate, trendParams, useAppData, useFilters, useIncompletePeriods, type Filters } from '../filters.ts';
import { figureSentence, formatDate, formatInterval, unitSuffix } from '../format.ts';
import type { PageDef } from '../page-list.ts';
import { Link, useLocation, withQuery } from '../router.tsx';
import { useRequest } from '../use-request.ts';

const groups = [
  { id: 'needs', title: 'Needs', path: '/needs' },
  { id: 'gaps', title: 'Gaps', path: '/gaps' },
  { id: 'outcomes', title: 'Outcomes', path: '/outcomes' },
] as const;

/** The Overview's tiles: the catalogue's headline indicators in their order, topped up so every group has at least one. */
export function overviewIndicators(indicators: CatalogueEntry[]): IndicatorMeta[] {
  const chosen: IndicatorMeta[] = indicators
    .filter((m) => m.placement.headline_order !== null)
    .sort((a, b) => (a.placement.headline_order ?? 0) - (b.placement.headline_order ?? 0));
  for (const group of groups) {
    if (!chosen.some((m) => m.group === group.id)) {
      const first = indicators.find((m) => m.group === group.id);
      if (first) chosen.push(first);
    }
  }
  return chosen;
}

function Tile({ meta, filters }: { meta: IndicatorMeta; filters: Filters }) {
  const incomplete = useIncompletePeriods();
  const area = filters.area.area_code;
  const params = trendParams(filters);
  const state = useRequest(`${meta.id}|${area}|all|${filters.periodType}`, (signal) => fetchIndicator(meta.id, params, signal));
  const location = useLocation();
  const groupPath = groups.find((g) => g.id === meta.group)?.path ?? '/';
  const headingId = `tile-${meta.id}`;
  // Words compare with England and statistical neighbours (for a locality: its local authority).
  const wanted = filters.area.area_type === 'locality' ? ['la'] : isAggregate(filters.area) ? ['england', 'published'] : ['england', 'neighbours'];
  return (
    <li className="tile" data-indicator={meta.id}>
      <article aria-labelledby={headingId}>
        <h3 className="tile__title" id={headingId}>
          <Link href={`${withQuery(groupPath, location.query)}#${meta.id}`}>{meta.title}</Link>
        </h3>
        <Await state={state} what="this indicator">
          {(data) => {
            const rows = data.rows.filter((r) => r.breakdown === 'all');
            const { row, exact } = headlineRow(rows, filters.period);
            if (!row) return <EmptyState title="No figures in the loaded extract." />;
            const comparisons = wanted.flatMap((id) => row.comparisons.filter((c) => c.comparator === id));
            const suffix = unitSuffix(meta);
            return (
              <>
                <p className="tile__figure">
                  <FigureValue block="tile" row={row} meta={meta} suffix={suffix} />
                </p>
                <p className="tile__context">
                  {row.area_name}, {row.period}
                  {!exact ? ' (latest)' : ''}
                  {row.lower_95 !== null ? (
                    <>
                      <br />
                      95% confidence interval {formatInterval(row, meta)}
                    </>
                  ) : null}
                  {row.value === null && row.symbol === 'c' ? (
                    <>
                      <br />
                      Suppressed: too few to publish safely
                    </>
                  ) : null}
                </p>
                {rows.filter((r) => r.value !== null).length > 1 ? (
                  <div className="tile__sparkline" aria-hidden="true" inert data-testid="sparkline">
                    <Sparkline points={trendPoints(rows, 'england')} />
                    <span className="tile__sparkline-range">
                      {rows[0]?.period}–{rows.at(-1)?.period}
                    </span>
                  </div>
                ) : null}
                <ComparisonList block="tile" comparisons={comparisons} shown={comparisons.length > 0} row={row} meta={meta} />
                <p className="tile__sentence" data-testid="summary">
                  {figureSentence(meta, row, rows, [], incomplete)}
                </p>
              </>
            );
          }}
        </Await>
      </article>
    </li>
  );
}

export function Overview({ page }: { page: PageDef }) {
  const data = useAppData();
  // Every tile is an indicator, so England, regions and ICBs are offered (an extract of several LAs).
  const filters = useFilters(undefined, undefined, true);
  const location = useLocation();
  const chosen = overviewIndicators(data.catalogue.indicators);
  const extractDate = data.catalogue.data.extract_date;
  return (
    <PageShell page={page} filters={filters}>
      {extractDate ? <p className="body-s secondary">Figures from the extract dated {formatDate(extractDate)}.</p> : null}
      {chosen.length === 0 ? <EmptyState title="The catalogue has no indicators yet." /> : null}
      {groups.map((group) => {
        const tiles = chosen.filter((m) => m.group === group.id);
        const all = data.catalogue.indicators.filter((m) => m.group === group.id);
        if (all.length === 0) return null;
        return (
          <section key={group.id} className="overview-group" aria-labelledby={`overview-${group.id}`}>
            <h2 className="heading-l" id={`overview-${group.id}`}>
              {group.title}
            </h2>
            <ul className="tiles">
              {tiles.map((meta) => (
                <Tile key={meta.id} meta={meta} filters={filters} />
              ))}
            </ul>
            <p>
              <Link href={withQuery(group.path, location.query)}>
                All {all.length} {group.title.toLowerCase()} indicator{all.length === 1 ? '' : 's'}, with charts, breakdowns and tables
              </Link>
            </p>
          </section>
        );
      })}
      {/* After the tiles, so the keyboard goes from the filters straight to the first tile. */}
      {chosen.length > 0 ? <IntervalNote meta={chosen[0]} filters={filters} /> : null}
      {chosen.length > 0 ? (
        <p>
          For Health and Wellbeing Board papers: the{' '}
          <Link href={withQuery('/board-pack', location.query)}>board pack of these headline indicators</Link>, in plain English
          and laid out for A4, to print or save as a PDF.
        </p>
      ) : null}
    </PageShell>
  );
}
