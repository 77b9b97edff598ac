import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { onlyComplementDisclosive, roundToBase } from '../../server/disclosure/rounding.ts';
import { continuingCareWithHealthProvision } from '../../server/indicators/definitions/continuing-care-with-health-provision.ts';
import type { Area } from '../../contract/common.ts';
import type { DataContext } from '../../server/data-context.ts';
import { computeIndicator } from '../../server/indicators/engine.ts';
import type { IndicatorDefinition, SourceRow } from '../../server/indicators/types.ts';

// Issue 13, "keep the figures useful": an LA total hidden only because its complement is small
// (continuing care: 96 of 99 children have health provision, so "3 have none") was suppressed
// outright, every year, taking LA totals of complete years below 95 % published on the default
// extract. It is now published with both counts rounded to the nearest 5 and the rate computed
// from the rounded counts (NHS England practice); its exact counts stay hidden, so everything
// that protected it still does. Figures worked by hand below.

const areas: Area[] = [
  { area_code: 'LA', area_name: 'The LA', area_type: 'la', parent_code: null },
  { area_code: 'N', area_name: 'North', area_type: 'locality', parent_code: 'LA' },
  { area_code: 'S', area_name: 'South', area_type: 'locality', parent_code: 'LA' },
];
const period = { period: '2022', period_type: 'calendar-year', start_date: '2022-01-01', end_date: '2022-12-31', complete: true } as const;
const row = (area: string, breakdown: string, value: string, numerator: number, denominator: number): SourceRow => ({
  area_code: area,
  period: '2022',
  breakdown,
  breakdown_value: value,
  numerator,
  denominator,
});

// LA 96/99 (complement 3); North 40/40 and South 56/59 (complement 3); by sex F 50/51, M 46/48.
const rows: SourceRow[] = [
  row('LA', 'all', 'all', 96, 99),
  row('N', 'all', 'all', 40, 40),
  row('S', 'all', 'all', 56, 59),
  row('LA', 'sex', 'F', 50, 51),
  row('LA', 'sex', 'M', 46, 48),
];
const definition: IndicatorDefinition = { ...continuingCareWithHealthProvision, breakdowns: ['sex'], model: () => Promise.resolve(rows) };
const context = (): DataContext => ({
  notice: {} as DataContext['notice'],
  areas,
  aggregates: [],
  periods: [period],
  allPeriods: [period],
  defaultArea: 'LA',
  defaultPeriod: '2022',
  defaultFinancialYear: null,
});
const db = {} as Database;
const get = async (ctx: DataContext, area: string, by: 'all' | 'sex') =>
  computeIndicator(db, ctx, definition, { area, period: '2022', periodType: 'calendar-year', by }, { threshold: 7, reference: null });

describe('rounding instead of suppression for an LA total whose complement alone is small', () => {
  it('rounds to the nearest 5 and knows which cells qualify', () => {
    expect([96, 99, 97, 98, 100, 102, 103].map((v) => roundToBase(v))).toEqual([95, 100, 95, 100, 100, 100, 105]);
    const cell = (numerator: number, denominator: number) => ({ key: 'k', numerator, denominator, denominatorIsCount: true });
    expect(onlyComplementDisclosive(cell(96, 99), 7)).toBe(true);
    expect(onlyComplementDisclosive(cell(5, 99), 7)).toBe(false); // the numerator itself is small
    expect(onlyComplementDisclosive(cell(90, 99), 7)).toBe(false); // complement 9: publishable as it is
    expect(onlyComplementDisclosive(cell(99, 99), 7)).toBe(false); // complement 0: publishable as it is
  });

  it('publishes the LA total rounded (95 of 100 = 95 %), flagged, with no exact count', async () => {
    const ctx = context();
    const [la] = await get(ctx, 'LA', 'all');
    expect(la).toMatchObject({ suppressed: false, rounded: true, numerator: 95, denominator: 100, symbol: null });
    expect(la?.value).toBeCloseTo(95, 9);
    expect(la?.lower_95).not.toBeNull();
  });

  it('keeps the exact counts hidden: the parts that protected them stay suppressed', async () => {
    const ctx = context();
    const south = (await get(ctx, 'S', 'all'))[0];
    const north = (await get(ctx, 'N', 'all'))[0];
    // South (complement 3) is a locality: suppressed, not rounded; North then protects it (LA is not exact).
    expect(south).toMatchObject({ suppressed: true, numerator: null });
    expect(south?.rounded ?? false).toBe(false);
    expect(north?.suppressed).toBe(false);
    const bySex = await get(ctx, 'LA', 'sex');
    expect(bySex.every((r) => r.suppressed && r.numerator === null)).toBe(true);
  });
});
