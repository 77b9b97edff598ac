// Why a suppressed cell can be solved: the group equations whose combination pins it down alone.
// The audit (audit.ts) says *which* cells are recoverable; to protect one, suppression.ts needs a
// cell that actually breaks that combination, not merely one near it: in a hierarchy (England,
// regions, ICBs, LAs) the nearest cells are often an aggregate's, and suppressing them one after
// another never helped (issue 19: one small ICB count hid England's figures).
import { isAlone, reduceRows, sparseRow, unknownSystem, type SparseRow } from './audit.ts';
import type { Additivity, Cell } from './types.ts';

const EPS = 1e-9;

/**
 * Weights on `groups` (by index) whose weighted sum of equations, restricted to the unknowns,
 * is `key`'s alone; null when `key` is not an unknown or not determined.
 */
export function certificate(cells: readonly Cell[], groups: readonly Additivity[], isUnknown: (cell: Cell) => boolean, key: string): Map<number, number> | null {
  const system = unknownSystem(cells, groups, isUnknown);
  const target = system?.column.get(key);
  if (!system || target === undefined) return null;
  const block = system.blocks.get(system.blockOf(target));
  if (!block) return null;
  const rows = block.equations.map((equation) => sparseRow(equation, system.local));
  const combos: SparseRow[] = rows.map((_, i) => new Map([[i, 1]]));
  const pivotRow = reduceRows(rows, block.columns.length, combos).get(system.local[target] as number);
  if (pivotRow === undefined || !isAlone(rows[pivotRow] as SparseRow, system.local[target] as number)) return null;
  const weights = new Map<number, number>();
  for (const [i, w] of combos[pivotRow] as SparseRow) if (Math.abs(w) >= EPS) weights.set((block.equations[i] as { group: number }).group, w);
  return weights;
}

/**
 * Published cells whose suppression breaks the combination: a cell's weight in it is the sum, over
 * the groups it is in, of the group's weight times its sign there (+1 total, −1 part). A cell whose
 * weights cancel (an LA total that is a part of its region and the total of its own breakdown,
 * both in the combination) would leave it intact.
 */
export function breakingCells(groups: readonly Additivity[], weights: ReadonlyMap<number, number>, isOpen: (key: string) => boolean): string[] {
  const weightOf = new Map<string, number>();
  for (const [index, w] of weights) {
    const group = groups[index] as Additivity;
    if (isOpen(group.total)) weightOf.set(group.total, (weightOf.get(group.total) ?? 0) + w);
    for (const part of group.parts) if (isOpen(part)) weightOf.set(part, (weightOf.get(part) ?? 0) - w);
  }
  return [...weightOf].filter(([, w]) => Math.abs(w) >= EPS).map(([key]) => key);
}
