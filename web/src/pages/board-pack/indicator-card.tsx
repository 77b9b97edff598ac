import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import { trendPoints } from '../../charts/trend-chart.tsx';
import { BoardPackChart } from '../../components/board-pack-chart.tsx';
import { ComparisonList, FigureValue } from '../../components/indicator-section/headline.tsx';
import { RoundedMark } from '../../components/rounded-mark.tsx';
import '../../components/board-pack-styles.css';
import { comparisonsOf, packComparators, type PackItem } from '../../components/board-pack-text.ts';
import { useIncompletePeriods, type Filters } from '../../filters.ts';
import { figureSentence, formatValue, unitSuffix } from '../../format.ts';
import { Link, useLocation, withQuery } from '../../router.tsx';
import { groups } from './model.ts';

export function TrendTable({ item, compare, compareLabel }: { item: PackItem; compare: string; compareLabel: string }) {
  const { meta, trend } = item;
  const hasComparator = trend.some((r) => r.comparisons.some((c) => c.comparator === compare && c.value !== null));
  const areaName = trend[0]?.area_name ?? 'Area';
  return (
    <div className="board-pack-trend">
      <table className="board-pack-trend__table">
        <caption className="visually-hidden">
          {meta.title}: {areaName}
          {hasComparator ? ` and ${compareLabel}` : ''}, by year
        </caption>
        <thead>
          <tr>
            <td />
            {trend.map((r) => (
              <th key={r.period} scope="col">
                {r.period}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{areaName}</th>
            {trend.map((r) => (
              <td key={r.period} data-testid={`trend-value-${r.period}`}>
                {formatValue(r.value, meta, r.symbol)}
                <RoundedMark row={r} />
              </td>
            ))}
          </tr>
          {hasComparator ? (
            <tr>
              <th scope="row">{compareLabel}</th>
              {trend.map((r) => {
                const c = r.comparisons.find((x) => x.comparator === compare);
                return <td key={r.period}>{c?.value === null || c?.value === undefined ? 'x' : formatValue(c.value, meta)}</td>;
              })}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

export const readingText: Record<IndicatorMeta['polarity'], string> = {
  'higher-better': 'Higher is better.',
  'lower-better': 'Lower is better.',
  'no-judgement': 'Neither higher nor lower is better.',
};

export function IndicatorCard({ item, filters, known }: { item: PackItem; filters: Filters; known: ReadonlySet<string> }) {
  const incomplete = useIncompletePeriods();
  const { meta, row, trend, exact } = item;
  const location = useLocation();
  const locality = filters.area.area_type === 'locality';
  const wanted = packComparators(locality);
  const chartCompare = locality ? 'la' : 'england';
  const chartCompareLabel = locality ? filters.la.area_name : 'England';
  const groupPath = groups.find((g) => g.id === meta.group)?.path ?? '/';
  const headingId = `board-pack-${meta.id}`;
  const suffix = unitSuffix(meta);
  const comparisons = comparisonsOf(row, wanted);
  const plotted = trend.filter((r) => r.value !== null).length > 1;
  return (
    <article className="board-pack-card" aria-labelledby={headingId} data-indicator={meta.id}>
      <div className="board-pack-card__text">
        <h3 className="board-pack-card__title" id={headingId}>
          <Link href={`${withQuery(groupPath, location.query)}#${meta.id}`}>{meta.title}</Link>
        </h3>
        {row ? (
          <>
            <p className="board-pack-card__figure">
              <FigureValue block="board-pack-card" row={row} meta={meta} suffix={suffix} />
              <span className="board-pack-card__context">
                {' '}
                {row.area_name}, {row.period}
                {!exact ? ' (latest)' : ''}. {readingText[meta.polarity]}
              </span>
            </p>
            <ComparisonList block="board-pack-card" comparisons={comparisons} shown={comparisons.some((c) => c.value !== null)} row={row} meta={meta} />
          </>
        ) : null}
        <p className="board-pack-card__sentence" data-testid="summary">
          {figureSentence(meta, row, trend, [], incomplete)}
        </p>
      </div>
      <div className="board-pack-card__visual">
        {plotted ? (
          <div className="board-pack-card__chart" aria-hidden="true" inert data-testid="board-pack-chart">
            <BoardPackChart meta={meta} points={trendPoints(trend, chartCompare, known)} />
          </div>
        ) : null}
        {trend.length > 0 ? <TrendTable item={item} compare={chartCompare} compareLabel={chartCompareLabel} /> : null}
      </div>
    </article>
  );
}
