import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suppress } from '../../server/disclosure/suppression.ts';
import type { Additivity, Cell, SuppressionResult } from '../../server/disclosure/suppression.ts';
import { recoverableCells } from '../../server/disclosure/audit.ts';

interface Table {
  cells: Cell[];
  groups: Additivity[];
  threshold: number;
}

/** Split `total` into `cuts.length + 1` non-negative integer parts. */
function partition(total: number, cuts: number[]): number[] {
  const points = cuts.map((c) => Math.floor((c / 1000) * total)).sort((a, b) => a - b);
  const edges = [0, ...points, total];
  return edges.slice(1).map((edge, i) => edge - edges[i]!);
}

// A total with 2–8 parts (numerators 0–50), sometimes a second breakdown of the
// same total (two breakdowns sharing the LA total), sometimes people-count
// denominators, and a threshold of 1–10.
const tables: fc.Arbitrary<Table> = fc
  .record({
    parts: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 8 }),
    extra: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 8, maxLength: 8 }),
    secondCuts: fc.option(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 7 }), { nil: null }),
    denominatorCuts: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 7, maxLength: 7 }),
    countDenominators: fc.boolean(),
    threshold: fc.integer({ min: 1, max: 10 }),
  })
  .map(({ parts, extra, secondCuts, denominatorCuts, countDenominators, threshold }) => {
    const denominators = parts.map((n, i) => n + (extra[i] ?? 0));
    const total = parts.reduce((a, b) => a + b, 0);
    const totalDenominator = denominators.reduce((a, b) => a + b, 0);
    const cell = (key: string, numerator: number, denominator: number): Cell => ({
      key,
      numerator,
      denominator: countDenominators ? denominator : denominator * 100,
      denominatorIsCount: countDenominators,
    });
    const cells = [cell('total', total, totalDenominator), ...parts.map((n, i) => cell(`a${i}`, n, denominators[i]!))];
    const groups: Additivity[] = [{ total: 'total', parts: parts.map((_, i) => `a${i}`) }];
    if (secondCuts !== null) {
      const second = partition(total, secondCuts);
      const secondDenominators = partition(totalDenominator, denominatorCuts.slice(0, second.length - 1));
      second.forEach((n, i) => cells.push(cell(`b${i}`, n, secondDenominators[i]!)));
      groups.push({ total: 'total', parts: second.map((_, i) => `b${i}`) });
    }
    return { cells, groups, threshold };
  });

// r × c tables with row, column and grand totals: many linked groups.
const crossTabs: fc.Arbitrary<Table> = fc
  .record({
    rows: fc.integer({ min: 2, max: 5 }),
    cols: fc.integer({ min: 2, max: 5 }),
    values: fc.array(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 40 })), { minLength: 25, maxLength: 25 }),
    threshold: fc.integer({ min: 1, max: 10 }),
  })
  .map(({ rows, cols, values, threshold }) => {
    const x = (i: number, j: number) => values[i * 5 + j]!;
    const cells: Cell[] = [];
    const groups: Additivity[] = [];
    const add = (key: string, numerator: number) => cells.push({ key, numerator, denominator: null, denominatorIsCount: false });
    let grand = 0;
    for (let i = 0; i < rows; i++) {
      let row = 0;
      for (let j = 0; j < cols; j++) {
        add(`x${i}_${j}`, x(i, j));
        row += x(i, j);
      }
      add(`r${i}`, row);
      grand += row;
      groups.push({ total: `r${i}`, parts: Array.from({ length: cols }, (_, j) => `x${i}_${j}`) });
    }
    for (let j = 0; j < cols; j++) {
      let col = 0;
      for (let i = 0; i < rows; i++) col += x(i, j);
      add(`c${j}`, col);
      groups.push({ total: `c${j}`, parts: Array.from({ length: rows }, (_, i) => `x${i}_${j}`) });
    }
    add('grand', grand);
    groups.push({ total: 'grand', parts: Array.from({ length: rows }, (_, i) => `r${i}`) });
    groups.push({ total: 'grand', parts: Array.from({ length: cols }, (_, j) => `c${j}`) });
    return { cells, groups, threshold };
  });

function isSmall(value: number | null, threshold: number): boolean {
  return value !== null && value >= 1 && value <= threshold;
}

function checkSafe({ cells, groups, threshold }: Table, results: Map<string, SuppressionResult>): void {
  expect(results.size).toBe(cells.length);
  for (const cell of cells) {
    const result = results.get(cell.key)!;
    // Small: the count, a people-count denominator, or the complement (denominator - numerator).
    const complement = cell.numerator !== null && cell.denominator !== null ? cell.denominator - cell.numerator : null;
    const small = isSmall(cell.numerator, threshold) || (cell.denominatorIsCount && (isSmall(cell.denominator, threshold) || isSmall(complement, threshold)));
    // (1) No small count is published; primary exactly for the small ones.
    if (small) expect(result).toMatchObject({ suppressed: true, reason: 'primary', symbol: 'c' });
    else expect(result.reason).not.toBe('primary');
    expect(result.symbol).toBe(result.suppressed ? 'c' : null);
  }
  // (2) No group has exactly one suppressed member, so no subtraction recovers one.
  for (const group of groups) {
    const n = [group.total, ...group.parts].filter((key) => results.get(key)!.suppressed).length;
    expect(n === 0 || n >= 2, `group ${group.total}: ${n} suppressed`).toBe(true);
  }
  // (3) Nor can a chain of groups solve any suppressed cell.
  expect(recoverableCells(cells, groups, results)).toEqual([]);
}

describe('suppress (properties)', () => {
  it('a total with 2–8 parts, optionally two breakdowns sharing the total', () => {
    fc.assert(
      fc.property(tables, (table) => {
        checkSafe(table, suppress(table.cells, table.groups, { threshold: table.threshold }));
      }),
      { numRuns: 2000 },
    );
  });

  it('two-way tables with margins', () => {
    fc.assert(
      fc.property(crossTabs, (table) => {
        checkSafe(table, suppress(table.cells, table.groups, { threshold: table.threshold }));
      }),
      { numRuns: 1000 },
    );
  });

  it('suppresses nothing when nothing is small', () => {
    fc.assert(
      fc.property(tables, (table) => {
        // Complements stay above every threshold too (denominator - numerator >= 100).
        const big = table.cells.map((c) => ({ ...c, numerator: (c.numerator ?? 0) + 100, denominator: (c.denominator ?? 0) + (c.numerator ?? 0) + 200 }));
        const results = suppress(big, table.groups, { threshold: table.threshold });
        expect([...results.values()].some((r) => r.suppressed)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
