import { describe, expect, it } from 'vitest';
import { recoverableCells } from '../../server/disclosure/audit.ts';
import { suppress } from '../../server/disclosure/suppression.ts';
import type { Additivity, Cell, SuppressionResult } from '../../server/disclosure/suppression.ts';
import { countCells } from './helpers.ts';

/** A hand-made suppression pattern, independent of `suppress`. */
function pattern(keys: string[], suppressed: string[]): Map<string, SuppressionResult> {
  return new Map(
    keys.map((key) => {
      const hidden = suppressed.includes(key);
      return [key, { key, suppressed: hidden, symbol: hidden ? 'c' : null, reason: hidden ? 'primary' : null }];
    }),
  );
}

describe('recoverableCells', () => {
  const cells = countCells({ t: 30, a: 3, b: 12, c: 15 });
  const groups: Additivity[] = [{ total: 't', parts: ['a', 'b', 'c'] }];
  const keys = cells.map((c) => c.key);

  it('finds a lone suppressed cell in a group (total minus the others)', () => {
    expect(recoverableCells(cells, groups, pattern(keys, ['a']))).toEqual(['a']);
    expect(recoverableCells(cells, groups, pattern(keys, ['t']))).toEqual(['t']);
  });

  it('finds nothing when two members of the group are hidden', () => {
    expect(recoverableCells(cells, groups, pattern(keys, ['a', 'b']))).toEqual([]);
    expect(recoverableCells(cells, groups, pattern(keys, ['a', 't']))).toEqual([]);
    expect(recoverableCells(cells, groups, pattern(keys, []))).toEqual([]);
  });

  it('treats a null cell as unknown', () => {
    const withNull = countCells({ t: 30, a: 3, b: null });
    const results = pattern(['t', 'a', 'b'], ['a']);
    expect(recoverableCells(withNull, [{ total: 't', parts: ['a', 'b'] }], results)).toEqual([]);
  });

  it('checks count denominators as well as numerators', () => {
    // a (3 of 10) is hidden; b shows only its denominator (30 of a total 40), so
    // a's numerator is safe but its denominator is 40 − 30 = 10.
    const mixed: Cell[] = [
      { key: 't', numerator: 20, denominator: 40, denominatorIsCount: true },
      { key: 'a', numerator: 3, denominator: 10, denominatorIsCount: true },
      { key: 'b', numerator: null, denominator: 30, denominatorIsCount: true },
    ];
    const group: Additivity[] = [{ total: 't', parts: ['a', 'b'] }];
    expect(recoverableCells(mixed, group, pattern(['t', 'a', 'b'], ['a']))).toEqual(['a']);
    // suppress() hides the total as well (b has no numerator to rank it by).
    const results = suppress(mixed, group);
    expect([...results.values()].filter((r) => r.suppressed).map((r) => r.key).sort()).toEqual(['a', 't']);
    expect(recoverableCells(mixed, group, results)).toEqual([]);
    // With population denominators nothing about the denominator is protected.
    const population = mixed.map((c) => ({ ...c, denominatorIsCount: false }));
    expect(recoverableCells(population, group, pattern(['t', 'a', 'b'], ['a']))).toEqual([]);
  });

  it('finds a bridge between two closed loops in a cross-tabulation', () => {
    // 4 × 4 table with row totals r1..r4 and column totals c1..c4. Suppressed:
    // the loop x11 x12 x21 x22, the loop x33 x34 x43 x44, and x23 joining them.
    // Every row and column has 0 or >= 2 suppressed cells, yet
    // (r1 + r2) − (c1 + c2) = x23 − (known cells), so x23 is exactly solvable.
    const values: Record<string, number> = {};
    const groups4: Additivity[] = [];
    for (let i = 1; i <= 4; i++) {
      values[`r${i}`] = 40;
      values[`c${i}`] = 40;
      for (let j = 1; j <= 4; j++) values[`x${i}${j}`] = 10;
      groups4.push({ total: `r${i}`, parts: [1, 2, 3, 4].map((j) => `x${i}${j}`) });
    }
    for (let j = 1; j <= 4; j++) groups4.push({ total: `c${j}`, parts: [1, 2, 3, 4].map((i) => `x${i}${j}`) });
    const table = countCells(values);
    const hidden = ['x11', 'x12', 'x21', 'x22', 'x33', 'x34', 'x43', 'x44', 'x23'];
    const results = pattern(Object.keys(values), hidden);
    for (const group of groups4) {
      const n = [group.total, ...group.parts].filter((k) => hidden.includes(k)).length;
      expect(n === 0 || n >= 2).toBe(true);
    }
    expect(recoverableCells(table, groups4, results)).toEqual(['x23']);
    // Without the bridge, the two loops on their own are safe.
    const loopsOnly = pattern(Object.keys(values), hidden.filter((k) => k !== 'x23'));
    expect(recoverableCells(table, groups4, loopsOnly)).toEqual([]);
  });
});
