// Rounding instead of suppression, for one kind of cell only (issue 13, "keep the figures
// useful"): an LA total whose numerator and count denominator are both above the threshold
// but whose complement (denominator - numerator) is 1..threshold. Suppressing it hid, every
// year, the LA's share of continuing-care children with health provision (nearly all have
// it). Such a cell is still suppressed by the rules (`suppress`: primary), so everything that
// protects it still does; it is then published with both counts rounded to the nearest 5 and
// the rate and intervals computed from the rounded counts (NHS England practice), flagged
// `rounded`. Its exact counts are published nowhere, and an output that follows it (linked)
// hides it.
import type { Cell } from './suppression.ts';

export const ROUNDING_BASE = 5;

/** `value` to the nearest multiple of `base` (halves up). */
export const roundToBase = (value: number, base: number = ROUNDING_BASE): number => Math.round(value / base) * base;

const small = (value: number, threshold: number): boolean => value >= 1 && value <= threshold;

/** Disclosive only through its complement: numerator and count denominator above the threshold, difference 1..threshold. */
export function onlyComplementDisclosive(cell: Cell, threshold: number): boolean {
  const { numerator, denominator } = cell;
  if (!cell.denominatorIsCount || numerator === null || denominator === null) return false;
  return numerator > threshold && denominator > threshold && small(denominator - numerator, threshold);
}
