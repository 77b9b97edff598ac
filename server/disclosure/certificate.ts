// Why a suppressed cell can be solved: the group equations whose combination pins it down alone.
// The audit (audit.ts) says *which* cells are recoverable; to protect one, suppression.ts needs a
// cell that actually breaks that combination, not merely one near it: in a hierarchy (England,
// regions, ICBs, LAs) the nearest cells are often an aggregate's, and suppressing them one after
// another never helped (issue 19: one small ICB count hid England's figures).
import { isAlone, reduceRows, sparseRow, type SparseRow, type UnknownSystem } from './audit.ts';
import type { Additivity } from './types.ts';

const EPS = 1e-9;

/** Weights on the groups (by index): their weighted sum of equations, over the unknowns, is one cell alone. */
export type Certificate = Map<number, number>;

/**
 * Certificates of `keys` in a system (one elimination per block holding any of them): each key's
 * weights, or no entry when it is not an unknown of the system or not determined.
 */
export function certificates(system: UnknownSystem | null, keys: readonly string[]): Map<string, Certificate> {
  const out = new Map<string, Certificate>();
  if (!system) return out;
  const byBlock = new Map<number, number[]>();
  for (const key of keys) {
    const column = system.column.get(key);
    if (column === undefined) continue;
    const root = system.blockOf(column);
    const columns = byBlock.get(root);
    if (columns) columns.push(column);
    else byBlock.set(root, [column]);
  }
  for (const [root, columns] of byBlock) {
    const block = system.blocks.get(root);
    if (!block) continue;
    const rows = block.equations.map((equation) => sparseRow(equation, system.local));
    const combos: SparseRow[] = rows.map((_, i) => new Map([[i, 1]]));
    const pivots = reduceRows(rows, block.columns.length, combos);
    for (const column of columns) {
      const local = system.local[column] as number;
      const pivotRow = pivots.get(local);
      if (pivotRow === undefined || !isAlone(rows[pivotRow] as SparseRow, local)) continue;
      const weights: Certificate = new Map();
      for (const [i, w] of combos[pivotRow] as SparseRow) if (Math.abs(w) >= EPS) weights.set((block.equations[i] as { group: number }).group, w);
      out.set(system.unknown[column] as string, weights);
    }
  }
  return out;
}

/**
 * A cell's weight in a certificate: Σ over its groups of the group's weight times its sign there
 * (+1 total, −1 part). Suppressing the cell breaks the certificate unless that is 0: a cell whose
 * weights cancel (an LA total that is a part of its region and the total of its own breakdown,
 * both in the combination) would leave it intact.
 */
function weightIn(weights: Certificate, groups: readonly Additivity[], groupsOfCell: readonly number[], key: string): number {
  let sum = 0;
  for (const index of groupsOfCell) {
    const w = weights.get(index);
    if (w !== undefined) sum += (groups[index] as Additivity).total === key ? w : -w;
  }
  return sum;
}

/** Whether suppressing the cell breaks the certificate (its weight there does not cancel). */
export const breaks = (weights: Certificate, groups: readonly Additivity[], groupsOfCell: readonly number[], key: string): boolean =>
  Math.abs(weightIn(weights, groups, groupsOfCell, key)) >= EPS;

/** The open cells (published, say) of the certificate's groups whose suppression breaks it. */
export function breakingCells(
  weights: Certificate,
  groups: readonly Additivity[],
  groupsOf: ReadonlyMap<string, readonly number[]>,
  isOpen: (key: string) => boolean,
): string[] {
  const members = new Set<string>();
  for (const index of weights.keys()) {
    const group = groups[index] as Additivity;
    for (const key of [group.total, ...group.parts]) if (isOpen(key)) members.add(key);
  }
  return [...members].filter((key) => breaks(weights, groups, groupsOf.get(key) ?? [], key));
}
