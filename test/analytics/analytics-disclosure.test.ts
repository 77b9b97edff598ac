import { describe, expect, it } from 'vitest';
import { countCell, exactGroups, group, published, ratioCell, suppressTable, suppressWithFixed } from '../../server/analytics/disclosure.ts';
import { recoverableCells, suppress } from '../../server/disclosure/index.ts';

// The analytics wrappers around server/disclosure: exact groups, suppression by independent
// pieces, and cross-tabs whose margins are published elsewhere with their own suppression.

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
