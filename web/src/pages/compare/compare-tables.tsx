import type { BenchmarkResponse, IndicatorMeta } from '../../../../contract/indicators.ts';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatValue, ordinal } from '../../format.ts';
import { compareRows, rankAmongLas, type CompareRow, type LaChoice, type Published } from './model.ts';

const kindWords: Record<CompareRow['kind'], string> = {
  self: 'This local authority, published by the DfE',
  extract: 'This local authority, calculated from the loaded extract',
  la: 'Local authority',
  region: 'Region',
  england: 'England',
};

/** One indicator: every compared area's figure, with where each LA ranks among all LAs' published figures. */
export function IndicatorCompareTable({ meta, benchmark, rows, period }: { meta: IndicatorMeta; benchmark: BenchmarkResponse; rows: CompareRow[]; period: string }) {
  return (
    <ScrollTable caption={`${meta.title}, ${period}: the compared areas, England and the region`} className="table--sticky-first">
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col" className="numeric">Value</th>
          <th scope="col">What it is</th>
          <th scope="col">Rank among local authorities (1 = highest)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const rank = row.kind === 'self' || row.kind === 'la' ? rankAmongLas(benchmark, row.value) : null;
          return (
            <tr key={row.key} data-area={row.key} className={row.kind === 'self' || row.kind === 'extract' ? 'table__row--self' : undefined}>
              <th scope="row">{row.name}</th>
              <td className="numeric" data-testid="compare-value">
                {formatValue(row.value, meta, row.symbol)}
              </td>
              <td>
                {kindWords[row.kind]}
                {row.neighbour ? ' (statistical neighbour)' : ''}
              </td>
              <td>{rank ? `${ordinal(rank.rank)} of ${rank.of}` : '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}

/** Every benchmarked indicator (rows) for every compared area (columns): the "compare areas" table. */
export function AllIndicatorsTable({ published, chosen, period }: { published: Published[]; chosen: LaChoice[]; period: string }) {
  const withFigures = published.filter((p): p is Published & { benchmark: BenchmarkResponse } => p.benchmark !== null);
  const first = withFigures[0];
  if (!first) return null;
  const header = compareRows(first.benchmark, chosen);
  return (
    <ScrollTable caption={`Every published indicator, ${period}: the compared areas side by side`} className="table--sticky-first" testId="compare-all">
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          {header.map((h) => (
            <th scope="col" className="numeric" key={h.key}>
              {h.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {withFigures.map(({ meta, benchmark }) => (
          <tr key={meta.id} data-indicator={meta.id}>
            <th scope="row">{meta.title}</th>
            {compareRows(benchmark, chosen).map((row) => (
              <td key={row.key} className="numeric" data-area={row.key}>
                {formatValue(row.value, meta, row.symbol)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
