import type { IndicatorMeta, IndicatorRow } from '../../../../contract/indicators.ts';
import { breakdownLabel, categoryLabel, formatCount, formatValue, significanceLabel, withUnit } from '../../format.ts';
import { ScrollTable } from '../scroll-table.tsx';
import { intervalText } from './interval-text.ts';

/** The breakdown chart's figures as a table: a row per category, a column per comparator. */
export function BreakdownTable({ meta, rows, breakdown, caption }: { meta: IndicatorMeta; rows: IndicatorRow[]; breakdown: string; caption: string }) {
  const comparators = [...new Set(rows.flatMap((r) => r.comparisons.map((c) => c.comparator)))];
  return (
    <ScrollTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{breakdownLabel(breakdown)}</th>
          <th scope="col" className="numeric">Value</th>
          <th scope="col" className="numeric">95% confidence interval</th>
          <th scope="col" className="numeric">Numerator</th>
          <th scope="col" className="numeric">Denominator</th>
          {comparators.map((c) => (
            <th key={c} scope="col">
              Compared with {rows.flatMap((r) => r.comparisons).find((x) => x.comparator === c)?.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.breakdown_value}>
            <th scope="row">{categoryLabel(r.breakdown_value)}</th>
            <td className="numeric">{withUnit(r.value, meta, r.symbol)}</td>
            <td className="numeric">{intervalText(r.lower_95, r.upper_95, meta)}</td>
            <td className="numeric">{formatCount(r.numerator)}</td>
            <td className="numeric">{formatCount(r.denominator)}</td>
            {comparators.map((c) => {
              const x = r.comparisons.find((y) => y.comparator === c);
              return <td key={c}>{x ? `${significanceLabel[x.significance]} (${formatValue(x.value, meta)})` : '–'}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
