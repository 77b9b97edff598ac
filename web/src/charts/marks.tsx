import type { IndicatorMeta } from '../../../contract/indicators.ts';
import { comparisonParts, significanceLabel, type Comparison, type Significance } from '../format.ts';

// Chart colours: every mark has at least 3:1 contrast against white (WCAG 1.4.11), and significance is always
// carried by a shape and a word as well as a colour.
export const colours = {
  text: '#0b0c0c',
  secondary: '#505a5f',
  value: '#1d70b8',
  band: '#bbd4ea',
  comparator: '#0b0c0c',
  grid: '#e0e0e0',
  better: '#00703c',
  worse: '#d4351c',
  similar: '#505a5f',
  higher: '#003078',
  lower: '#003078',
  'not-compared': '#505a5f',
  neighbour: '#0b0c0c',
  self: '#d4351c',
} as const;

export type Direction = 'up' | 'down' | 'none';

export function directionOf(value: number | null, benchmark: number | null): Direction {
  if (value === null || benchmark === null || value === benchmark) return 'none';
  return value > benchmark ? 'up' : 'down';
}

/** The SVG path of a significance marker centred on (0, 0): circle = similar, triangles = higher or lower. */
export function markerPath(significance: Significance, direction: Direction, r = 6): string {
  if (significance === 'similar' || significance === 'not-compared' || direction === 'none') {
    return `M ${-r} 0 a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0 Z`;
  }
  const h = r * 1.2;
  return direction === 'up' ? `M 0 ${-h} L ${h} ${h * 0.8} L ${-h} ${h * 0.8} Z` : `M 0 ${h} L ${h} ${-h * 0.8} L ${-h} ${-h * 0.8} Z`;
}

/** A marker inside a chart (SVG group translated to x, y). */
export function SvgMarker({ x, y, significance, direction, r = 6 }: { x: number; y: number; significance: Significance; direction: Direction; r?: number }) {
  const hollow = significance === 'not-compared';
  return (
    <path
      transform={`translate(${x},${y})`}
      d={markerPath(significance, direction, r)}
      fill={hollow ? '#fff' : colours[significance]}
      stroke={hollow ? colours.secondary : '#fff'}
      strokeWidth={hollow ? 2 : 1.5}
    />
  );
}

/** A marker in running text, followed by its word ("▼ Lower"). */
export function SignificanceTag({ significance, direction }: { significance: Significance; direction: Direction }) {
  return (
    <span className={`sig-tag sig-tag--${significance}`}>
      <svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true" focusable="false">
        <SvgMarker x={0} y={0} significance={significance} direction={direction} r={5.5} />
      </svg>
      {significanceLabel[significance]}
    </span>
  );
}

/** A comparison as a marker and words, the judgement in bold: "▼ **Lower than** England (37.2 per 1,000)". */
export function ComparisonText({ comparison, value, meta }: { comparison: Comparison; value: number | null; meta: Pick<IndicatorMeta, 'unit'> }) {
  const [lead, rest] = comparisonParts(comparison, meta);
  return (
    <span className={`comparison comparison--${comparison.significance}`}>
      <svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true" focusable="false">
        <SvgMarker x={0} y={0} significance={comparison.significance} direction={directionOf(value, comparison.value)} r={5.5} />
      </svg>
      <span>
        <strong>{lead.charAt(0).toUpperCase() + lead.slice(1)}</strong> {rest}
      </span>
    </span>
  );
}
