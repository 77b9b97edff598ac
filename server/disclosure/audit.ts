// An independent check of a suppression pattern: which suppressed cells are
// still exactly determined by the additivity equations and the published
// values? The per-group rule in suppression.ts prevents this within one
// group, but across linked groups (cross-tabulations) a chain of equations can
// still pin a cell down, so callers building such tables can audit them.
import type { Additivity, Cell, SuppressionResult } from './suppression.ts';

const EPS = 1e-9;

/**
 * Keys of suppressed cells whose numerator, or people-count denominator, can
 * be solved exactly from the published cells. Only the pattern matters, not
 * the values: unknowns are the suppressed cells and cells whose value is null.
 */
export function recoverableCells(
  cells: readonly Cell[],
  groups: readonly Additivity[],
  results: ReadonlyMap<string, SuppressionResult>,
): string[] {
  return recoverableKeys(cells, groups, (key) => results.get(key)?.suppressed === true);
}

/** As `recoverableCells`, with suppression given as a predicate (used inside `suppress`). */
export function recoverableKeys(
  cells: readonly Cell[],
  groups: readonly Additivity[],
  isSuppressed: (key: string) => boolean,
): string[] {
  // Numerators and count denominators obey the same equations but can have
  // different unknowns (a cell may show one and not the other), so solve both.
  // Population-estimate denominators are not additive counts: left out.
  const byNumerator = solvedKeys(cells, groups, (cell) => isSuppressed(cell.key) || cell.numerator === null);
  const countDenominators = new Set(cells.filter((cell) => cell.denominatorIsCount).map((cell) => cell.key));
  const byDenominator = solvedKeys(
    cells,
    groups,
    (cell) => isSuppressed(cell.key) || !cell.denominatorIsCount || cell.denominator === null,
  ).filter((key) => countDenominators.has(key));
  return [...new Set([...byNumerator, ...byDenominator])].filter(isSuppressed).sort();
}

/** Unknown cells that the group equations determine exactly. */
function solvedKeys(cells: readonly Cell[], groups: readonly Additivity[], isUnknown: (cell: Cell) => boolean): string[] {
  const unknown = cells
    .filter(isUnknown)
    .map((cell) => cell.key)
    .sort();
  const column = new Map(unknown.map((key, i) => [key, i]));
  const width = unknown.length;
  if (width === 0) return [];

  // One equation per group, total − Σ parts = 0, restricted to the unknowns
  // (the known members only move the right-hand side, which we do not need).
  const rows: number[][] = [];
  for (const group of groups) {
    const row = new Array<number>(width).fill(0);
    let any = false;
    const add = (key: string, coefficient: number) => {
      const j = column.get(key);
      if (j === undefined) return;
      row[j] = (row[j] ?? 0) + coefficient;
      any = true;
    };
    add(group.total, 1);
    for (const part of group.parts) add(part, -1);
    if (any) rows.push(row);
  }

  // Reduced row echelon form with partial pivoting.
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

  // A variable is determined exactly when its pivot row has no other non-zero
  // entry (every free variable it depends on would otherwise let it move).
  const solved: string[] = [];
  for (const [c, row] of pivotRowOfColumn) {
    if (row.every((value, j) => j === c || Math.abs(value) < EPS)) solved.push(unknown[c]!);
  }
  return solved;
}
