// Exact solver for the auditor: which unknowns of a system of linear equations with integer
// coefficients are fixed to one value by it. Integer (fraction-free) Gauss-Jordan elimination
// with BigInt on sparse rows, one connected block of unknowns at a time. No floating point.

export type Coefficients = ReadonlyMap<string, bigint>;

/** sum(coefficient x variable) = constant, over variables known or unknown. */
export interface Equation {
  terms: Coefficients;
  constant: bigint;
}

export interface Solution {
  /** Unknowns the equations fix to one value (a rational; every count is whole, so it is an integer when the data are consistent). */
  pinned: Map<string, { numerator: bigint; denominator: bigint }>;
  /** Equations that cannot all hold with the known values (a published figure that contradicts another). */
  contradictions: number;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A row: column -> coefficient (never zero), and its right-hand side. */
interface Row {
  cells: Map<number, bigint>;
  rhs: bigint;
}

/** Divides a row by the gcd of its entries and makes its first (pivot) entry positive. */
function normalise(row: Row, pivot: number): void {
  let g = abs(row.rhs);
  for (const v of row.cells.values()) g = gcd(g, v);
  const sign = (row.cells.get(pivot) ?? 1n) < 0n ? -1n : 1n;
  if (g <= 1n && sign === 1n) return;
  const d = (g === 0n ? 1n : g) * sign;
  for (const [c, v] of row.cells) row.cells.set(c, v / d);
  row.rhs /= d;
}

/** row := a*row - b*other, choosing a, b to clear `column` from row (other holds `column` as its pivot). */
function eliminate(row: Row, other: Row, column: number): void {
  const x = row.cells.get(column);
  const p = other.cells.get(column);
  if (x === undefined || p === undefined) return;
  const g = gcd(x, p);
  const a = p / g;
  const b = x / g;
  if (a !== 1n) {
    for (const [c, v] of row.cells) row.cells.set(c, v * a);
    row.rhs *= a;
  }
  for (const [c, v] of other.cells) {
    const next = (row.cells.get(c) ?? 0n) - b * v;
    if (next === 0n) row.cells.delete(c);
    else row.cells.set(c, next);
  }
  row.rhs -= b * other.rhs;
}

/** Reduced row echelon form of one block, built row by row; returns the pivot rows by column. */
function reduce(rows: Row[]): { pivots: Map<number, Row>; contradictions: number } {
  const pivots = new Map<number, Row>();
  let contradictions = 0;
  for (const row of rows) {
    for (const column of [...row.cells.keys()]) {
      const pivotRow = pivots.get(column);
      if (pivotRow && row.cells.has(column)) eliminate(row, pivotRow, column);
    }
    if (row.cells.size === 0) {
      if (row.rhs !== 0n) contradictions++;
      continue;
    }
    const column = Math.min(...row.cells.keys());
    normalise(row, column);
    for (const [otherPivot, other] of pivots) {
      if (other.cells.has(column)) {
        eliminate(other, row, column);
        normalise(other, otherPivot);
      }
    }
    pivots.set(column, row);
  }
  return { pivots, contradictions };
}

/** Unknowns joined by shared equations (union-find), each block with its equations. */
function blocks(equations: { unknowns: string[]; index: number }[]): { unknowns: Set<string>; equations: number[] }[] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while ((parent.get(root) ?? root) !== root) root = parent.get(root) as string;
    let node = k;
    while (node !== root) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const e of equations) {
    for (const u of e.unknowns) if (!parent.has(u)) parent.set(u, u);
    const [first, ...rest] = e.unknowns;
    if (first === undefined) continue;
    for (const u of rest) {
      const a = find(first);
      const b = find(u);
      if (a !== b) parent.set(b, a);
    }
  }
  const byRoot = new Map<string, { unknowns: Set<string>; equations: number[] }>();
  for (const e of equations) {
    const first = e.unknowns[0];
    if (first === undefined) continue;
    const root = find(first);
    let block = byRoot.get(root);
    if (!block) byRoot.set(root, (block = { unknowns: new Set(), equations: [] }));
    for (const u of e.unknowns) block.unknowns.add(u);
    block.equations.push(e.index);
  }
  return [...byRoot.values()];
}

/**
 * Every unknown that `equations` fix to a single value, given the `known` values.
 * A variable not in `known` is unknown. Exact: integer elimination, block by block.
 */
export function solve(equations: readonly Equation[], known: ReadonlyMap<string, bigint>): Solution {
  const reduced: { unknowns: string[]; index: number; terms: [string, bigint][]; rhs: bigint }[] = [];
  let contradictions = 0;
  equations.forEach((e) => {
    let rhs = e.constant;
    const terms: [string, bigint][] = [];
    for (const [v, c] of e.terms) {
      if (c === 0n) continue;
      const k = known.get(v);
      if (k === undefined) terms.push([v, c]);
      else rhs -= c * k;
    }
    if (terms.length === 0) {
      if (rhs !== 0n) contradictions++;
      return;
    }
    reduced.push({ unknowns: terms.map(([v]) => v), index: reduced.length, terms, rhs });
  });
  const pinned: Solution['pinned'] = new Map();
  for (const block of blocks(reduced)) {
    const names = [...block.unknowns].sort();
    const column = new Map(names.map((n, i) => [n, i]));
    const rows: Row[] = block.equations.map((i) => {
      const e = reduced[i] as (typeof reduced)[number];
      const cells = new Map<number, bigint>();
      for (const [v, c] of e.terms) {
        const col = column.get(v) as number;
        const next = (cells.get(col) ?? 0n) + c;
        if (next === 0n) cells.delete(col);
        else cells.set(col, next);
      }
      return { cells, rhs: e.rhs };
    });
    const result = reduce(rows);
    contradictions += result.contradictions;
    for (const [col, row] of result.pivots) {
      if (row.cells.size !== 1) continue;
      const coefficient = row.cells.get(col) as bigint;
      const g = gcd(row.rhs, coefficient) || 1n;
      pinned.set(names[col] as string, { numerator: row.rhs / g, denominator: coefficient / g });
    }
  }
  return { pinned, contradictions };
}

/** A pinned value as an integer, or null when it is not whole (the data contradict the relations). */
export function wholeValue(v: { numerator: bigint; denominator: bigint }): bigint | null {
  return v.denominator !== 0n && v.numerator % v.denominator === 0n ? v.numerator / v.denominator : null;
}

/**
 * The equations in the same blocks (after substituting `known`) as any of `unknowns`: solving
 * only these pins those unknowns exactly as solving everything would, in a fraction of the time.
 */
export function equationsAround<E extends Equation>(equations: readonly E[], known: ReadonlyMap<string, bigint>, unknowns: ReadonlySet<string>): E[] {
  const withUnknowns = equations
    .map((e, index) => ({ e, index, unknowns: [...e.terms.keys()].filter((v) => !known.has(v) && e.terms.get(v) !== 0n) }))
    .filter((x) => x.unknowns.length > 0);
  const out: E[] = [];
  for (const block of blocks(withUnknowns.map((x, i) => ({ unknowns: x.unknowns, index: i })))) {
    if (![...block.unknowns].some((u) => unknowns.has(u))) continue;
    for (const i of block.equations) out.push((withUnknowns[i] as (typeof withUnknowns)[number]).e);
  }
  return out;
}
