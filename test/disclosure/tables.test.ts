import { describe, expect, it } from 'vitest';
import { CountTable, countCell, exactGroups, group, published, ratioCell, shareOf, statOf, suppressTable, suppressWithFixed } from '../../server/disclosure/tables.ts';
import type { Area } from '../../contract/common.ts';
import { recoverableCells, suppress } from '../../server/disclosure/index.ts';

// The analytics disclosure module (server/disclosure/tables.ts): exact groups, suppression by
// independent pieces, cross-tabs whose margins are published elsewhere with their own suppression,
// and the count table behind the insight endpoints (declared sums and LA = sum of localities,
// zeros published, the result audited) with its response cells.

describe('exactGroups', () => {
  it('keeps groups whose parts add up to the total, and drops over-counting ones', () => {
    // Children by commissioner within a category: 5 = 3 + 2 (exact); 5 < 3 + 3 (a child with two commissioners).
    const cells = [countCell('t', 5), countCell('a', 3), countCell('b', 2), countCell('c', 3)];
    expect(exactGroups([group('t', ['a', 'b']), group('t', ['a', 'c'])], cells)).toEqual([group('t', ['a', 'b'])]);
  });
  it('checks count denominators too', () => {
    const cells = [ratioCell('t', 2, 10), ratioCell('a', 1, 6), ratioCell('b', 1, 4), ratioCell('c', 1, 5)];
    expect(exactGroups([group('t', ['a', 'b']), group('t', ['a', 'c'])], cells).map((g) => g.parts)).toEqual([['a', 'b']]);
  });
});

describe('suppressTable', () => {
  it('gives the same result as suppress on one piece, and suppresses unlinked pieces separately', () => {
    // Piece 1: total 20 = 3 + 17 -> 3 primary, 17 secondary. Piece 2: total 30 = 15 + 15 -> nothing.
    const cells = [countCell('t1', 20), countCell('a', 3), countCell('b', 17), countCell('t2', 30), countCell('c', 15), countCell('d', 15)];
    const groups = [group('t1', ['a', 'b']), group('t2', ['c', 'd'])];
    const split = suppressTable(cells, groups, 7);
    const whole = suppress(cells, groups, { threshold: 7 });
    expect([...split.values()].filter((r) => r.suppressed).map((r) => [r.key, r.reason]).sort()).toEqual([
      ['a', 'primary'],
      ['b', 'secondary'],
    ]);
    for (const [key, r] of whole) expect(split.get(key)).toEqual(r);
  });
  it('ignores empty groups and a part that is its own total', () => {
    const cells = [countCell('t', 9), countCell('a', 9)];
    const r = suppressTable(cells, [group('t', []), group('t', ['t', 'a'])], 7);
    expect([...r.values()].every((x) => !x.suppressed)).toBe(true);
  });
  it('refuses a group that names an unknown cell', () => {
    expect(() => suppressTable([countCell('t', 9)], [group('t', ['nope'])], 7)).toThrow(/unknown cell/);
  });
});

describe('suppressWithFixed', () => {
  // A 2 x 2 cross-tab whose margins an indicator publishes:
  //        n1  n2 | all
  //   s1   10   3 |  13
  //   s2   12  20 |  32
  //  all   22  23 |  45
  const cells = [
    ['s1|n1', 10], ['s1|n2', 3], ['s2|n1', 12], ['s2|n2', 20],
    ['s1|all', 13], ['s2|all', 32], ['all|n1', 22], ['all|n2', 23], ['all|all', 45],
  ].map(([k, n]) => countCell(k as string, n as number));
  const groups = [
    group('s1|all', ['s1|n1', 's1|n2']), group('s2|all', ['s2|n1', 's2|n2']),
    group('all|n1', ['s1|n1', 's2|n1']), group('all|n2', ['s1|n2', 's2|n2']),
    group('all|all', ['s1|all', 's2|all']), group('all|all', ['all|n1', 'all|n2']),
  ];
  const margins = ['s1|all', 's2|all', 'all|n1', 'all|n2', 'all|all'];

  it('keeps published margins published and protects the interior', () => {
    // Margins all published elsewhere. s1|n2 = 3 is primary; with every margin known, its row and column give it
    //   away unless a second cell in each goes: s1|n1 (10, the other part of s1's row), then s2|n1 (n1's column has
    //   one) and s2|n2 (n2's column has one), leaving the 2 x 2 block suppressed: nothing in it can be solved.
    const fixed = new Map(margins.map((k) => [k, false]));
    const r = suppressWithFixed(cells, groups, 7, fixed);
    expect(margins.every((k) => r.get(k)?.suppressed === false)).toBe(true);
    expect(['s1|n1', 's1|n2', 's2|n1', 's2|n2'].every((k) => r.get(k)?.suppressed)).toBe(true);
    expect(recoverableCells(cells, groups, r)).toEqual([]);
  });

  it('keeps margins suppressed elsewhere suppressed, and stops the interior giving them away', () => {
    // No small cell (10 8 / 12 20, rows 18 and 32, columns 22 and 28, total 50), but the indicator suppressed both
    //   row margins (as it must: one alone would be 50 minus the other). Published interior cells would give them
    //   back (18 = 10 + 8), so the audit suppresses interior cells until no margin or cell can be solved:
    //   s1|n2 (8, the smallest in s1's row), which n2's column then gives (28 - 20), so s1|n1 (10), which n1's
    //   column gives (22 - 12), so s2|n1, and then s2|n2: the whole interior.
    const fixed = new Map(margins.map((k) => [k, k === 's1|all' || k === 's2|all']));
    const r = suppressWithFixed(countCellsAllBig(), groups, 7, fixed);
    expect(r.get('s1|all')?.suppressed).toBe(true);
    expect(r.get('s2|all')?.suppressed).toBe(true);
    expect(['all|n1', 'all|n2', 'all|all'].every((k) => r.get(k)?.suppressed === false)).toBe(true);
    expect(['s1|n1', 's1|n2', 's2|n1', 's2|n2'].every((k) => r.get(k)?.suppressed)).toBe(true);
    expect(recoverableCells(countCellsAllBig(), groups, r)).toEqual([]);
  });

  function countCellsAllBig() {
    // The same table with no small cell: 10 8 / 12 20.
    return [
      ['s1|n1', 10], ['s1|n2', 8], ['s2|n1', 12], ['s2|n2', 20],
      ['s1|all', 18], ['s2|all', 32], ['all|n1', 22], ['all|n2', 28], ['all|all', 50],
    ].map(([k, n]) => countCell(k as string, n as number));
  }
});

describe('published', () => {
  it('gives c for suppressed, x for nothing to show, the value otherwise', () => {
    const r = (suppressed: boolean) => ({ key: 'k', suppressed, symbol: suppressed ? ('c' as const) : null, reason: suppressed ? ('primary' as const) : null });
    expect(published(3, r(true))).toEqual({ value: null, symbol: 'c' });
    expect(published(null, r(false))).toEqual({ value: null, symbol: 'x' });
    expect(published(0, r(false))).toEqual({ value: 0, symbol: null });
    expect(() => published(1, undefined)).toThrow(/no suppression result/);
  });
});

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
