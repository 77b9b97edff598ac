import type { IndicatorMeta, IndicatorRow } from '../../../../contract/indicators.ts';
import { ComparisonText } from '../../charts/marks.tsx';
import { formatInterval, formatValue, rankWords, unitSuffix } from '../../format.ts';
import { RoundedMark } from '../rounded-mark.tsx';

/**
 * A headline figure's value, unit and rounded mark, in the classes of the block it stands in (`headline`, `tile`,
 * `board-pack-card`): the indicator page, the overview's tiles and the board pack show one figure the same way.
 */
export function FigureValue({ block, row, meta, suffix }: { block: string; row: IndicatorRow; meta: IndicatorMeta; suffix: string }) {
  return (
    <>
      <span className={`${block}__value`} data-testid="headline-value">
        {formatValue(row.value, meta, row.symbol)}
      </span>
      {suffix && row.value !== null ? <span className={`${block}__unit`}> {suffix}</span> : null}
      <RoundedMark row={row} />
    </>
  );
}

/**
 * The comparisons under a headline figure, in the classes of its block (`tile`, `board-pack-card`), or a line
 * saying there is none. `shown` is the block's own test of whether there is anything to list.
 */
export function ComparisonList({ block, comparisons, shown, row, meta }: { block: string; comparisons: IndicatorRow['comparisons']; shown: boolean; row: IndicatorRow; meta: IndicatorMeta }) {
  return shown ? (
    <ul className={`${block}__comparisons`}>
      {comparisons.map((c) => (
        <li key={c.comparator}>
          <ComparisonText comparison={c} value={row.value} meta={meta} />
        </li>
      ))}
    </ul>
  ) : (
    <p className={`${block}__comparisons ${block}__comparisons--none`}>No published benchmark to compare with.</p>
  );
}

/** The selected year's figure in large type, with its interval, comparison and rank. */
export function Headline({ meta, row, compare }: { meta: IndicatorMeta; row: IndicatorRow; compare: string }) {
  const comparison = row.comparisons.find((c) => c.comparator === compare);
  const suffix = unitSuffix(meta);
  return (
    <div className="headline">
      <p className="headline__figure">
        <FigureValue block="headline" row={row} meta={meta} suffix={suffix} />
        <span className="headline__context">
          {row.area_name}, {row.period}
          {row.lower_95 !== null ? ` (95% confidence interval ${formatInterval(row, meta)})` : ''}
        </span>
      </p>
      {comparison ? (
        <p className="headline__comparison">
          <ComparisonText comparison={comparison} value={row.value} meta={meta} />
        </p>
      ) : null}
      {row.rank ? <p className="headline__rank">Rank: {rankWords(row.rank)}.</p> : null}
    </div>
  );
}
