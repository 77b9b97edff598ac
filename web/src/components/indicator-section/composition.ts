import type { IndicatorMeta, IndicatorRow } from '../../../../contract/indicators.ts';

/** True for a share of a whole (every published total is 100%), whose figures are its parts. */
export function isComposition(meta: IndicatorMeta, rows: IndicatorRow[]): boolean {
  if (meta.unit !== 'percent' || !meta.breakdowns.some((b) => b !== 'all')) return false;
  const known = rows.filter((r) => r.numerator !== null && r.denominator !== null && r.denominator > 0);
  return known.length > 0 && known.every((r) => r.numerator === r.denominator);
}
