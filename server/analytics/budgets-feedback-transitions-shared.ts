// Shared by the commissioning insight endpoints (feedback themes, personal budgets,
// transitions): response cells, and a table of counts that applies the project's disclosure
// control (server/disclosure) to every count before anything is published.
//
// (Named after the three modules that use it because path ownership in server/analytics is
// split by prefix; it could become server/analytics/common.ts.)
import { z } from 'zod';
import { isPrimaryDisclosive, recoverableCells, suppress, type Additivity, type Cell, type SuppressionResult } from '../disclosure/index.ts';
import { dataNoticeSchema, periodSchema } from '../api/contract.ts';
import type { Area } from '../indicators/engine.ts';

// --- response cells ---------------------------------------------------------------------

const suppressionReason = z.enum(['primary', 'secondary']).nullable();

/** A count of people, plans, budgets or comments after disclosure control. */
export const countCellSchema = z.object({
  value: z.number().int().min(0).nullable(),
  suppressed: z.boolean(),
  symbol: z.literal('c').nullable(),
  suppression_reason: suppressionReason,
});
export type CountCell = z.infer<typeof countCellSchema>;

/** numerator / denominator as a percentage (0-100); hidden when either count is suppressed. */
export const shareCellSchema = z.object({
  numerator: z.number().int().min(0).nullable(),
  denominator: z.number().int().min(0).nullable(),
  value: z.number().min(0).max(100).nullable(),
  suppressed: z.boolean(),
  /** c: suppressed; x: cannot be computed (denominator 0). */
  symbol: z.enum(['c', 'x']).nullable(),
  suppression_reason: suppressionReason,
});
export type ShareCell = z.infer<typeof shareCellSchema>;

/** A statistic (mean, quartile, total) over the items of a count; hidden when that count is. */
export const statCellSchema = z.object({
  value: z.number().nullable(),
  suppressed: z.boolean(),
  symbol: z.enum(['c', 'x']).nullable(),
});
export type StatCell = z.infer<typeof statCellSchema>;

export const areaRefSchema = z.object({
  area_code: z.string(),
  area_name: z.string(),
  area_type: z.enum(['la', 'locality']),
  parent_code: z.string().nullable(),
});

export const disclosureSchema = z.object({
  threshold: z.number().int().min(0),
  rule: z.string(),
});

/** The parts every insight response starts with. */
export const insightEnvelope = {
  data: dataNoticeSchema,
  area: areaRefSchema,
  period: periodSchema,
  disclosure: disclosureSchema,
};

export const disclosureRule = (threshold: number): string =>
  threshold === 0
    ? 'No suppression (threshold 0).'
    : `Counts from 1 to ${threshold} are suppressed (symbol c), with secondary suppression so that no suppressed count can be worked out from a total, the other cells of its breakdown, or an LA and its other localities. Shares, means, quartiles and totals are hidden with the counts they rest on.`;

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
  /** Independent check over the whole table: suppressed cells still exactly recoverable (none expected). */
  audit(): string[];
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

  publish(threshold: number, areas: readonly Area[]): PublishedCounts {
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
    const localitiesOf = new Map<string, string[]>();
    for (const a of areas) if (a.parent_code) localitiesOf.set(a.parent_code, [...(localitiesOf.get(a.parent_code) ?? []), a.area_code]);
    const scopes = new Set([...cells.values()].map((c) => c.scope));
    for (const [la, localities] of localitiesOf) {
      for (const scope of scopes) {
        const parts = localities.map((l) => keyOf(l, scope));
        const sum = parts.reduce((total, key) => total + (cells.get(key)?.value ?? 0), 0);
        const laValue = cells.get(keyOf(la, scope))?.value ?? 0;
        if (sum > laValue) throw new Error(`localities of ${la} count more than the LA in ${scope}`);
        if (sum === laValue) addGroup(keyOf(la, scope), parts);
      }
    }

    const results = new Map<string, SuppressionResult>();
    const toCells = (keys: readonly string[]): Cell[] =>
      keys.map((key) => ({ key, numerator: cells.get(key)?.value ?? 0, denominator: null, denominatorIsCount: false }));
    const linked = components([...cells.keys()], groups);
    for (const component of linked) {
      const componentCells = toCells(component.keys);
      if (component.groups.length === 0) {
        // On its own: only the primary rule applies.
        for (const cell of componentCells) {
          const primary = isPrimaryDisclosive(cell, threshold);
          results.set(cell.key, { key: cell.key, suppressed: primary, symbol: primary ? 'c' : null, reason: primary ? 'primary' : null });
        }
        continue;
      }
      for (const [key, result] of suppress(componentCells, component.groups, { threshold })) results.set(key, result);
    }

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
    return {
      get: (area, scope) => published.get(keyOf(area, scope)) ?? zeroCell,
      // Unlinked cells cannot reveal each other, so each linked piece is audited on its own.
      audit: () => linked.filter((c) => c.groups.length > 0).flatMap((c) => recoverableCells(toCells(c.keys), c.groups, results)),
    };
  }
}

/** Cells joined by shared groups, each with its groups (union-find). */
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
