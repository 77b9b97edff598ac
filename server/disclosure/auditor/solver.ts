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
interface Row<K = number> {
  cells: Map<K, bigint>;
  rhs: bigint;
}

/** Divides a row by the gcd of its entries and makes its first (pivot) entry positive. */
function normalise<K>(row: Row<K>, pivot: K): void {
  let g = abs(row.rhs);
  for (const v of row.cells.values()) g = gcd(g, v);
  const sign = (row.cells.get(pivot) ?? 1n) < 0n ? -1n : 1n;
  if (g <= 1n && sign === 1n) return;
  const d = (g === 0n ? 1n : g) * sign;
  for (const [c, v] of row.cells) row.cells.set(c, v / d);
  row.rhs /= d;
}

/**
 * row := a*row - b*other, choosing a, b to clear `column` from row (other holds `column` as its
 * pivot). `track` hears of each column that appears in or leaves the row.
 */
function eliminate<K>(row: Row<K>, other: Row<K>, column: K, track?: (c: K, present: boolean) => void): void {
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
    const before = row.cells.get(c);
    const next = (before ?? 0n) - b * v;
    if (next === 0n) {
      row.cells.delete(c);
      if (before !== undefined) track?.(c, false);
    } else {
      row.cells.set(c, next);
      if (before === undefined) track?.(c, true);
    }
  }
  row.rhs -= b * other.rhs;
}

/**
 * Reduced row echelon form of one block, built row by row; returns the pivot rows by column.
 * `holders` indexes which pivot rows hold each column, so a new pivot clears its column from
 * exactly those rows instead of scanning them all.
 */
function reduce(rows: Row[]): { pivots: Map<number, Row>; contradictions: number } {
  const pivots = new Map<number, Row>();
  const holders = new Map<number, Set<number>>();
  const hold = (c: number, pivot: number, present: boolean) => {
    let set = holders.get(c);
    if (!set) holders.set(c, (set = new Set()));
    if (present) set.add(pivot);
    else set.delete(pivot);
  };
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
    let column = Infinity;
    for (const c of row.cells.keys()) if (c < column) column = c;
    normalise(row, column);
    for (const otherPivot of [...(holders.get(column) ?? [])]) {
      const other = pivots.get(otherPivot) as Row;
      eliminate(other, row, column, (c, present) => hold(c, otherPivot, present));
      normalise(other, otherPivot);
    }
    holders.delete(column);
    for (const c of row.cells.keys()) if (c !== column) hold(c, column, true);
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

interface Active {
  terms: Map<string, bigint>;
  rhs: bigint;
}

/** Substitutes the known values; equations left with no unknown only count as contradictions. */
function substitute(equations: readonly Equation[], known: ReadonlyMap<string, bigint>): { active: Active[]; contradictions: number } {
  const active: Active[] = [];
  let contradictions = 0;
  for (const e of equations) {
    let rhs = e.constant;
    const terms = new Map<string, bigint>();
    for (const [v, c] of e.terms) {
      if (c === 0n) continue;
      const k = known.get(v);
      if (k === undefined) terms.set(v, (terms.get(v) ?? 0n) + c);
      else rhs -= c * k;
    }
    for (const [v, c] of terms) if (c === 0n) terms.delete(v);
    if (terms.size === 0) {
      if (rhs !== 0n) contradictions++;
    } else active.push({ terms, rhs });
  }
  return { active, contradictions };
}

/**
 * Cheap exact steps before elimination: an equation with one unknown pins it (and is substituted
 * everywhere); an unknown in only one equation can absorb any value, so that equation is set aside
 * (it pins its lone unknown only if everything else in it is pinned: back-substituted at the end).
 */
function peel(active: Active[], pinned: Solution['pinned']): { rest: Active[]; setAside: { v: string; e: Active }[]; contradictions: number } {
  const uses = new Map<string, Set<number>>();
  active.forEach((e, i) => {
    for (const v of e.terms.keys()) {
      let set = uses.get(v);
      if (!set) uses.set(v, (set = new Set()));
      set.add(i);
    }
  });
  const alive = new Set(active.map((_, i) => i));
  const setAside: { v: string; e: Active }[] = [];
  let contradictions = 0;
  const queue = [...alive];
  const drop = (i: number) => {
    alive.delete(i);
    for (const v of (active[i] as Active).terms.keys()) {
      const set = uses.get(v);
      set?.delete(i);
      if (set && set.size === 1) queue.push(...set);
    }
  };
  while (queue.length > 0) {
    const i = queue.pop() as number;
    if (!alive.has(i)) continue;
    const e = active[i] as Active;
    if (e.terms.size === 0) {
      if (e.rhs !== 0n) contradictions++;
      drop(i);
    } else if (e.terms.size === 1) {
      const [v, c] = [...e.terms][0] as [string, bigint];
      if (e.rhs % c !== 0n) continue; // not whole: left to elimination, which keeps it exact
      const value = e.rhs / c;
      pinned.set(v, { numerator: value, denominator: 1n });
      drop(i);
      for (const j of [...(uses.get(v) ?? [])]) {
        const other = active[j] as Active;
        other.rhs -= (other.terms.get(v) as bigint) * value;
        other.terms.delete(v);
        uses.get(v)?.delete(j);
        queue.push(j);
      }
    } else {
      const lone = [...e.terms.keys()].find((v) => uses.get(v)?.size === 1);
      if (lone === undefined) continue;
      setAside.push({ v: lone, e });
      drop(i);
    }
  }
  return { rest: [...alive].map((i) => active[i] as Active), setAside, contradictions };
}

/** Elimination of what peeling left, block by block; the pivot rows come back keyed by name. */
function eliminateBlocks(rest: Active[], pinned: Solution['pinned'], pivotsByName: Map<string, Row<string>>): number {
  let contradictions = 0;
  const indexed = rest.map((e, index) => ({ unknowns: [...e.terms.keys()], index }));
  for (const block of blocks(indexed)) {
    const names = [...block.unknowns].sort();
    const column = new Map(names.map((n, i) => [n, i]));
    const rows: Row[] = block.equations.map((i) => {
      const e = rest[i] as Active;
      return { cells: new Map([...e.terms].map(([v, c]) => [column.get(v) as number, c])), rhs: e.rhs };
    });
    const result = reduce(rows);
    contradictions += result.contradictions;
    for (const [col, row] of result.pivots) {
      pivotsByName.set(names[col] as string, { cells: new Map([...row.cells].map(([c, v]) => [names[c] as string, v])), rhs: row.rhs });
      if (row.cells.size !== 1) continue;
      const coefficient = row.cells.get(col) as bigint;
      const g = gcd(row.rhs, coefficient) || 1n;
      pinned.set(names[col] as string, { numerator: row.rhs / g, denominator: coefficient / g });
    }
  }
  return contradictions;
}

/**
 * A set-aside equation becomes the pivot row of its lone unknown: reduced against the pivot rows
 * already there, it pins that unknown when no free unknown is left in it (the others need not be
 * pinned one by one: only their combination in it must be fixed).
 */
function restore(setAside: { v: string; e: Active }[], pivots: Map<string, Row<string>>, pinned: Solution['pinned']): void {
  for (const { v, e } of [...setAside].reverse()) {
    const row: Row<string> = { cells: new Map(e.terms), rhs: e.rhs };
    for (const u of [...row.cells.keys()]) {
      const pivot = u === v ? undefined : pivots.get(u);
      if (pivot && row.cells.has(u)) eliminate(row, pivot, u);
    }
    normalise(row, v);
    pivots.set(v, row);
    if (row.cells.size !== 1) continue;
    const coefficient = row.cells.get(v) as bigint;
    const g = gcd(row.rhs, coefficient) || 1n;
    pinned.set(v, { numerator: row.rhs / g, denominator: coefficient / g });
  }
}

/**
 * Every unknown that `equations` fix to a single value, given the `known` values.
 * A variable not in `known` is unknown. Exact: peeling, then integer elimination block by block.
 */
export function solve(equations: readonly Equation[], known: ReadonlyMap<string, bigint>): Solution {
  const pinned: Solution['pinned'] = new Map();
  const substituted = substitute(equations, known);
  const peeled = peel(substituted.active, pinned);
  const pivots = new Map<string, Row<string>>();
  // Values pinned while peeling are pivot rows too (v = value), for the set-aside equations.
  for (const [v, r] of pinned) pivots.set(v, { cells: new Map([[v, r.denominator]]), rhs: r.numerator });
  const contradictions = substituted.contradictions + peeled.contradictions + eliminateBlocks(peeled.rest, pinned, pivots);
  restore(peeled.setAside, pivots, pinned);
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
