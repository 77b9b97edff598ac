import { describe, expect, it } from 'vitest';
import { areaMenu, comparatorOptions, resolveFilters, type AppData, type Area } from '../../web/src/filters.ts';

// Issue 19: an extract of several LAs serves England, regions and ICBs. The area menu offers them
// grouped and by name (never a bare code), saying how many of the area's LAs the extract holds,
// on pages whose figures are all indicators; pages of per-LA analytics keep to LAs and localities.

const areas: Area[] = [
  { area_code: 'E92000001', area_name: 'England', area_type: 'england', parent_code: null, las: ['E08000003', 'E08000006', 'E08000032', 'E08000035'], las_in_area: 153 },
  { area_code: 'E12000002', area_name: 'North West', area_type: 'region', parent_code: null, las: ['E08000003', 'E08000006'], las_in_area: 24 },
  { area_code: 'E12000003', area_name: 'Yorkshire and The Humber', area_type: 'region', parent_code: null, las: ['E08000032', 'E08000035'], las_in_area: 15 },
  { area_code: 'E54000054', area_name: 'West Yorkshire ICB', area_type: 'icb', parent_code: null, las: ['E08000032', 'E08000035'], las_in_area: 5 },
  { area_code: 'E08000035', area_name: 'Leeds', area_type: 'la', parent_code: null },
  { area_code: 'E08000035:north', area_name: 'North', area_type: 'locality', parent_code: 'E08000035' },
  { area_code: 'E08000032', area_name: 'Bradford', area_type: 'la', parent_code: null },
];

const data = {
  catalogue: { data: { la_code: null } },
  areas,
  periods: [{ period: '2024', period_type: 'calendar-year', start_date: '2024-01-01', end_date: '2024-12-31', complete: true, measures: ['flow', 'snapshot'] }],
  defaultPeriod: '2024',
} as unknown as AppData;

describe('the area menu of an extract of several LAs', () => {
  it('groups England, regions and ICBs by name before the LAs and their localities', () => {
    expect(areaMenu(areas, true)).toEqual([
      { label: 'England (the LAs in the extract)', options: [{ value: 'E92000001', label: 'England (4 of its 153 LAs)' }] },
      {
        label: 'Regions',
        options: [
          { value: 'E12000002', label: 'North West (2 of its 24 LAs)' },
          { value: 'E12000003', label: 'Yorkshire and The Humber (2 of its 15 LAs)' },
        ],
      },
      { label: 'Integrated care boards', options: [{ value: 'E54000054', label: 'West Yorkshire ICB (2 of its 5 LAs)' }] },
      {
        label: 'Leeds and its localities',
        options: [
          { value: 'E08000035', label: 'Leeds (local authority)' },
          { value: 'E08000035:north', label: 'North locality' },
        ],
      },
      { label: 'Bradford and its localities', options: [{ value: 'E08000032', label: 'Bradford (local authority)' }] },
    ]);
  });

  it('offers only LAs and localities on a page of per-LA analytics', () => {
    expect(areaMenu(areas, false).map((g) => g.label)).toEqual(['Leeds and its localities', 'Bradford and its localities']);
  });

  it('keeps a region from the link on an indicator page, compared with England and the published region', () => {
    const filters = resolveFilters(new URLSearchParams('area=E12000003'), data, ['all'], ['calendar-year'], true);
    expect(filters.area.area_name).toBe('Yorkshire and The Humber');
    expect(filters.comparators.map((c) => c.id)).toEqual(['england', 'published']);
    expect(comparatorOptions(areas[0] as Area, [])).toEqual([{ id: 'published', label: 'Published figure for England' }]);
  });

  it('falls back to an LA, and says why, when a per-LA page gets a region in its link', () => {
    const filters = resolveFilters(new URLSearchParams('area=E12000003'), data);
    expect(filters.area.area_type).toBe('la');
    expect(filters.notices.join(' ')).toMatch(/one local authority at a time, not Yorkshire and The Humber/);
  });
});
