import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import { colours } from '../../charts/marks.tsx';
import { HatchDefs } from '../../charts/ranked-chart.tsx';
import type { LegendItem } from '../../components/chart-block.tsx';
import { formatValue } from '../../format.ts';
import type { CompareRow } from './model.ts';

/** Highest first; rows without a figure last, in their table order. */
export const chartOrder = (rows: CompareRow[]): CompareRow[] =>
  [...rows].sort((a, b) => (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || (b.value ?? 0) - (a.value ?? 0));

function fillOf(row: CompareRow, patternId: string): string {
  if (row.kind === 'self' || row.kind === 'extract') return colours.self;
  if (row.kind === 'region' || row.kind === 'england') return colours.comparator;
  return row.neighbour ? `url(#${patternId})` : colours.value;
}

export const compareLegend = (selfName: string): LegendItem[] => [
  { kind: 'self', label: `${selfName}: published and from the loaded extract` },
  { kind: 'hatch', label: 'Statistical neighbour (hatched)' },
  { kind: 'bar', label: 'Other local authority' },
  { kind: 'dark', label: 'Region and England' },
];

/** One horizontal bar per area, highest first, each labelled with its name and value (readable at 360 px). */
export function CompareChart({ meta, rows, patternId, narrow }: { meta: Pick<IndicatorMeta, 'unit'>; rows: CompareRow[]; patternId: string; narrow: boolean }) {
  const data = chartOrder(rows).map((r) => ({ ...r, plotted: r.value ?? 0, label: formatValue(r.value, meta, r.symbol) }));
  const barSize = narrow ? 18 : 22;
  return (
    <ResponsiveContainer width="100%" height={data.length * (barSize + 10) + 40}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: narrow ? 44 : 60, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <HatchDefs id={patternId} />
        <CartesianGrid stroke={colours.grid} horizontal={false} />
        <XAxis type="number" domain={[0, 'auto']} stroke={colours.secondary} tick={{ fill: colours.text, fontSize: 12 }} tickFormatter={(v: number) => formatValue(v, meta)} />
        <YAxis type="category" dataKey="name" width={narrow ? 120 : 260} stroke={colours.secondary} tick={{ fill: colours.text, fontSize: narrow ? 11 : 13 }} interval={0} />
        <Bar dataKey="plotted" barSize={barSize} isAnimationActive={false}>
          {data.map((row) => (
            <Cell key={row.key} fill={fillOf(row, patternId)} stroke={row.kind === 'la' ? colours.neighbour : 'none'} strokeWidth={row.kind === 'la' ? 1 : 0} />
          ))}
          <LabelList dataKey="label" position="right" fill={colours.text} fontSize={narrow ? 11 : 13} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
