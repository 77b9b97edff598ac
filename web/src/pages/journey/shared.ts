import type { JourneyResponse } from '../../../../contract/analytics.ts';

export type Data = JourneyResponse;

export const whole = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 0 });
export const oneDp = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** The query the page's figures answer, for the CSV downloads. */
export const query = (data: Data) => ({ area: data.area.area_code, period: data.period.period });

export function periodWords(data: Data): string {
  return data.period.period_type === 'financial-year' ? `financial year ${data.period.period}` : data.period.period;
}
