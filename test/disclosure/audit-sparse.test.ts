import { describe, expect, it } from 'vitest';
import { isAlone, reduceRows, solvedColumns, type SparseRow } from '../../server/disclosure/audit.ts';

// The audit's elimination on sparse rows (issue 19: blocks of thousands of unknowns in a region's
// hierarchy) must fix exactly the columns the dense elimination it replaced fixed, although it
// takes its pivots sparsest first rather than in column order. The dense pass is kept here, as it
// was in server/disclosure/audit.ts, and both run on the same systems: random sums of ±1 like the
// additivity groups (a total minus its parts), chains and hierarchies of them. The weights it keeps
// for each solved column (its certificate, used to choose what to suppress) must give that column
// alone when applied to the original equations.

const EPS = 1e-9;

/** The dense reduced row echelon form with partial pivoting (audit.ts before issue 19, unchanged). */
function denseSolvedColumns(rows: number[][], width: number): number[] {
  const pivotRowOfColumn = new Map<number, number[]>();
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) {
      if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    }
    if (Math.abs(rows[best]![c]!) < EPS) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]!;
    const scale = pivot[c]!;
    for (let j = 0; j < width; j++) pivot[j] = pivot[j]! / scale;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const row = rows[i]!;
      const factor = row[c]!;
      if (Math.abs(factor) < EPS) continue;
      for (let j = 0; j < width; j++) row[j] = row[j]! - factor * pivot[j]!;
    }
    pivotRowOfColumn.set(c, pivot);
    r++;
  }
  const solved: number[] = [];
  for (const [c, row] of pivotRowOfColumn) {
    if (row.every((value, j) => j === c || Math.abs(value) < EPS)) solved.push(c);
  }
  return solved;
}

/** A seeded generator (mulberry32): the same systems on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Equations total − Σ parts over `width` unknowns: some random, some nested (parts of parts), some repeated. */
function system(seed: number): { dense: number[][]; sparse: SparseRow[]; width: number } {
  const rand = random(seed);
  const width = 2 + Math.floor(rand() * 40);
  const count = 1 + Math.floor(rand() * width * 1.2);
  const dense: number[][] = [];
  for (let e = 0; e < count; e++) {
    const row = new Array<number>(width).fill(0);
    const size = 1 + Math.floor(rand() * Math.min(6, width));
    const start = Math.floor(rand() * width);
    for (let k = 0; k < size; k++) {
      const j = rand() < 0.6 ? (start + k) % width : Math.floor(rand() * width);
      row[j] = (row[j] ?? 0) + (k === 0 ? 1 : -1);
    }
    dense.push(row);
    if (rand() < 0.1) dense.push([...row]);
  }
  const sparse = dense.map((row) => new Map(row.flatMap((v, j) => (v === 0 ? [] : [[j, v] as [number, number]]))));
  return { dense, sparse, width };
}

describe('solvedColumns (sparse) against the dense elimination', () => {
  it('fixes the same columns on 3,000 random systems of ±1 sums', () => {
    let solvedSomething = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const { dense, sparse, width } = system(seed);
      const expected = denseSolvedColumns(dense, width).sort((a, b) => a - b);
      expect(solvedColumns(sparse, width).sort((a, b) => a - b), `seed ${seed}`).toEqual(expected);
      if (expected.length > 0) solvedSomething++;
    }
    // The systems are not all trivial either way.
    expect(solvedSomething).toBeGreaterThan(300);
    expect(solvedSomething).toBeLessThan(2900);
  });

  it('fixes a cell of a total = parts chain and leaves a two-unknown group free', () => {
    // x0 = x1 + x2, x1 known by a one-unknown equation (x1 = 0 here, relative to the known values), x2 free with x3.
    const rows: SparseRow[] = [new Map([[0, 1], [1, -1], [2, -1]]), new Map([[1, 1]]), new Map([[2, 1], [3, -1]])];
    expect(solvedColumns(rows, 4).sort()).toEqual([1]);
  });

  it("keeps, for every solved column, weights on the original equations whose sum is that column alone (2,000 systems)", () => {
    let checked = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const { sparse, width } = system(seed);
      const original = sparse.map((row) => new Map(row));
      const combos: SparseRow[] = sparse.map((_, i) => new Map([[i, 1]]));
      const pivots = reduceRows(sparse, width, combos);
      for (const [c, i] of pivots) {
        if (!isAlone(sparse[i]!, c)) continue;
        const sum = new Map<number, number>();
        for (const [row, w] of combos[i]!) for (const [j, v] of original[row]!) sum.set(j, (sum.get(j) ?? 0) + w * v);
        for (const [j, v] of sum) expect(Math.abs(v - (j === c ? 1 : 0)), `seed ${seed}, column ${c}, entry ${j}`).toBeLessThan(1e-9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});
