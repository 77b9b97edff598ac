// Equations a reader can solve beyond the breakdowns an output declares (issue 13): sums that
// hold exactly in the data, and the complement of a proportion of counts. Written once here;
// the indicator engine and the analytics tables (server/disclosure/tables.ts) both use it.
import type { Additivity, Cell } from './suppression.ts';

/**
 * Keeps the groups whose parts add up exactly to the total in these data. Where a child can
 * sit in two parts, or the total counts items no part holds, the parts do not add up, a reader
 * has no equation, and adding one would suppress cells for nothing. An exact group is kept,
 * whatever the output declares: a reader can subtract whatever adds up. Count denominators
 * must add up too; a denominator that is not a count (places, a population estimate) is not
 * part of the equation, so only the numerators need to.
 */
export function exactGroups(groups: readonly Additivity[], cells: readonly Cell[]): Additivity[] {
  const byKey = new Map(cells.map((c) => [c.key, c]));
  const sum = (keys: string[], pick: (c: Cell) => number | null): number | null => {
    let total = 0;
    for (const key of keys) {
      const cell = byKey.get(key);
      const v = cell ? pick(cell) : null;
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

/** A proportion of two published counts: `part` out of `whole` (reviewed out of young people). */
export interface Proportion {
  part: string;
  whole: string;
}

export const complementKey = (p: Proportion): string => `complement(${p.part} of ${p.whole})`;

/**
 * The complement rule for proportions whose two counts are separate cells: whole - part is a
 * count a reader works out ("20 young people, 17 reviewed": 3 not reviewed), so it becomes a
 * cell of its own, never published, in the equation whole = part + complement. A complement of
 * 1 to the threshold is then primary-suppressed like any small count, and the group rule hides
 * the part or the whole with it. (Where both counts are one cell, a rate, the same rule is the
 * complement clause of `isPrimaryDisclosive`.) Returns the extra cells and groups.
 *
 * Only complements of 1 to the threshold get a cell: a complement is published nowhere, so it
 * sits in this one equation and is known exactly when the part and the whole are; a larger one
 * needs no protection, and its equation would tell a reader nothing more. (Adding them all
 * would also join every share's counts into one piece and make the audit far slower.)
 */
export function complementCells(proportions: readonly Proportion[], cells: readonly Cell[], threshold: number): { cells: Cell[]; groups: Additivity[] } {
  const byKey = new Map(cells.map((c) => [c.key, c]));
  const extra = new Map<string, Cell>();
  const groups: Additivity[] = [];
  for (const p of proportions) {
    const part = byKey.get(p.part)?.numerator ?? 0;
    const whole = byKey.get(p.whole)?.numerator ?? 0;
    const key = complementKey(p);
    // A complement of 0 reveals nothing that is not published (the part is the whole); a part
    // above its whole (items counted outside it) is no proportion, and makes no equation.
    if (part >= whole || whole - part > threshold || extra.has(key) || !byKey.has(p.whole)) continue;
    extra.set(key, { key, numerator: whole - part, denominator: null, denominatorIsCount: false });
    groups.push({ total: p.whole, parts: byKey.has(p.part) && part > 0 ? [p.part, key] : [key] });
  }
  return { cells: [...extra.values()], groups };
}
