import type { IndicatorRow } from '../../../contract/indicators.ts';

/** The row to headline: the chosen period's, else the latest one before it (else the latest of all). */
export function headlineRow(rows: IndicatorRow[], period: string): { row: IndicatorRow | undefined; exact: boolean } {
  const exact = rows.find((r) => r.period === period);
  return exact ? { row: exact, exact: true } : { row: rows.filter((r) => r.period <= period).at(-1) ?? rows.at(-1), exact: false };
}
