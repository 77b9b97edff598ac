import type { Area } from '../../contract/common.ts';
import type { IndicatorMeta, IndicatorRow } from '../../contract/indicators.ts';
import type { DataContext } from '../../server/data-context.ts';
import type { Database } from '../../server/db/database.ts';
import { continuingCareWithHealthProvision } from '../../server/indicators/definitions/continuing-care-with-health-provision.ts';
import { computeIndicator, indicatorMeta } from '../../server/indicators/engine.ts';
import type { IndicatorDefinition, SourceRow } from '../../server/indicators/types.ts';

// Rows from the disclosure layer with one LA total published rounded (server/disclosure/rounding.ts), worked by hand:
// continuing care, 2022: the LA 96 of 99 children have health provision (3 have none, a small complement), so it is
// published as 95 of 100 = 95 %, `rounded: true`; North 40 of 40 is exact; South 56 of 59 is suppressed (a locality
// is never rounded). For the tests that every output says which figures are rounded (issue 17).

const areas: Area[] = [
  { area_code: 'LA', area_name: 'The LA', area_type: 'la', parent_code: null },
  { area_code: 'N', area_name: 'North', area_type: 'locality', parent_code: 'LA' },
  { area_code: 'S', area_name: 'South', area_type: 'locality', parent_code: 'LA' },
];
const period = { period: '2022', period_type: 'calendar-year', start_date: '2022-01-01', end_date: '2022-12-31', complete: true } as const;
const source = (area: string, numerator: number, denominator: number): SourceRow => ({ area_code: area, period: '2022', breakdown: 'all', breakdown_value: 'all', numerator, denominator });
const definition: IndicatorDefinition = {
  ...continuingCareWithHealthProvision,
  breakdowns: [],
  model: () => Promise.resolve([source('LA', 96, 99), source('N', 40, 40), source('S', 56, 59)]),
};
export const roundedNotice = { synthetic: false, data_version: 1, extract_date: '2023-01-16', la_code: 'LA' };
const context: DataContext = {
  notice: roundedNotice,
  areas,
  aggregates: [],
  periods: [period],
  allPeriods: [period],
  defaultArea: 'LA',
  defaultPeriod: '2022',
  defaultFinancialYear: null,
};

/** The indicator and its 2022 totals for the LA (rounded), North (exact) and South (suppressed), as the engine publishes them. */
export async function roundedRows(): Promise<{ meta: IndicatorMeta; la: IndicatorRow; north: IndicatorRow; south: IndicatorRow }> {
  const get = async (area: string): Promise<IndicatorRow> => {
    const [row] = await computeIndicator({} as Database, context, definition, { area, period: '2022', periodType: 'calendar-year', by: 'all' }, { threshold: 7, reference: null });
    if (!row) throw new Error(`no row for ${area}`);
    return row;
  };
  return { meta: indicatorMeta(definition), la: await get('LA'), north: await get('N'), south: await get('S') };
}
