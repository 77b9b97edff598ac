import type { ForecastResponse } from '../../../../contract/forecast.ts';
import { ageBandText, wholeNumber } from '../../analytics-format.ts';
import { categoryLabel } from '../../format.ts';

export type Data = ForecastResponse;

/** The breakdowns the forecast offers. */
export const forecastBreakdowns = ['all', 'age_band', 'primary_need'];

/** The query the page's figures answer, for the CSV downloads. */
export const query = (data: Data) => ({ area: data.query.area, by: data.query.by });

/** Projected plans as whole plans ("778"); the symbol when withheld. */
export const plans = (v: number | null, symbol: string | null = null): string => (v === null ? (symbol ?? 'x') : wholeNumber(Math.round(v)));
export const interval = (lo: number | null, hi: number | null): string => (lo === null || hi === null ? '–' : `${plans(lo)} to ${plans(hi)}`);

export const groupLabel = (by: string, value: string): string => (value === 'all' ? 'All active EHC plans' : by === 'age_band' ? `Ages ${ageBandText(value)}` : categoryLabel(value));

/** A change with its sign ("+3", "−1.5"); `c` when withheld. */
export const signed = (v: number | null, digits = 0): string =>
  v === null ? 'c' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
