import { recoverableCells, suppress, type Additivity, type Cell, type SuppressionResult } from '../disclosure/index.ts';
import type { Value } from './contract.ts';

// Disclosure control for the analytics tables, on top of server/disclosure: counts become
// cells, the additivity groups of each table (row and column margins, the LA and its
// localities) are passed to `suppress`, and published values carry 'c' when suppressed.

export type Results = Map<string, SuppressionResult>;

/** A count of people or events (numerator only). */
export const countCell = (key: string, value: number): Cell => ({ key, numerator: value, denominator: null, denominatorIsCount: false });

/** A count of children out of a count of children: both are disclosive when small. */
export const ratioCell = (key: string, numerator: number, denominator: number): Cell => ({
  key,
  numerator,
  denominator,
  denominatorIsCount: true,
});

/** A group whose total and parts are all cells; parts must be distinct and not the total. */
export const group = (total: string, parts: string[]): Additivity => ({ total, parts });

/**
 * Keeps the groups whose parts add up exactly to the total in these data. For tables that
 * count distinct children, a child can sit in two parts (lines from two commissioners, say),
 * so the parts over-count the total; such a group is no equation a reader could solve, and
 * adding it would only suppress cells for nothing. An exactly additive group is kept.
 */
export function exactGroups(groups: readonly Additivity[], cells: readonly Cell[]): Additivity[] {
  const byKey = new Map(cells.map((c) => [c.key, c]));
  const sum = (keys: string[], pick: (c: Cell) => number | null): number | null => {
    let total = 0;
    for (const key of keys) {
      const v = pick(byKey.get(key) as Cell);
      if (v === null) return null;
      total += v;
    }
    return total;
  };
  return groups.filter((g) => {
    const total = byKey.get(g.total);
    if (!total || g.parts.length === 0) return false;
    const numeratorsAdd = total.numerator === null || sum(g.parts, (c) => c.numerator) === total.numerator;
    const denominatorsAdd = !total.denominatorIsCount || total.denominator === null || sum(g.parts, (c) => c.denominator) === total.denominator;
    return numeratorsAdd && denominatorsAdd;
  });
}

/** Drops groups with fewer than one part and parts equal to the total (nothing to subtract). */
function usable(groups: readonly Additivity[]): Additivity[] {
  return groups
    .map((g) => ({ total: g.total, parts: [...new Set(g.parts)].filter((p) => p !== g.total) }))
    .filter((g) => g.parts.length > 0);
}

/**
 * `suppress` over independent pieces: cells linked through groups are suppressed together,
 * unlinked pieces separately (the same rules; the recoverability audit is cubic in the number
 * of suppressed cells, so small pieces keep it fast).
 */
export function suppressTable(cells: readonly Cell[], groups: readonly Additivity[], threshold: number): Results {
  const clean = usable(groups);
  const parent = new Map(cells.map((c) => [c.key, c.key]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    let node = k;
    while (parent.get(node) !== root) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const g of clean) {
    for (const key of [g.total, ...g.parts]) {
      if (!parent.has(key)) throw new Error(`additivity group for ${g.total} refers to unknown cell: ${key}`);
    }
    const root = find(g.total);
    for (const p of g.parts) parent.set(find(p), root);
  }
  const pieces = new Map<string, { cells: Cell[]; groups: Additivity[] }>();
  const piece = (key: string) => {
    const root = find(key);
    let p = pieces.get(root);
    if (!p) {
      p = { cells: [], groups: [] };
      pieces.set(root, p);
    }
    return p;
  };
  for (const c of cells) piece(c.key).cells.push(c);
  for (const g of clean) piece(g.total).groups.push(g);
  const results: Results = new Map();
  for (const p of pieces.values()) {
    for (const [key, r] of suppress(p.cells, p.groups, { threshold })) results.set(key, r);
  }
  return results;
}

/**
 * As `suppressTable`, for a table some of whose cells are published elsewhere with their own
 * suppression (the margins of a cross-tab that an indicator already publishes). Those cells
 * keep the status given in `fixed` (true = suppressed there); only the other cells may be
 * suppressed here. After the ordinary pass, the fixed statuses are imposed and the pattern is
 * audited (`recoverableCells`) until no suppressed cell, fixed or not, can be solved from what
 * either place publishes: each round suppresses the free cell with the smallest count in the
 * groups around a recoverable cell (widening to the whole table if those have none).
 */
export function suppressWithFixed(
  cells: readonly Cell[],
  groups: readonly Additivity[],
  threshold: number,
  fixed: ReadonlyMap<string, boolean>,
): Results {
  const clean = usable(groups);
  const results = suppressTable(cells, clean, threshold);
  const set = (key: string, suppressed: boolean, reason: SuppressionResult['reason']) =>
    results.set(key, { key, suppressed, symbol: suppressed ? 'c' : null, reason: suppressed ? reason : null });
  for (const [key, suppressed] of fixed) {
    if (results.has(key)) set(key, suppressed, suppressed ? 'secondary' : null);
  }
  const free = cells.filter((c) => !fixed.has(c.key));
  const byKey = new Map(cells.map((c) => [c.key, c]));
  const smallest = (keys: Iterable<string>): string | undefined =>
    [...new Set(keys)]
      .filter((k) => !fixed.has(k) && results.get(k)?.suppressed === false && byKey.get(k)?.numerator !== null)
      .sort((a, b) => (byKey.get(a)?.numerator ?? 0) - (byKey.get(b)?.numerator ?? 0) || (a < b ? -1 : a > b ? 1 : 0))[0];
  for (;;) {
    const recoverable = recoverableCells(cells, clean, results);
    const key = recoverable[0];
    if (key === undefined) break;
    const around = clean.filter((g) => g.total === key || g.parts.includes(key)).flatMap((g) => [g.total, ...g.parts]);
    const choice = smallest(around) ?? smallest(free.map((c) => c.key));
    if (choice === undefined) break; // nothing left to suppress: every free cell already is
    set(choice, true, 'secondary');
  }
  return results;
}

/** The published form of a count. */
export function published(value: number | null, result: SuppressionResult | undefined): Value {
  if (result === undefined) throw new Error('value has no suppression result: run suppress() over every cell first');
  if (result.suppressed) return { value: null, symbol: 'c' };
  return value === null ? { value: null, symbol: 'x' } : { value, symbol: null };
}

/** A figure derived from a count (a quartile, a gap): hidden with it, 'x' when there is nothing to compute. */
export function derived(value: number | null | undefined, from: Value): Value {
  if (from.symbol === 'c') return { value: null, symbol: 'c' };
  return value === null || value === undefined || !Number.isFinite(value) ? { value: null, symbol: 'x' } : { value, symbol: null };
}

export const notComputable: Value = { value: null, symbol: 'x' };
export const plain = (value: number | null): Value => (value === null || !Number.isFinite(value) ? notComputable : { value, symbol: null });
