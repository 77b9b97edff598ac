import { describe, expect, it } from 'vitest';
import { CountTable, shareOf, statOf } from '../../server/analytics/budgets-feedback-transitions-shared.ts';
import type { Area } from '../../server/indicators/engine.ts';

// The count table behind the insight endpoints: primary and secondary suppression over
// declared sums and LA = sum of localities, zeros published, and the result audited.

const areas: Area[] = [
  { area_code: 'LA', area_name: 'LA', area_type: 'la', parent_code: null },
  { area_code: 'LA:a', area_name: 'A', area_type: 'locality', parent_code: 'LA' },
  { area_code: 'LA:b', area_name: 'B', area_type: 'locality', parent_code: 'LA' },
  { area_code: 'LA:c', area_name: 'C', area_type: 'locality', parent_code: 'LA' },
];

describe('CountTable', () => {
  it('suppresses within a breakdown and across localities, and publishes zeros', () => {
    const table = new CountTable();
    // LA: total 20 = x 2 + y 18 + z 0. Localities: a has x 2, y 8; b has y 10.
    for (const [area, x, y] of [['LA', 2, 18], ['LA:a', 2, 8], ['LA:b', 0, 10]] as const) {
      table.set(area, 'total', x + y);
      table.set(area, 'x', x);
      table.set(area, 'y', y);
      table.set(area, 'z', 0);
      table.additive(area, 'total', ['x', 'y', 'z']);
    }
    const published = table.publish(3, areas);
    // x 2 is primary in LA and in a; y takes the secondary in each (z is 0 and always shown).
    expect(published.get('LA', 'x')).toMatchObject({ value: null, suppression_reason: 'primary' });
    expect(published.get('LA:a', 'x')).toMatchObject({ value: null, suppression_reason: 'primary' });
    expect(published.get('LA', 'y').suppressed).toBe(true);
    expect(published.get('LA:a', 'y').suppressed).toBe(true);
    expect(published.get('LA', 'z')).toMatchObject({ value: 0, suppressed: false });
    expect(published.get('LA', 'total')).toMatchObject({ value: 20, suppressed: false });
    // Never recorded: 0.
    expect(published.get('LA:c', 'total')).toMatchObject({ value: 0, suppressed: false });
    expect(published.audit()).toEqual([]);
  });

  it('leaves nothing recoverable on random tables (ages, bands, total, three localities)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ages = ['14', '15', '16', '17'];
    const localities = ['LA:a', 'LA:b', 'LA:c'];
    for (let round = 0; round < 40; round++) {
      const counts = new Map<string, Map<string, number>>(areas.map((a) => [a.area_code, new Map()]));
      for (const loc of localities) {
        for (const age of ages) {
          const n = random() < 0.3 ? 0 : Math.floor(random() * 12);
          counts.get(loc)!.set(age, n);
          counts.get('LA')!.set(age, (counts.get('LA')!.get(age) ?? 0) + n);
        }
      }
      const table = new CountTable();
      for (const [area, byAge] of counts) {
        const n = (age: string) => byAge.get(age) ?? 0;
        for (const age of ages) table.set(area, age, n(age));
        table.set(area, 'young', n('14') + n('15'));
        table.set(area, 'old', n('16') + n('17'));
        table.set(area, 'all', ages.reduce((sum, age) => sum + n(age), 0));
        table.additive(area, 'all', ages);
        table.additive(area, 'all', ['young', 'old']);
        table.additive(area, 'young', ['14', '15']);
        table.additive(area, 'old', ['16', '17']);
      }
      const published = table.publish(5, areas);
      expect(published.audit()).toEqual([]);
      for (const area of areas) {
        for (const scope of [...ages, 'young', 'old', 'all']) {
          const cell = published.get(area.area_code, scope);
          if (cell.value !== null) expect(cell.value === 0 || cell.value > 5).toBe(true);
        }
      }
    }
  });

  it('rejects counts that are not whole numbers', () => {
    expect(() => new CountTable().set('LA', 'x', 1.5)).toThrow(RangeError);
    expect(() => new CountTable().set('LA', 'x', -1)).toThrow(RangeError);
  });
});

describe('shares and statistics', () => {
  const cell = (value: number | null, reason: 'primary' | 'secondary' | null = null) => ({
    value,
    suppressed: reason !== null,
    symbol: reason === null ? null : ('c' as const),
    suppression_reason: reason,
  });
  it('hides a share when either count is hidden, and marks a zero denominator x', () => {
    expect(shareOf(cell(1), cell(4))).toMatchObject({ numerator: 1, denominator: 4, value: 25, symbol: null });
    expect(shareOf(cell(null, 'primary'), cell(40))).toMatchObject({ numerator: null, value: null, symbol: 'c', suppression_reason: 'primary' });
    expect(shareOf(cell(0), cell(null, 'secondary'))).toMatchObject({ value: null, symbol: 'c', suppression_reason: 'secondary' });
    expect(shareOf(cell(0), cell(0))).toMatchObject({ value: null, symbol: 'x', suppressed: false });
  });
  it('hides a statistic with its count', () => {
    expect(statOf(3.5, cell(10))).toEqual({ value: 3.5, suppressed: false, symbol: null });
    expect(statOf(3.5, cell(null, 'primary'))).toEqual({ value: null, suppressed: true, symbol: 'c' });
    expect(statOf(null, cell(0))).toEqual({ value: null, suppressed: false, symbol: 'x' });
  });
});
