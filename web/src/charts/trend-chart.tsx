import { Area, CartesianGrid, ComposedChart, ErrorBar, Line, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { IndicatorMeta, IndicatorRow } from '../../../contract/indicators.ts';
import { formatValue, significanceLabel, type Significance } from '../format.ts';
import { colours, directionOf, SvgMarker, type Direction } from './marks.tsx';

export interface TrendPoint {
  period: string;
  value: number | null;
  band: [number, number] | null;
  lower: number | null;
  upper: number | null;
  /** Distances from the value down and up to the 95% limits, for the whiskers. */
  ciDelta: [number, number] | null;
  comparator: number | null;
  significance: Significance;
  direction: Direction;
  symbol: string | null;
  /** 0 where the value is suppressed, so a "c" can be drawn on the axis. */
  suppressedMark: number | null;
  /** A modelled future period (after the extract's last period), such as a forecast. */
  projected: boolean;
  /** The value where observed, for the solid line. */
  observed: number | null;
  /** The value where projected, and the last observed value before it, for the dashed line. */
  projection: number | null;
}

/** Chart points for a trend; periods not in `known` (the extract's periods) are projections. */
export function trendPoints(rows: IndicatorRow[], compare: string, known?: ReadonlySet<string>): TrendPoint[] {
  const projectedAt = rows.map((r) => (known ? !known.has(r.period) : false));
  return rows.map((r, i) => {
    const comparison = r.comparisons.find((c) => c.comparator === compare);
    const comparator = comparison?.value ?? null;
    return {
      period: r.period,
      value: r.value,
      band: r.lower_95 !== null && r.upper_95 !== null ? [r.lower_95, r.upper_95] : null,
      lower: r.lower_95,
      upper: r.upper_95,
      ciDelta: r.value !== null && r.lower_95 !== null && r.upper_95 !== null ? [r.value - r.lower_95, r.upper_95 - r.value] : null,
      comparator,
      significance: comparison?.significance ?? 'not-compared',
      direction: directionOf(r.value, comparator),
      symbol: r.symbol,
      suppressedMark: r.value === null ? 0 : null,
      projected: projectedAt[i] ?? false,
      observed: projectedAt[i] ? null : r.value,
      projection: projectedAt[i] || projectedAt[i + 1] ? r.value : null,
    };
  });
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/** Props Recharts passes to a Line's dot renderer (only what the dots use). */
interface DotProps {
  cx?: number | string;
  cy?: number | string;
  index?: number;
  value?: unknown;
  payload?: unknown;
}

/** The symbol (c or x) drawn above a year whose figure is withheld or not available, on both trend charts. */
export function symbolDot({ offset, fontSize }: { offset: number; fontSize: number }) {
  return function SymbolDot(props: DotProps) {
    if (props.cx === undefined || props.cy === undefined || props.value === null || props.value === undefined) return <g key={props.index} />;
    return (
      <text key={props.index} x={Number(props.cx)} y={Number(props.cy) - offset} textAnchor="middle" fontSize={fontSize} fontWeight={700} fill={colours.text}>
        {(props.payload as TrendPoint).symbol ?? 'x'}
      </text>
    );
  };
}

/**
 * The dot of each counted year on a trend line (the dashboard's chart and the board pack's): a marker shaped by the
 * comparison when there is a comparator, otherwise a plain dot; nothing for a year without a figure.
 */
export function observedDot({ hasComparator, colour, markerRadius, dotRadius }: { hasComparator: boolean; colour: string; markerRadius: number; dotRadius: number }) {
  return function ObservedDot(props: DotProps) {
    const p = props.payload as TrendPoint;
    if (props.cx === undefined || props.cy === undefined || p.value === null) return <g key={props.index} />;
    return (
      <g key={props.index}>
        {hasComparator && p.comparator !== null ? (
          <SvgMarker x={Number(props.cx)} y={Number(props.cy)} significance={p.significance} direction={p.direction} r={markerRadius} />
        ) : (
          <circle cx={Number(props.cx)} cy={Number(props.cy)} r={dotRadius} fill={colour} stroke="#fff" strokeWidth={1.5} />
        )}
      </g>
    );
  };
}

/** A projected year's open circle. */
function projectedDot(props: DotProps) {
  const p = props.payload as TrendPoint;
  if (props.cx === undefined || props.cy === undefined || !p.projected || p.value === null) return <g key={props.index} />;
  return <circle key={props.index} cx={Number(props.cx)} cy={Number(props.cy)} r={5} fill="#fff" stroke={colours.value} strokeWidth={2.5} />;
}

/** The year axis's tick: the year, and under it "Projected", the symbol, or the comparison in words. */
function yearTick(byPeriod: Map<string, TrendPoint>, hasComparator: boolean, narrow: boolean) {
  return function Tick({ x: tx = 0, y: ty = 0, payload }: TickProps) {
    const x = Number(tx);
    const y = Number(ty);
    const point = byPeriod.get(String(payload?.value));
    const status =
      !point ? '' : point.projected ? (narrow ? 'Proj.' : 'Projected') : point.value === null ? (point.symbol ?? 'x') : !hasComparator || point.comparator === null ? '' : point.significance === 'not-compared' ? '–' : significanceLabel[point.significance];
    return (
      <g transform={`translate(${x},${y})`}>
        <text y={14} textAnchor="middle" fill={colours.text} fontSize={14}>
          {String(payload?.value ?? '')}
        </text>
        {status ? (
          <text y={31} textAnchor="middle" fill={colours.secondary} fontSize={12}>
            {status}
          </text>
        ) : null}
      </g>
    );
  };
}

/** Trend over time: the value with its 95% confidence band, the chosen comparator as a dashed line, and
 * significance against it as a marker shape under each year. Drawn for sighted users; the table beside it
 * carries the same figures for everyone. */
export function TrendChart({
  meta,
  points,
  comparatorLabel,
  height = 260,
  narrow = false,
}: {
  meta: IndicatorMeta;
  points: TrendPoint[];
  comparatorLabel: string | null;
  height?: number;
  /** Narrow screens: "Proj." under projected years, so neighbouring labels do not overlap. */
  narrow?: boolean;
}) {
  const byPeriod = new Map(points.map((p) => [p.period, p]));
  const hasComparator = points.some((p) => p.comparator !== null);
  const Tick = yearTick(byPeriod, hasComparator, narrow);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={points} margin={{ top: 12, right: 20, bottom: 8, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid stroke={colours.grid} vertical={false} />
        <XAxis dataKey="period" stroke={colours.secondary} tick={Tick} height={42} interval="preserveStartEnd" padding={{ left: 16, right: 16 }} />
        <YAxis
          stroke={colours.secondary}
          tick={{ fill: colours.text, fontSize: 13 }}
          tickFormatter={(v: number) => formatValue(v, meta)}
          width={60}
          domain={[0, 'auto']}
          allowDecimals
        />
        <Area dataKey="band" stroke="none" fill={colours.band} isAnimationActive={false} connectNulls={false} />
        <Line dataKey="lower" stroke={colours.value} strokeWidth={1} strokeDasharray="3 3" dot={false} isAnimationActive={false} connectNulls={false} />
        <Line dataKey="upper" stroke={colours.value} strokeWidth={1} strokeDasharray="3 3" dot={false} isAnimationActive={false} connectNulls={false} />
        {hasComparator ? (
          <Line
            dataKey="comparator"
            name={comparatorLabel ?? 'Comparator'}
            stroke={colours.comparator}
            strokeWidth={2}
            strokeDasharray="8 5"
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ) : null}
        {points.some((p) => p.projected) ? (
          <Line
            dataKey="projection"
            stroke={colours.value}
            strokeWidth={3}
            strokeDasharray="2 5"
            isAnimationActive={false}
            connectNulls={false}
            dot={projectedDot}
          />
        ) : null}
        <Line
          dataKey="observed"
          stroke={colours.value}
          strokeWidth={3}
          isAnimationActive={false}
          connectNulls={false}
          dot={observedDot({ hasComparator, colour: colours.value, markerRadius: 6, dotRadius: 5 })}
        >
          <ErrorBar dataKey="ciDelta" direction="y" width={10} strokeWidth={2} stroke={colours.value} />
        </Line>
        <Line
          dataKey="suppressedMark"
          stroke="none"
          isAnimationActive={false}
          dot={symbolDot({ offset: 8, fontSize: 16 })}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
