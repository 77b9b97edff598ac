import { describe, expect, it } from 'vitest';
import { resolveFilters, type AppData } from '../../web/src/filters.ts';

// Counts of events are published for calendar years only (server/disclosure/periods.ts); most pages mix
// them with snapshots, so the pages offer calendar years unless a page asks for more. A financial year
// in a link used to be kept, and every count of events on the page then answered 404.

const period = (p: string, type: 'calendar-year' | 'financial-year', measures: ('flow' | 'snapshot')[]) => ({
  period: p,
  period_type: type,
  start_date: type === 'calendar-year' ? `${p}-01-01` : `${p.slice(0, 4)}-04-01`,
  end_date: type === 'calendar-year' ? `${p}-12-31` : `${Number(p.slice(0, 4)) + 1}-03-31`,
  complete: true,
  measures,
});

const data = {
  catalogue: { data: { la_code: 'E08000035' } },
  areas: [{ area_code: 'E08000035', area_name: 'Leeds', area_type: 'la', parent_code: null }],
  periods: [period('2023', 'calendar-year', ['flow', 'snapshot']), period('2023-24', 'financial-year', ['snapshot']), period('2024', 'calendar-year', ['flow', 'snapshot'])],
  defaultPeriod: '2024',
} as unknown as AppData;

describe('the year a page shows', () => {
  it('keeps a calendar year from the link', () => {
    expect(resolveFilters(new URLSearchParams('period=2023'), data).period).toBe('2023');
  });

  it('does not take a financial year from the link unless the page offers financial years, and says so', () => {
    const filters = resolveFilters(new URLSearchParams('period=2023-24'), data);
    expect(filters.period).toBe('2024');
    expect(filters.periodType).toBe('calendar-year');
    expect(filters.notices.join(' ')).toMatch(/2023-24/);
  });

  it('a page that asks for financial years (snapshots only) still gets them', () => {
    expect(resolveFilters(new URLSearchParams('period=2023-24'), data, ['all'], ['calendar-year', 'financial-year']).period).toBe('2023-24');
  });
});
