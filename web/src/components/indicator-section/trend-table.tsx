import type { IndicatorMeta, IndicatorRow } from '../../../../contract/indicators.ts';
import { formatCount, formatValue, significanceLabel, withUnit } from '../../format.ts';
import { RoundedKey, RoundedMark } from '../rounded-mark.tsx';
import { ScrollTable } from '../scroll-table.tsx';
import { intervalText } from './interval-text.ts';

/** The trend chart's figures as a table: a row per year, projected years marked. */
export function TrendTable({
  meta,
  rows,
  compare,
  caption,
  projected,
}: {
  meta: IndicatorMeta;
  rows: IndicatorRow[];
  compare: string;
  caption: string;
  projected: ReadonlySet<string>;
}) {
  const label = rows.flatMap((r) => r.comparisons).find((c) => c.comparator === compare)?.label;
  return (
    <>
      <ScrollTable caption={caption}>
        <thead>
          <tr>
            <th scope="col">Year</th>
            <th scope="col" className="numeric">Value</th>
            <th scope="col" className="numeric">95% confidence interval</th>
            <th scope="col" className="numeric">99.8% confidence interval</th>
            <th scope="col" className="numeric">Numerator</th>
            <th scope="col" className="numeric">Denominator</th>
            {label ? <th scope="col" className="numeric">{label}</th> : null}
            {label ? <th scope="col">Compared with {label}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const c = r.comparisons.find((x) => x.comparator === compare);
            return (
              <tr key={r.period}>
                <th scope="row">
                  {r.period}
                  {projected.has(r.period) ? ' (projected)' : ''}
                </th>
                <td className="numeric" data-testid={`value-${r.period}`}>
                  {withUnit(r.value, meta, r.symbol)}
                  <RoundedMark row={r} />
                </td>
                <td className="numeric">{intervalText(r.lower_95, r.upper_95, meta)}</td>
                <td className="numeric">{intervalText(r.lower_99_8, r.upper_99_8, meta)}</td>
                <td className="numeric">
                  {r.numerator === null && !r.suppressed ? 'x' : formatCount(r.numerator)}
                  <RoundedMark row={r} />
                </td>
                <td className="numeric">
                  {r.denominator === null && !r.suppressed ? 'x' : formatCount(r.denominator)}
                  <RoundedMark row={r} />
                </td>
                {label ? <td className="numeric">{c ? formatValue(c.value, meta) : '–'}</td> : null}
                {label ? <td>{c ? significanceLabel[c.significance] : '–'}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
      <RoundedKey rows={rows} />
    </>
  );
}
