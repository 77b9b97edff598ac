import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLD,
  isPrimaryDisclosive,
  publishedValue,
  suppress,
} from '../../server/disclosure/suppression.ts';
import type { Additivity, Cell } from '../../server/disclosure/suppression.ts';
import { recoverableCells } from '../../server/disclosure/audit.ts';
import { countCells, reasonOf, suppressedKeys } from './helpers.ts';

describe('primary suppression', () => {
  it('suppresses numerators 1..7 by default and never 0', () => {
    expect(DEFAULT_THRESHOLD).toBe(7);
    const cells = countCells({ zero: 0, one: 1, seven: 7, eight: 8, big: 500 });
    const results = suppress(cells, []);
    expect(suppressedKeys(results)).toEqual(['one', 'seven']);
    expect(results.get('one')).toEqual({ key: 'one', suppressed: true, symbol: 'c', reason: 'primary' });
    expect(results.get('zero')).toEqual({ key: 'zero', suppressed: false, symbol: null, reason: null });
    expect(results.size).toBe(5);
  });

  it('suppresses small people-count denominators, not small population estimates', () => {
    const cells: Cell[] = [
      // 0 of 5 young people: the numerator is publishable but the 5 is not.
      { key: 'count-denominator', numerator: 0, denominator: 5, denominatorIsCount: true },
      { key: 'count-zero', numerator: 0, denominator: 0, denominatorIsCount: true },
      { key: 'population', numerator: 0, denominator: 5, denominatorIsCount: false },
      { key: 'large', numerator: 12, denominator: 40, denominatorIsCount: true },
    ];
    expect(suppressedKeys(suppress(cells, []))).toEqual(['count-denominator']);
    expect(isPrimaryDisclosive(cells[0]!)).toBe(true);
    expect(isPrimaryDisclosive(cells[2]!)).toBe(false);
  });

  it('takes the threshold from the options', () => {
    const cells = countCells({ a: 3, b: 5, c: 9, d: 10, e: 11 });
    expect(suppressedKeys(suppress(cells, [], { threshold: 10 }))).toEqual(['a', 'b', 'c', 'd']);
    expect(suppressedKeys(suppress(cells, [], { threshold: 3 }))).toEqual(['a']);
    expect(suppressedKeys(suppress(cells, [], { threshold: 0 }))).toEqual([]);
  });

  it('leaves null cells alone', () => {
    expect(suppressedKeys(suppress(countCells({ unknown: null }), []))).toEqual([]);
  });
});

describe('secondary suppression within one breakdown', () => {
  // Plans by primary need in an LA: 60 = ASD 3 + SEMH 20 + SLCN 37.
  const cells = countCells({ total: 60, asd: 3, semh: 20, slcn: 37 });
  const groups: Additivity[] = [{ total: 'total', parts: ['asd', 'semh', 'slcn'] }];

  it('suppresses the next smallest part, not the total', () => {
    const results = suppress(cells, groups);
    expect(suppressedKeys(results)).toEqual(['asd', 'semh']);
    expect(reasonOf(results, 'asd')).toBe('primary');
    expect(reasonOf(results, 'semh')).toBe('secondary');
    expect(results.get('total')?.suppressed).toBe(false);
  });

  it('adds nothing when no cell is small, or when two already are', () => {
    expect(suppressedKeys(suppress(countCells({ total: 60, a: 30, b: 30 }), [{ total: 'total', parts: ['a', 'b'] }]))).toEqual([]);
    const two = suppress(countCells({ total: 60, a: 3, b: 4, c: 53 }), [{ total: 'total', parts: ['a', 'b', 'c'] }]);
    expect(suppressedKeys(two)).toEqual(['a', 'b']);
    expect(reasonOf(two, 'b')).toBe('primary');
  });

  it('never suppresses a zero on its own, nor picks it as the secondary cell', () => {
    // 20 = A 0 + B 20: nothing is small.
    expect(suppressedKeys(suppress(countCells({ t: 20, a: 0, b: 20 }), [{ total: 't', parts: ['a', 'b'] }]))).toEqual([]);
    // 20 = A 0 + B 3 + C 17: B is small; a zero beside it would only say A + B = 3, so the
    // second suppression is the smallest non-zero part (issue 13).
    const results = suppress(countCells({ t: 20, a: 0, b: 3, c: 17 }), [{ total: 't', parts: ['a', 'b', 'c'] }]);
    expect(suppressedKeys(results)).toEqual(['b', 'c']);
    expect(reasonOf(results, 'c')).toBe('secondary');
  });

  it('breaks ties by key', () => {
    const results = suppress(countCells({ t: 44, small: 4, b: 20, a: 20 }), [{ total: 't', parts: ['small', 'b', 'a'] }]);
    expect(suppressedKeys(results)).toEqual(['a', 'small']);
  });

  it('falls back to the total when no part can be suppressed', () => {
    // The other part is unknown (null): only the total is left to hide.
    const results = suppress(countCells({ t: 30, small: 5, unknown: null }), [{ total: 't', parts: ['small', 'unknown'] }]);
    expect(suppressedKeys(results)).toEqual(['small', 't']);
    expect(reasonOf(results, 't')).toBe('secondary');
  });

  it('protects a small total whose parts would otherwise add up to it', () => {
    // A locality total of 6 = 6 + 0: total and its only non-zero part are both primary.
    const results = suppress(countCells({ north: 6, asd: 6, sld: 0 }), [{ total: 'north', parts: ['asd', 'sld'] }]);
    expect(suppressedKeys(results)).toEqual(['asd', 'north']);
  });
});

describe('secondary suppression across groups', () => {
  it('propagates through a total shared by two breakdowns', () => {
    // LA total 40 = F ? + M 3 (F not available, null): M is small and the only
    // other member that can be hidden is the LA total. That total also heads the
    // age breakdown (40 = 10 + 12 + 18), which then needs a second cell: age0.
    const cells = countCells({ la: 40, f: null, m: 3, age0: 10, age5: 12, age11: 18 });
    const groups: Additivity[] = [
      { total: 'la', parts: ['f', 'm'] },
      { total: 'la', parts: ['age0', 'age5', 'age11'] },
    ];
    const results = suppress(cells, groups);
    expect(suppressedKeys(results)).toEqual(['age0', 'la', 'm']);
    expect(reasonOf(results, 'la')).toBe('secondary');
    expect(reasonOf(results, 'age0')).toBe('secondary');
  });

  it('propagates around a two-way table (sex × locality)', () => {
    // Inner cells F-N 3, F-S 20, M-N 30, M-S 40; margins F 23, M 70, N 33, S 60, total 93.
    // F-N is small → row F needs F-S → column S needs M-S; column N needs M-N.
    const cells = countCells({ fN: 3, fS: 20, mN: 30, mS: 40, f: 23, m: 70, n: 33, s: 60, t: 93 });
    const groups: Additivity[] = [
      { total: 'f', parts: ['fN', 'fS'] },
      { total: 'm', parts: ['mN', 'mS'] },
      { total: 'n', parts: ['fN', 'mN'] },
      { total: 's', parts: ['fS', 'mS'] },
      { total: 't', parts: ['f', 'm'] },
      { total: 't', parts: ['n', 's'] },
    ];
    const results = suppress(cells, groups);
    expect(suppressedKeys(results)).toEqual(['fN', 'fS', 'mN', 'mS']);
    expect(recoverableCells(cells, groups, results)).toEqual([]);
  });

  it('is deterministic: same input, same output', () => {
    const cells = countCells({ t: 50, a: 2, b: 9, c: 9, d: 30 });
    const groups: Additivity[] = [{ total: 't', parts: ['a', 'b', 'c', 'd'] }];
    expect(suppress(cells, groups)).toEqual(suppress(cells, groups));
    expect(suppressedKeys(suppress(cells, groups))).toEqual(['a', 'b']);
  });

  it('closes a chain that the per-group rule alone leaves solvable (audit)', () => {
    // A 5 × 4 table with row and column totals, found by random search, where the
    // per-group rule left x42 (= 1) solvable: rows 1 and 3 and columns 0 and 2
    // form a closed loop of suppressions, and x42 hangs off column 2.
    const x = [
      [29, 13, 37, 4],
      [3, 11, 4, 13],
      [16, 5, 23, 4],
      [11, 38, 1, 19],
      [14, 6, 1, 7],
    ];
    const values: Record<string, number> = {};
    const groups: Additivity[] = [];
    x.forEach((row, i) => {
      row.forEach((v, j) => (values[`x${i}${j}`] = v));
      values[`r${i}`] = row.reduce((a, b) => a + b, 0);
      groups.push({ total: `r${i}`, parts: row.map((_, j) => `x${i}${j}`) });
    });
    x[0]!.forEach((_, j) => {
      values[`c${j}`] = x.reduce((a, row) => a + row[j]!, 0);
      groups.push({ total: `c${j}`, parts: x.map((_, i) => `x${i}${j}`) });
    });
    const cells = countCells(values);
    const results = suppress(cells, groups);
    expect(recoverableCells(cells, groups, results)).toEqual([]);
    for (const group of groups) {
      const n = [group.total, ...group.parts].filter((k) => results.get(k)?.suppressed).length;
      expect(n === 0 || n >= 2).toBe(true);
    }
  });
});

describe('validation and publishing', () => {
  it('rejects wiring mistakes loudly', () => {
    const cells = countCells({ t: 10, a: 5, b: 5 });
    expect(() => suppress(cells, [{ total: 't', parts: ['a', 'missing'] }])).toThrow(/unknown cell: missing/);
    expect(() => suppress(cells, [{ total: 't', parts: ['a', 'a'] }])).toThrow(/twice/);
    expect(() => suppress([...cells, ...countCells({ t: 1 })], [])).toThrow(/duplicate/);
    expect(() => suppress(countCells({ a: -1 }), [])).toThrow(RangeError);
    expect(() => suppress(cells, [], { threshold: 2.5 })).toThrow(RangeError);
  });

  it('publishes the value or c, and refuses unchecked cells', () => {
    const results = suppress(countCells({ small: 2, big: 200 }), []);
    expect(publishedValue(2, results.get('small'))).toBe('c');
    expect(publishedValue(200, results.get('big'))).toBe(200);
    expect(() => publishedValue(5, results.get('never-checked'))).toThrow();
  });
});
