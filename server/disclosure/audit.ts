// An independent check of a suppression pattern: which suppressed cells are
// still exactly determined by the additivity equations and the published
// values? The per-group rule in suppression.ts prevents this within one
// group, but across linked groups (cross-tabulations) a chain of equations can
// still pin a cell down, so callers building such tables can audit them.
import type { Additivity, Cell, SuppressionResult } from './types.ts';

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
  // Without count denominators every denominator is unknown and none is reported: skip the solve.
  const byDenominator = countDenominators.size === 0 ? [] : solvedKeys(
    cells,
    groups,
    (cell) => isSuppressed(cell.key) || !cell.denominatorIsCount || cell.denominator === null,
  ).filter((key) => countDenominators.has(key));
  return [...new Set([...byNumerator, ...byDenominator])].filter(isSuppressed).sort();
}

/**
 * Unknown cells that the group equations determine exactly. The system splits into
 * independent blocks (unknowns linked through shared equations), solved one by one: the same
 * answer as one elimination over everything, far quicker when the unknowns are many.
 */
function solvedKeys(cells: readonly Cell[], groups: readonly Additivity[], isUnknown: (cell: Cell) => boolean): string[] {
  const unknown: string[] = [];
  for (const cell of cells) if (isUnknown(cell)) unknown.push(cell.key);
  if (unknown.length === 0) return [];
  unknown.sort();
  const column = new Map<string, number>();
  for (let j = 0; j < unknown.length; j++) column.set(unknown[j] as string, j);

  // One equation per group, total − Σ parts = 0, restricted to the unknowns (the known
  // members only move the right-hand side, which we do not need): sparse, as columns and
  // coefficients. Plain loops: this runs once per piece of every indicator for all of England.
  const equations: { columns: number[]; coefficients: number[] }[] = [];
  for (const group of groups) {
    const columns: number[] = [];
    const coefficients: number[] = [];
    for (let m = -1; m < group.parts.length; m++) {
      const j = column.get(m < 0 ? group.total : (group.parts[m] as string));
      if (j === undefined) continue;
      const at = columns.indexOf(j);
      if (at >= 0) coefficients[at] = (coefficients[at] as number) + (m < 0 ? 1 : -1);
      else {
        columns.push(j);
        coefficients.push(m < 0 ? 1 : -1);
      }
    }
    if (columns.length > 0) equations.push({ columns, coefficients });
  }

  // Blocks: union-find over the unknowns of each equation.
  const parent = Int32Array.from({ length: unknown.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const up = parent[parent[i] as number] as number;
      parent[i] = up;
      i = up;
    }
    return i;
  };
  for (const { columns } of equations) {
    const root = find(columns[0] as number);
    for (let k = 1; k < columns.length; k++) parent[find(columns[k] as number)] = root;
  }
  const blocks = new Map<number, { columns: number[]; equations: { columns: number[]; coefficients: number[] }[] }>();
  const local = new Int32Array(unknown.length);
  for (let j = 0; j < unknown.length; j++) {
    const root = find(j);
    let block = blocks.get(root);
    if (!block) blocks.set(root, (block = { columns: [], equations: [] }));
    local[j] = block.columns.length;
    block.columns.push(j);
  }
  for (const equation of equations) blocks.get(find(equation.columns[0] as number))?.equations.push(equation);

  const solved: string[] = [];
  for (const block of blocks.values()) {
    const width = block.columns.length;
    const rows: number[][] = [];
    for (const equation of block.equations) {
      const row = new Array<number>(width).fill(0);
      for (let k = 0; k < equation.columns.length; k++) row[local[equation.columns[k] as number] as number] = equation.coefficients[k] as number;
      rows.push(row);
    }
    for (const i of solvedColumns(rows, width)) solved.push(unknown[block.columns[i] as number] as string);
  }
  return solved;
}

/** Columns of the system fixed exactly: reduced row echelon form with partial pivoting. */
function solvedColumns(rows: number[][], width: number): number[] {
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
  const solved: number[] = [];
  for (const [c, row] of pivotRowOfColumn) {
    if (row.every((value, j) => j === c || Math.abs(value) < EPS)) solved.push(c);
  }
  return solved;
}
