import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import { formatValue } from '../../format.ts';

/** An interval as "a to b" in the indicator's unit, or a dash when either end is unknown. */
export const intervalText = (lower: number | null, upper: number | null, meta: IndicatorMeta): string =>
  lower === null || upper === null ? '–' : `${formatValue(lower, meta)} to ${formatValue(upper, meta)}`;
