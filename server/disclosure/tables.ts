import type { Value } from '../../contract/analytics.ts';
import { complementCells, exactGroups } from './additivity.ts';
import { recoverableCells } from './audit.ts';
import type { CountCell, ShareCell, StatCell } from '../../contract/cells.ts';
import type { LinkedStatus } from './linked.ts';
import { isPrimaryDisclosive, suppress, type Additivity, type Cell, type SuppressionResult } from './suppression.ts';
import type { Proportion } from './additivity.ts';

// Disclosure control for tables of counts (the analytics and insight endpoints, and the
// indicator engine's suppressTable), on top of suppression.ts: counts become cells, the additivity groups of each table (row and column margins, the LA and its
// localities) are passed to `suppress`, and published values carry 'c' when suppressed.
// Two front ends share one suppression core (`suppressTable`, split into linked pieces):
//   - explicit cells and groups (journey, provision gaps; the forecast engine);
//   - `CountTable`, counts keyed by area and scope with declared sums and LA = sum of its
//     localities (feedback themes, budgets, transitions), and their response cells.

export type Results = Map<string, SuppressionResult>;

/** What a table needs of an area: its code and its LA (the indicator engine imports this module). */
export interface AreaLink {
  area_code: string;
  parent_code: string | null;
  /** England, a region or an ICB: the areas it is the sum of (server/disclosure/hierarchy.ts). */
  parts?: readonly string[];
}

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

/** The groups that hold exactly in the data (server/disclosure/additivity.ts, shared with indicators). */
export { exactGroups };

/** Drops groups with fewer than one part and parts equal to the total (nothing to subtract). */
function usable(groups: readonly Additivity[]): Additivity[] {
  return groups
    .map((g) => ({ total: g.total, parts: [...new Set(g.parts)].filter((p) => p !== g.total) }))
    .filter((g) => g.parts.length > 0);
}

/**
 * `suppress` over independent pieces: cells linked through groups are suppressed together,
 * unlinked pieces separately (the same rules; the recoverability audit is cubic in the number
 * of suppressed cells, so small pieces keep it fast). A cell in no group gets the primary rule only.
 */
export function suppressTable(cells: readonly Cell[], groups: readonly Additivity[], threshold: number, forced?: ReadonlySet<string>): Results {
  const clean = usable(groups);
  const byKey = new Map(cells.map((c) => [c.key, c]));
  for (const g of clean) {
    for (const key of [g.total, ...g.parts]) if (!byKey.has(key)) throw new Error(`additivity group for ${g.total} refers to unknown cell: ${key}`);
  }
  const results: Results = new Map();
  for (const piece of components([...byKey.keys()], clean)) {
    const pieceCells = piece.keys.map((key) => byKey.get(key) as Cell);
    // No small count in the piece: nothing to protect, so nothing is suppressed (the secondary
    // rules and the audit only ever start from a suppressed cell).
    if (piece.groups.length === 0 || !pieceCells.some((cell) => isPrimaryDisclosive(cell, threshold) || forced?.has(cell.key))) {
      for (const cell of pieceCells) {
        const primary = isPrimaryDisclosive(cell, threshold);
        const reason = primary ? 'primary' : forced?.has(cell.key) ? 'secondary' : null;
        results.set(cell.key, { key: cell.key, suppressed: reason !== null, symbol: reason === null ? null : 'c', reason });
      }
      continue;
    }
    for (const [key, r] of suppress(pieceCells, piece.groups, { threshold, ...(forced ? { forced } : {}) })) results.set(key, r);
  }
  return results;
}

/** Cells joined by shared groups, each piece with its groups (union-find). */
function components(keys: readonly string[], groups: readonly Additivity[]): { keys: string[]; groups: Additivity[] }[] {
  const parent = new Map(keys.map((k) => [k, k]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    let node = k;
    while (node !== root) {
      const next = parent.get(node) ?? root;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const g of groups) for (const p of g.parts) parent.set(find(p), find(g.total));
  const byRoot = new Map<string, { keys: string[]; groups: Additivity[] }>();
  const entry = (root: string) => {
    let e = byRoot.get(root);
    if (!e) byRoot.set(root, (e = { keys: [], groups: [] }));
    return e;
  };
  for (const k of keys) entry(find(k)).keys.push(k);
  for (const g of groups) entry(find(g.total)).groups.push(g);
  return [...byRoot.values()];
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

export function shareOf(numerator: CountCell, denominator: CountCell): ShareCell {
  if (numerator.suppressed || denominator.suppressed) {
    return {
      numerator: numerator.value,
      denominator: denominator.value,
      value: null,
      suppressed: true,
      symbol: 'c',
      suppression_reason: numerator.suppression_reason ?? denominator.suppression_reason,
    };
  }
  const n = numerator.value ?? 0;
  const d = denominator.value ?? 0;
  return {
    numerator: n,
    denominator: d,
    value: d > 0 ? (100 * n) / d : null,
    suppressed: false,
    symbol: d > 0 ? null : 'x',
    suppression_reason: null,
  };
}

/** A statistic shown only when every count it rests on is published. */
export function statOf(value: number | null, ...basis: CountCell[]): StatCell {
  if (basis.some((b) => b.suppressed)) return { value: null, suppressed: true, symbol: 'c' };
  return value === null || !Number.isFinite(value) ? { value: null, suppressed: false, symbol: 'x' } : { value, suppressed: false, symbol: null };
}

// --- counts under disclosure control ----------------------------------------------------

const SEP = '\u241f';
const keyOf = (area: string, scope: string): string => `${area}${SEP}${scope}`;

const zeroCell: CountCell = { value: 0, suppressed: false, symbol: null, suppression_reason: null };

/** Published counts: `get` returns the cell after suppression (an unrecorded count is 0). */
export interface PublishedCounts {
  get(area: string, scope: string): CountCell;
  /**
   * The cell with the suppression pattern of a linked output (server/disclosure/linked.ts)
   * instead of this table's: hidden where that output hides the same count, shown where it
   * shows it. Without a linked status, as `get`.
   */
  linked(area: string, scope: string, status: LinkedStatus | undefined): CountCell;
  /** Independent check over the whole table: suppressed cells still exactly recoverable (none expected). */
  audit(): string[];
}

/** Each area made of others: an LA of its localities, an aggregate of its declared parts. */
function partsOf(areas: readonly AreaLink[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of areas) {
    if (a.parent_code) out.set(a.parent_code, [...(out.get(a.parent_code) ?? []), a.area_code]);
    if (a.parts && a.parts.length > 0) out.set(a.area_code, [...a.parts]);
  }
  return out;
}

/**
 * Counts keyed by area and a scope string (period and measure, e.g. `2024|theme=waiting`),
 * with the additive relations a reader could subtract. `publish` applies primary and
 * secondary suppression (server/disclosure) to all of them together: within each area,
 * each declared total and its parts; and each LA cell with the same cell of its localities
 * where they add up to it. Zero counts are always published and take no part in the sums.
 * Cells linked by no relation are suppressed independently, so the work is split into
 * connected groups (in practice one period and measure at a time).
 */
export class CountTable {
  private readonly counts = new Map<string, { area: string; scope: string; value: number }>();
  private readonly relations: { area: string; total: string; parts: string[] }[] = [];
  private readonly proportions: Proportion[] = [];

  set(area: string, scope: string, value: number): void {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`count ${area} ${scope} must be a whole number >= 0, got ${value}`);
    this.counts.set(keyOf(area, scope), { area, scope, value });
  }

  add(area: string, scope: string, value = 1): void {
    this.set(area, scope, (this.counts.get(keyOf(area, scope))?.value ?? 0) + value);
  }

  /** In `area`, the count at `total` is the sum of the counts at `parts`. */
  additive(area: string, total: string, parts: readonly string[]): void {
    this.relations.push({ area, total, parts: [...parts] });
  }

  /**
   * In `area`, the count at `part` is published as a share of the count at `whole`: their
   * difference is a count too (the complement rule, server/disclosure/additivity.ts).
   */
  share(area: string, part: string, whole: string): void {
    this.proportions.push({ part: keyOf(area, part), whole: keyOf(area, whole) });
  }

  publish(threshold: number, areas: readonly AreaLink[]): PublishedCounts {
    const cells = this.counts;
    // Zeros are published as they are and left out of the sums: a zero hidden beside a
    // small count would protect nothing, so the second suppression falls on a real count.
    const counted = (key: string): boolean => (cells.get(key)?.value ?? 0) > 0;
    const groups: Additivity[] = [];
    const addGroup = (total: string, parts: string[]): void => {
      const nonZero = parts.filter(counted);
      if (counted(total) && nonZero.length > 0) groups.push({ total, parts: nonZero });
    };
    for (const r of this.relations) addGroup(keyOf(r.area, r.total), r.parts.map((p) => keyOf(r.area, p)));
    // An LA cell is the sum of the same cell in its localities where they account for all of
    // it. Where the LA also counts items no locality holds (feedback on LA-wide services,
    // children with no locality), the remainder is published nowhere, so the localities
    // cannot be worked out from the LA: no equation (adding one would be false, and could
    // make the audit "solve" cells from equations that do not hold).
    // Likewise England, a region or an ICB is the sum of its parts (their LAs' counts), so a
    // total at one level never gives a suppressed LA back by subtraction.
    const scopes = new Set([...cells.values()].map((c) => c.scope));
    for (const [total, members] of partsOf(areas)) {
      for (const scope of scopes) {
        const parts = members.map((l) => keyOf(l, scope));
        const sum = parts.reduce((acc, key) => acc + (cells.get(key)?.value ?? 0), 0);
        const totalValue = cells.get(keyOf(total, scope))?.value ?? 0;
        if (sum > totalValue) throw new Error(`the parts of ${total} count more than it in ${scope}`);
        if (sum === totalValue) addGroup(keyOf(total, scope), parts);
      }
    }

    const counts = [...cells.keys()].map((key): Cell => ({ key, numerator: cells.get(key)?.value ?? 0, denominator: null, denominatorIsCount: false }));
    // Complements of shares: cells published nowhere, in equations whole = part + complement.
    const complements = complementCells(this.proportions, counts, threshold);
    const allCells = new Map([...counts, ...complements.cells].map((c) => [c.key, c]));
    groups.push(...complements.groups);
    const toCells = (keys: readonly string[]): Cell[] => keys.map((key) => allCells.get(key) as Cell);
    const results = suppressTable([...allCells.values()], groups, threshold);

    const published = new Map<string, CountCell>();
    for (const [key, cell] of cells) {
      const result = results.get(key);
      const suppressed = result?.suppressed ?? false;
      published.set(key, {
        value: suppressed ? null : cell.value,
        suppressed,
        symbol: suppressed ? 'c' : null,
        suppression_reason: result?.reason ?? null,
      });
    }
    const get = (area: string, scope: string): CountCell => published.get(keyOf(area, scope)) ?? zeroCell;
    return {
      get,
      linked: (area, scope, status) => {
        if (status === undefined) return get(area, scope);
        if (status.suppressed) return { value: null, suppressed: true, symbol: 'c', suppression_reason: status.reason ?? 'secondary' };
        return { value: cells.get(keyOf(area, scope))?.value ?? 0, suppressed: false, symbol: null, suppression_reason: null };
      },
      // Unlinked cells cannot reveal each other, so each linked piece is audited on its own.
      audit: () =>
        components([...allCells.keys()], groups)
          .filter((c) => c.groups.length > 0)
          .flatMap((c) => recoverableCells(toCells(c.keys), c.groups, results)),
    };
  }
}
