import { Area, ComposedChart, Line, ResponsiveContainer, YAxis } from 'recharts';
import type { TrendPoint } from './trend-chart.tsx';
import { colours } from './marks.tsx';

/** A small trend line with its confidence band, for a headline tile. Decorative: the tile says the same in words. */
export function Sparkline({ points }: { points: TrendPoint[] }) {
  const last = points.findLastIndex((p) => p.value !== null);
  return (
    <ResponsiveContainer width="100%" height={56}>
      <ComposedChart data={points} margin={{ top: 8, right: 10, bottom: 8, left: 10 }} accessibilityLayer={false}>
        <YAxis hide domain={['auto', 'auto']} />
        <Area dataKey="band" stroke="none" fill={colours.band} isAnimationActive={false} />
        <Line
          dataKey="value"
          stroke={colours.value}
          strokeWidth={3}
          isAnimationActive={false}
          connectNulls={false}
          dot={(props) =>
            props.index === last && props.cx !== undefined && props.cy !== undefined ? (
              <g key={props.index}>
                <circle cx={Number(props.cx)} cy={Number(props.cy)} r={5} fill={colours.value} stroke="#fff" strokeWidth={1.5} />
              </g>
            ) : (
              <g key={props.index} />
            )
          }
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
