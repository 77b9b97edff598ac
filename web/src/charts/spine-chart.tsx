import { Bar, ComposedChart, Line, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { BenchmarkResponse } from '../../../contract/indicators.ts';
import { wrapLabel } from './breakdown-chart.tsx';
import { colours, markerPath, type Direction } from './marks.tsx';
import type { Significance } from '../format.ts';

export interface SpineRow {
  id: string;
  title: string;
  benchmark: BenchmarkResponse;
  /** The LA's comparison with England (from its own interval): the LA mark's shape and colour. */
  significance: Significance;
  direction: Direction;
  /** The LA's value in words, printed beside its mark ("Leeds 4.1%"). */
  laText: string;
}

interface SpinePoint {
  id: string;
  title: string;
  /** Stacked segments from 0: blank up to the minimum, then min–Q1, Q1–Q3, Q3–max. */
  blank: number;
  lowRange: number;
  iqr: number;
  highRange: number;
  /** Where the LA's mark goes: its value, or England's line when it has no figure (`laMissing`). */
  la: number | null;
  laMissing: boolean;
  significance: Significance;
  direction: Direction;
  laText: string;
  neighbours: number | null;
  region: number | null;
}

/**
 * Each row is scaled so that England's value sits in the middle and the LA furthest from England sits at an end
 * (the Fingertips spine chart): left of the centre line is lower than England, right is higher.
 */
export function spinePoint(row: SpineRow): SpinePoint | null {
  const b = row.benchmark;
  const d = b.distribution;
  const centre = b.england ?? d.median;
  if (centre === null || d.min === null || d.max === null) return null;
  const marks = [d.min, d.max, b.la_value, b.neighbours_mean, b.region?.value].filter((v): v is number => v !== null && v !== undefined);
  const half = Math.max(...marks.map((v) => Math.abs(v - centre)), 1e-9);
  const pos = (v: number | null | undefined) => (v === null || v === undefined ? null : 0.5 + (v - centre) / (2 * half));
  const pMin = pos(d.min) ?? 0;
  const pQ1 = pos(d.q1) ?? pMin;
  const pQ3 = pos(d.q3) ?? pQ1;
  const pMax = pos(d.max) ?? pQ3;
  return {
    id: row.id,
    title: row.title,
    blank: pMin,
    lowRange: pQ1 - pMin,
    iqr: pQ3 - pQ1,
    highRange: pMax - pQ3,
    la: pos(b.la_value) ?? 0.5,
    laMissing: b.la_value === null,
    significance: row.significance,
    direction: row.direction,
    laText: row.laText,
    neighbours: pos(b.neighbours_mean),
    region: pos(b.region?.value),
  };
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/** The indicator names on the left, wrapped. */
function spineTick(titles: Map<string, string>, narrow: boolean) {
  return function Tick({ x: tx = 0, y: ty = 0, payload }: TickProps) {
    const x = Number(tx);
    const y = Number(ty);
    const lines = wrapLabel(titles.get(String(payload?.value)) ?? '', narrow ? 16 : 36);
    return (
      <text x={x - 8} y={y} textAnchor="end" fill={colours.text} fontSize={13}>
        {lines.map((line, i) => (
          <tspan key={i} x={x - 8} dy={i === 0 ? 4 - (lines.length - 1) * 7.5 : 15}>
            {line}
          </tspan>
        ))}
      </text>
    );
  };
}

/** The LA's mark, shaped by its comparison with England, with its value on the side with more room. */
function laMark(point: SpinePoint | undefined, key: string, cx: number, cy: number, value: number) {
  if (!point) return <g key={key} />;
  if (point.laMissing) {
    // No figure to place (suppressed or not computable): the symbol in words on England's line, no marker.
    return (
      <text key={key} data-spine-la={point.id} data-significance="not-compared" x={cx + 8} y={cy + 4} fontSize={12} fontWeight={700} fill={colours.text} stroke="#fff" strokeWidth={3} paintOrder="stroke">
        {point.laText}
      </text>
    );
  }
  const hollow = point.significance === 'not-compared';
  // The value goes on the side with more room, so it does not run off the chart.
  const right = value < 0.5;
  return (
    <g key={key}>
      <path
        data-spine-la={point.id}
        data-significance={point.significance}
        transform={`translate(${cx},${cy})`}
        d={markerPath(point.significance, point.direction, 9)}
        fill={hollow ? '#fff' : colours[point.significance]}
        stroke={hollow ? colours.text : '#fff'}
        strokeWidth={2}
      />
      <text
        data-spine-value={point.id}
        x={right ? cx + 14 : cx - 14}
        y={cy - 10}
        textAnchor={right ? 'start' : 'end'}
        fontSize={12}
        fontWeight={700}
        fill={colours.text}
        stroke="#fff"
        strokeWidth={3}
        paintOrder="stroke"
      >
        {point.laText}
      </text>
    </g>
  );
}

/** The dot renderer of one line: the LA's mark, the neighbours' diamond or the region's hollow square. */
const spineDot =
  (points: SpinePoint[], kind: 'la' | 'neighbours' | 'region') =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (props: any) => {
    const { cx, cy, index, value } = props as { cx?: number; cy?: number; index: number; value: number | null };
    if (cx === undefined || cy === undefined || value === null || value === undefined) return <g key={`${kind}-${index}`} />;
    if (kind === 'la') return laMark(points[index], `${kind}-${index}`, cx, cy, value);
    if (kind === 'neighbours')
      return <path key={`${kind}-${index}`} d={`M ${cx} ${cy - 9} L ${cx + 9} ${cy} L ${cx} ${cy + 9} L ${cx - 9} ${cy} Z`} fill={colours.neighbour} stroke="#fff" strokeWidth={2} />;
    return <rect key={`${kind}-${index}`} x={cx - 6} y={cy - 6} width={12} height={12} fill="#fff" stroke={colours.neighbour} strokeWidth={2.5} />;
  };

export function SpineChart({ rows, narrow }: { rows: SpineRow[]; narrow: boolean }) {
  const points = rows.flatMap((r) => spinePoint(r) ?? []);
  const Tick = spineTick(new Map(points.map((p) => [p.id, p.title])), narrow);
  const labelWidth = narrow ? 120 : 260;
  const dot = (kind: 'la' | 'neighbours' | 'region') => spineDot(points, kind);
  return (
    <ResponsiveContainer width="100%" height={points.length * 56 + 40}>
      <ComposedChart data={points} layout="vertical" margin={{ top: 10, right: 16, bottom: 10, left: 4 }} barCategoryGap={14} accessibilityLayer={false}>
        <XAxis type="number" domain={[0, 1]} hide />
        <YAxis type="category" dataKey="id" width={labelWidth} tick={Tick} interval={0} axisLine={false} tickLine={false} />
        <Bar dataKey="blank" stackId="spine" fill="transparent" isAnimationActive={false} />
        <Bar dataKey="lowRange" stackId="spine" fill="#d5d8da" stroke="#505a5f" strokeWidth={1} isAnimationActive={false} />
        <Bar dataKey="iqr" stackId="spine" fill="#8e969a" stroke="#505a5f" strokeWidth={1} isAnimationActive={false} />
        <Bar dataKey="highRange" stackId="spine" fill="#d5d8da" stroke="#505a5f" strokeWidth={1} isAnimationActive={false} />
        <ReferenceLine x={0.5} stroke={colours.text} strokeWidth={3} />
        <Line dataKey="region" stroke="none" dot={dot('region')} isAnimationActive={false} />
        <Line dataKey="neighbours" stroke="none" dot={dot('neighbours')} isAnimationActive={false} />
        <Line dataKey="la" stroke="none" dot={dot('la')} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
