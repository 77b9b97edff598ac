import { Area, CartesianGrid, ComposedChart, Line, XAxis, YAxis } from 'recharts';
import type { IndicatorMeta } from '../../../contract/indicators.ts';
import { colours } from '../charts/marks.tsx';
import { observedDot, symbolDot, type TrendPoint } from '../charts/trend-chart.tsx';
import { formatValue } from '../format.ts';

// A compact trend chart for the board pack. It is drawn at a fixed size (no ResponsiveContainer, which measures
// the screen and not the paper) and scaled by CSS through its viewBox, so it fits an A4 column in print, a PDF
// rendered headless, and the screen alike. Decorative for assistive technology: the card's sentence and the
// small table under it carry the same figures.

export const CHART_WIDTH = 340;
export const CHART_HEIGHT = 96;

/** Axis labels: whole numbers without a decimal place ("50%", not "50.0%"). */
const axisLabel = (v: number, meta: IndicatorMeta): string =>
  Number.isInteger(v) ? formatValue(v, meta.unit === 'percent' ? { unit: 'count' } : meta) + (meta.unit === 'percent' ? '%' : '') : formatValue(v, meta);

export function BoardPackChart({ meta, points }: { meta: IndicatorMeta; points: TrendPoint[] }) {
  const hasComparator = points.some((p) => p.comparator !== null);
  // A percentage near the top of the scale gets the whole 0–100 axis rather than an axis running past 100%.
  const highest = Math.max(0, ...points.flatMap((p) => [p.upper, p.value, p.comparator].filter((v): v is number => v !== null)));
  const fullScale = meta.unit === 'percent' && highest > 75;
  const projected = points.some((p) => p.projected);
  return (
    <ComposedChart
      width={CHART_WIDTH}
      height={CHART_HEIGHT}
      data={points}
      margin={{ top: 10, right: 14, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={colours.grid} vertical={false} />
      <XAxis
        dataKey="period"
        stroke={colours.secondary}
        tick={{ fill: colours.text, fontSize: 12 }}
        interval={0}
        height={24}
        padding={{ left: 12, right: 12 }}
      />
      <YAxis
        stroke={colours.secondary}
        tick={{ fill: colours.text, fontSize: 12 }}
        tickFormatter={(v: number) => axisLabel(v, meta)}
        width={52}
        interval={0}
        tickCount={3}
        domain={fullScale ? [0, 100] : [0, 'auto']}
        ticks={fullScale ? [0, 50, 100] : undefined}
      />
      <Area dataKey="band" stroke="none" fill={colours.band} isAnimationActive={false} connectNulls={false} />
      {hasComparator ? (
        <Line dataKey="comparator" stroke={colours.comparator} strokeWidth={2} strokeDasharray="7 4" dot={false} isAnimationActive={false} connectNulls={false} />
      ) : null}
      {projected ? (
        <Line dataKey="projection" stroke={colours.value} strokeWidth={2.5} strokeDasharray="2 4" dot={false} isAnimationActive={false} connectNulls={false} />
      ) : null}
      <Line
        dataKey="observed"
        stroke={colours.value}
        strokeWidth={2.5}
        isAnimationActive={false}
        connectNulls={false}
        dot={observedDot({ hasComparator, colour: colours.value, markerRadius: 5, dotRadius: 4 })}
      />
      <Line
        dataKey="suppressedMark"
        stroke="none"
        isAnimationActive={false}
        dot={symbolDot({ offset: 6, fontSize: 14 })}
      />
    </ComposedChart>
  );
}
