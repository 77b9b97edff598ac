import { Bar, CartesianGrid, ComposedChart, ErrorBar, Line, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { IndicatorMeta, IndicatorRow } from '../../../contract/indicators.ts';
import { categoryLabel, formatValue } from '../format.ts';
import { colours } from './marks.tsx';

interface BarPoint {
  key: string;
  label: string;
  value: number | null;
  /** Distances below and above the value to the 95% limits, as ErrorBar wants them. */
  ci: [number, number] | null;
  symbol: string | null;
  comparator: number | null;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/** Splits a label into lines of about `width` characters for an SVG axis. */
export function wrapLabel(text: string, width: number, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
    return kept;
  }
  return lines;
}

/** An axis label of several lines, right-aligned against the axis and centred on the tick (category axes of bar charts). */
export function WrappedTickLabel({ lines, fontSize }: { lines: string[]; fontSize: number }) {
  const lineHeight = fontSize + 2;
  return (
    <text x={-6} textAnchor="end" fill={colours.text} fontSize={fontSize}>
      {lines.map((line, i) => (
        <tspan key={i} x={-6} dy={i === 0 ? 4 - ((lines.length - 1) * lineHeight) / 2 : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** A bar per category: its value, whiskers to the 95% limits, symbol and the comparator's value. */
function barPoints(rows: IndicatorRow[], compare: string | undefined): BarPoint[] {
  return rows.map((r) => ({
    key: r.breakdown_value,
    label: categoryLabel(r.breakdown_value),
    value: r.value,
    ci: r.value !== null && r.lower_95 !== null && r.upper_95 !== null ? [r.value - r.lower_95, r.upper_95 - r.value] : null,
    symbol: r.symbol,
    comparator: r.comparisons.find((c) => c.comparator === compare)?.value ?? null,
  }));
}

/** The category axis's tick: the label wrapped to the width, and the symbol where a withheld bar would start. */
function categoryTick(byKey: Map<string, BarPoint>, narrow: boolean) {
  const chars = narrow ? 15 : 22;
  const fontSize = narrow ? 12 : 13;
  return function Tick({ x: tx = 0, y: ty = 0, payload }: TickProps) {
    const x = Number(tx);
    const y = Number(ty);
    const point = byKey.get(String(payload?.value));
    const lines = wrapLabel(point?.label ?? String(payload?.value ?? ''), chars);
    return (
      <g transform={`translate(${x},${y})`}>
        <WrappedTickLabel lines={lines} fontSize={fontSize} />
        {point && point.value === null ? (
          <text x={10} y={5} fill={colours.text} fontSize={16} fontWeight={700}>
            {point.symbol ?? 'x'}
          </text>
        ) : null}
      </g>
    );
  };
}

/** The comparator's value for a category, drawn as a diamond. */
function diamondDot(props: { cx?: number | string; cy?: number | string; index?: number; value?: unknown }) {
  const { cx, cy, index, value } = props;
  if (cx === undefined || cy === undefined || value === null || value === undefined) return <g key={index} />;
  const x = Number(cx);
  const y = Number(cy);
  return <path key={index} d={`M ${x} ${y - 8} L ${x + 8} ${y} L ${x} ${y + 8} L ${x - 8} ${y} Z`} fill={colours.neighbour} stroke="#fff" strokeWidth={2} />;
}

/** Horizontal bars for a breakdown (one per category) with 95% confidence whiskers and a reference line for the
 * total; suppressed categories show their symbol where the bar would start. */
export function BreakdownChart({
  meta,
  rows,
  total,
  totalLabel,
  narrow,
  compare,
}: {
  meta: IndicatorMeta;
  rows: IndicatorRow[];
  total: number | null;
  totalLabel: string;
  narrow: boolean;
  /** Comparator whose value for each category is drawn as a diamond, when the rows carry one. */
  compare?: string;
}) {
  const points = barPoints(rows, compare);
  const hasComparator = points.some((p) => p.comparator !== null);
  const Tick = categoryTick(new Map(points.map((p) => [p.key, p])), narrow);
  const labelWidth = narrow ? 116 : 170;
  const rowHeight = narrow ? 50 : 44;
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, points.length * rowHeight + 50)}>
      <ComposedChart data={points} layout="vertical" margin={{ top: 20, right: 28, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid stroke={colours.grid} horizontal={false} />
        <XAxis type="number" stroke={colours.secondary} tick={{ fill: colours.text, fontSize: 13 }} tickFormatter={(v: number) => formatValue(v, meta)} domain={[0, 'auto']} />
        <YAxis type="category" dataKey="key" width={labelWidth} tick={Tick} stroke={colours.secondary} interval={0} />
        <Bar dataKey="value" fill={colours.value} isAnimationActive={false} barSize={22}>
          <ErrorBar dataKey="ci" direction="x" width={10} strokeWidth={2} stroke={colours.text} />
        </Bar>
        {total !== null ? (
          <ReferenceLine
            x={total}
            ifOverflow="extendDomain"
            stroke={colours.comparator}
            strokeDasharray="8 5"
            strokeWidth={2}
            label={{ value: `${totalLabel}: ${formatValue(total, meta)}`, position: 'top', fill: colours.text, fontSize: 13 }}
          />
        ) : null}
        {hasComparator ? <Line dataKey="comparator" stroke="none" isAnimationActive={false} dot={diamondDot} /> : null}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
