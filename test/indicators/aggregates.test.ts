import { describe, expect, it } from 'vitest';
import { aggregateRows } from '../../server/indicators/aggregates.ts';
import { hierarchyParts } from '../../server/indicators/engine.ts';
import type { AggregateArea } from '../../server/data-context.ts';

// Issue 19: an aggregate's rows are sums of its LAs' rows; England's equation runs through the
// regions (so the audit's blocks stay regional), with the LAs of no served region added directly.

const area = (area_code: string, area_type: AggregateArea['area_type'], las: string[]): AggregateArea => ({ area_code, area_name: area_code, area_type, parent_code: null, las, las_in_area: 10 });
const row = (area_code: string, breakdown: string, breakdown_value: string, numerator: number | null, denominator: number | null) => ({ area_code, period: '2024', breakdown, breakdown_value, numerator, denominator });

describe('aggregate rows', () => {
  it('sums numerators and denominators of the member LAs, cell by cell; a null makes the sum unknown; localities are not summed', () => {
    const rows = [row('A', 'all', 'all', 3, 100), row('B', 'all', 'all', 4, 50), row('A', 'sex', 'F', 1, null), row('B', 'sex', 'F', 2, 25), row('A', 'locality', 'North', 3, 100)];
    expect(aggregateRows(rows, [area('E12000003', 'region', ['A', 'B'])])).toEqual([row('E12000003', 'all', 'all', 7, 150), row('E12000003', 'sex', 'F', 3, null)]);
  });

  it('a share of the area total takes the aggregate total as every denominator', () => {
    const rows = [row('A', 'all', 'all', 10, 10), row('B', 'all', 'all', 6, 6), row('B', 'primary_need', 'VI', 2, 6)];
    expect(aggregateRows(rows, [area('E92000001', 'england', ['A', 'B'])], { denominatorIsAreaTotal: true })).toEqual([row('E92000001', 'all', 'all', 16, 16), row('E92000001', 'primary_need', 'VI', 2, 16)]);
  });

  it('England is the sum of the served regions and of the LAs in none', () => {
    const parts = hierarchyParts([area('E92000001', 'england', ['A', 'B', 'C']), area('E12000003', 'region', ['A', 'B']), area('E54000054', 'icb', ['A', 'B'])]);
    expect(Object.fromEntries(parts)).toEqual({ E92000001: ['E12000003', 'C'], E12000003: ['A', 'B'], E54000054: ['A', 'B'] });
  });
});
