import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { BenchmarkLa, IndicatorMeta } from '../../../contract/indicators.ts';
import { formatValue } from '../format.ts';
import { colours } from './marks.tsx';

/** Every LA's published value, highest first (LAs without a figure last). */
export function rankLas(las: BenchmarkLa[]): BenchmarkLa[] {
  return [...las].filter((l) => l.value !== null).sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.area_name.localeCompare(b.area_name));
}

/** The hatch that marks statistical neighbours: a pattern, so they are told apart without colour. */
export function HatchDefs({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#fff" />
        <rect width="3" height="6" fill={colours.neighbour} />
      </pattern>
    </defs>
  );
}

interface LabelProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  index?: number;
}

/** All LAs ranked by their published value, with the LA (solid, labelled) and its neighbours (hatched, marked
 * with a triangle) picked out, and England as a dashed line. */
export function RankedChart({
  meta,
  las,
  england,
  patternId,
  narrow,
}: {
  meta: Pick<IndicatorMeta, 'unit'>;
  las: BenchmarkLa[];
  england: number | null;
  patternId: string;
  narrow: boolean;
}) {
  const ranked = rankLas(las);
  const Label = ({ x = 0, y = 0, width = 0, index = 0 }: LabelProps) => {
    const la = ranked[index];
    if (!la || (!la.self && !la.neighbour)) return null;
    const cx = Number(x) + Number(width) / 2;
    const top = Number(y);
    if (la.self) {
      return (
        <g>
          {/* Above the plot, in the top margin, so no bar runs through the name. */}
          <line x1={cx} x2={cx} y1={top - 4} y2={22} stroke={colours.text} strokeWidth={2} />
          <text x={cx} y={16} textAnchor={index > ranked.length * 0.7 ? 'end' : index < ranked.length * 0.3 ? 'start' : 'middle'} fontSize={14} fontWeight={700} fill={colours.text}>
            {la.area_name}
          </text>
        </g>
      );
    }
    return <path d={`M ${cx} ${top - 3} L ${cx + 5} ${top - 11} L ${cx - 5} ${top - 11} Z`} fill={colours.neighbour} />;
  };
  return (
    <ResponsiveContainer width="100%" height={340}>
      <BarChart data={ranked} margin={{ top: 44, right: 12, bottom: 8, left: 4 }} barCategoryGap={narrow ? 0 : 1} accessibilityLayer={false}>
        <HatchDefs id={patternId} />
        <CartesianGrid stroke={colours.grid} vertical={false} />
        <XAxis dataKey="area_code" tick={false} stroke={colours.secondary} label={{ value: 'Local authorities, highest to lowest', position: 'insideBottom', offset: -2, fill: colours.text, fontSize: 13 }} height={24} />
        <YAxis stroke={colours.secondary} tick={{ fill: colours.text, fontSize: 13 }} tickFormatter={(v: number) => formatValue(v, meta)} width={60} domain={[0, 'auto']} />
        <Bar dataKey="value" isAnimationActive={false}>
          {ranked.map((la) => (
            <Cell
              key={la.area_code}
              fill={la.self ? colours.self : la.neighbour ? `url(#${patternId})` : colours.value}
              stroke={la.self || la.neighbour ? colours.neighbour : 'none'}
              strokeWidth={la.self || la.neighbour ? 1 : 0}
            />
          ))}
          <LabelList dataKey="value" content={Label} />
        </Bar>
        {england !== null ? (
          <ReferenceLine
            y={england}
            stroke={colours.comparator}
            strokeDasharray="8 5"
            strokeWidth={2}
          />
        ) : null}
      </BarChart>
    </ResponsiveContainer>
  );
}
