import { Bar, CartesianGrid, ComposedChart, ErrorBar, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { WrappedTickLabel, wrapLabel } from './breakdown-chart.tsx';
import { colours } from './marks.tsx';

// Horizontal bars for a list of categories, one or more series side by side (each series a solid fill, a dark fill
// or a hatch, so series differ by more than colour), optional whiskers (such as quartiles around a median), the
// value printed at the end of each bar, and a withheld figure's symbol (c or x) where its bar would start.

export type SeriesStyle = 'solid' | 'dark' | 'hatch';

export interface BarSeries {
  name: string;
  style: SeriesStyle;
}

export interface BarRow {
  key: string;
  label: string;
  /** One value per series; null = withheld (`symbols` says why). */
  values: (number | null)[];
  symbols: (string | null)[];
  /** Whiskers for the first series: [low, high] in the value's units. */
  whisker?: [number, number] | null;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

const fills: Record<SeriesStyle, string> = { solid: colours.value, dark: colours.text, hatch: 'url(#category-bars-hatch)' };

export interface LabelPlacement {
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

const LABEL_CHAR_PX = 7;

/**
 * Where a bar's value label goes. The label names the bar's value (a median, say), so it sits at the bar's end,
 * never at the end of the whisker. When a whisker runs past the bar the label is raised above the bar at its end,
 * so it neither sits on the whisker line nor reads as the whisker's value.
 */
export function valueLabelPlacement({
  left,
  length,
  top,
  height,
  text,
  value,
  whisker,
}: {
  left: number;
  length: number;
  top: number;
  height: number;
  text: string;
  value: number;
  whisker: [number, number] | null;
}): LabelPlacement {
  const end = left + length;
  const middle = top + height / 2 + 4;
  const whiskerPastBar = whisker !== null && whisker[1] > value;
  // No whisker in the way: just after the bar, as on every other bar chart.
  if (!whiskerPastBar) return { x: end + 6, y: middle, anchor: 'start' };
  // Above the bar, clear of the whisker line: ending at the bar's end when the bar is long enough, else starting there.
  if (length >= text.length * LABEL_CHAR_PX) return { x: end, y: top - 3, anchor: 'end' };
  return { x: end + 2, y: top - 3, anchor: 'start' };
}

/** Recharts' rows: a value per series (`s0`, `s1`…) and the first series' whisker as distances from its value. */
function chartData(rows: BarRow[]): Record<string, unknown>[] {
  return rows.map((r) => {
    const point: Record<string, unknown> = { key: r.key };
    r.values.forEach((v, i) => {
      point[`s${i}`] = v;
    });
    const first = r.values[0];
    point.whisker = r.whisker && first !== null && first !== undefined ? [first - r.whisker[0], r.whisker[1] - first] : null;
    return point;
  });
}

/** The category axis's tick: the label wrapped, then each series' symbol or 0 where its bar would start. */
function categoryTick(byKey: Map<string, BarRow>, narrow: boolean, seriesCount: number) {
  const chars = narrow ? 14 : 24;
  const fontSize = narrow ? 12 : 13;
  return function Tick({ x: tx = 0, y: ty = 0, payload }: TickProps) {
    const x = Number(tx);
    const y = Number(ty);
    const row = byKey.get(String(payload?.value));
    const lines = wrapLabel(row?.label ?? String(payload?.value ?? ''), chars, 4);
    // A withheld figure's symbol, or a 0 (a bar of no length draws no label), where the bar would start.
    const marks = row ? row.values.map((v, i) => (v === null ? (row.symbols[i] ?? 'x') : v === 0 ? '0' : null)) : [];
    const barHeight = seriesCount > 1 ? 16 : 22;
    return (
      <g transform={`translate(${x},${y})`}>
        <WrappedTickLabel lines={lines} fontSize={fontSize} />
        {marks.map((mark, i) =>
          mark ? (
            <text key={i} x={10} y={5 + (i - (seriesCount - 1) / 2) * barHeight} fill={colours.text} fontSize={mark === '0' ? 12 : 15} fontWeight={mark === '0' ? 400 : 700}>
              {mark}
            </text>
          ) : null,
        )}
      </g>
    );
  };
}

/** A bar's value label, placed clear of its whisker (`withWhiskers`: the rows, for the first series only). */
function valueLabel(withWhiskers: BarRow[] | null, format: (v: number) => string) {
  return function ValueLabel(props: { x?: number | string; y?: number | string; width?: number | string; height?: number | string; value?: unknown; index?: number }) {
    const { x, y, width, height, value, index } = props;
    if (typeof value !== 'number' || value === 0 || index === undefined) return null;
    const whisker = withWhiskers ? (withWhiskers[index]?.whisker ?? null) : null;
    const text = format(value);
    const at = valueLabelPlacement({ left: Number(x), length: Number(width), top: Number(y), height: Number(height), text, whisker, value });
    return (
      <text x={at.x} y={at.y} textAnchor={at.anchor} fill={colours.text} fontSize={12} stroke="#fff" strokeWidth={3} paintOrder="stroke">
        {text}
      </text>
    );
  };
}

export function CategoryBars({
  rows,
  series,
  format,
  narrow,
  domainMax,
}: {
  rows: BarRow[];
  series: BarSeries[];
  /** Axis ticks and value labels. */
  format: (v: number) => string;
  narrow: boolean;
  /** Fixes the top of the axis (100 for percentages). */
  domainMax?: number;
}) {
  const data = chartData(rows);
  const Tick = categoryTick(new Map(rows.map((r) => [r.key, r])), narrow, series.length);
  const labelWidth = narrow ? 112 : 190;
  const rowHeight = (narrow ? 30 : 26) + 20 * series.length;
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, rows.length * rowHeight + 40)}>
      <ComposedChart data={data} layout="vertical" margin={{ top: 8, right: narrow ? 44 : 56, bottom: 4, left: 4 }} accessibilityLayer={false} barGap={2}>
        <defs>
          <pattern id="category-bars-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fff" />
            <rect width="2.5" height="6" fill={colours.text} />
          </pattern>
        </defs>
        <CartesianGrid stroke={colours.grid} horizontal={false} />
        <XAxis
          type="number"
          stroke={colours.secondary}
          tick={{ fill: colours.text, fontSize: 13 }}
          tickFormatter={format}
          domain={[0, domainMax ?? 'auto']}
          allowDecimals={false}
        />
        <YAxis type="category" dataKey="key" width={labelWidth} tick={Tick} stroke={colours.secondary} interval={0} />
        {series.map((s, i) => (
          <Bar
            key={s.name}
            dataKey={`s${i}`}
            name={s.name}
            fill={fills[s.style]}
            stroke={s.style === 'hatch' ? colours.text : 'none'}
            strokeWidth={s.style === 'hatch' ? 1 : 0}
            isAnimationActive={false}
            barSize={series.length > 1 ? 14 : 22}
          >
            {i === 0 && rows.some((r) => r.whisker) ? <ErrorBar dataKey="whisker" direction="x" width={8} strokeWidth={2} stroke={colours.secondary} isAnimationActive={false} /> : null}
            <LabelList dataKey={`s${i}`} content={valueLabel(i === 0 ? rows : null, format)} />
          </Bar>
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
