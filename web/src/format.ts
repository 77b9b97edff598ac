import type { IndicatorMeta, IndicatorRow } from '../../server/api/contract.ts';

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A value in the indicator's unit, as a person reads it; DfE symbol when withheld. */
export function formatValue(value: number | null, meta: Pick<IndicatorMeta, 'unit'>, symbol: string | null = null): string {
  if (value === null) return symbol ?? 'x';
  switch (meta.unit) {
    case 'percent':
      return `${oneDecimal.format(value)}%`;
    case 'pounds':
      return `£${whole.format(value)}`;
    case 'count':
      return whole.format(value);
    default:
      return oneDecimal.format(value);
  }
}

export const formatCount = (n: number | null): string => (n === null ? 'c' : whole.format(n));

export function formatInterval(row: Pick<IndicatorRow, 'lower_95' | 'upper_95'>, meta: Pick<IndicatorMeta, 'unit'>): string {
  if (row.lower_95 === null || row.upper_95 === null) return '';
  return `${formatValue(row.lower_95, meta)} to ${formatValue(row.upper_95, meta)}`;
}

const unitWords: Record<IndicatorMeta['unit'], string> = {
  percent: '',
  per_1000: ' per 1,000',
  per_10000: ' per 10,000',
  count: '',
  weeks: ' weeks',
  pounds: '',
};
export const withUnit = (value: number | null, meta: Pick<IndicatorMeta, 'unit'>, symbol: string | null = null): string =>
  value === null ? formatValue(value, meta, symbol) : `${formatValue(value, meta)}${unitWords[meta.unit]}`;

/** One plain-English sentence about the latest value and its change since the previous period. */
export function trendSentence(meta: IndicatorMeta, rows: IndicatorRow[], areaName: string): string {
  const published = rows.filter((r) => r.value !== null);
  const latest = published.at(-1);
  if (!latest) return `No figure can be published for ${areaName}: the numbers are too small or missing.`;
  const first = published[0];
  let sentence = `In ${latest.period}, ${areaName} had ${withUnit(latest.value, meta)} (95% confidence interval ${formatInterval(latest, meta)}).`;
  if (first && first !== latest && first.value !== null && latest.value !== null) {
    const direction = latest.value > first.value ? 'up from' : latest.value < first.value ? 'down from' : 'the same as';
    sentence += ` That is ${direction} ${withUnit(first.value, meta)} in ${first.period}.`;
  }
  return sentence;
}
