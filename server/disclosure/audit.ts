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

/** As `recoverableCells`, with suppression given as a predicate. */
export function recoverableKeys(
  cells: readonly Cell[],
  groups: readonly Additivity[],
  isSuppressed: (key: string) => boolean,
  solvedBlocks?: SolvedBlocks,
): string[] {
  return auditPattern(cells, groups, isSuppressed, solvedBlocks).recoverable;
}

/** The audit of a pattern: the recoverable keys (sorted), and the systems they were solved in. */
export interface PatternAudit {
  recoverable: string[];
  /** The two systems audited (null: no unknowns, or no count denominators). */
  numerators: UnknownSystem | null;
  denominators: UnknownSystem | null;
}

/** As `recoverableKeys`, with the systems (`suppress` takes the recoverable cells' certificates from them). */
export function auditPattern(
  cells: readonly Cell[],
  groups: readonly Additivity[],
  isSuppressed: (key: string) => boolean,
  solvedBlocks?: SolvedBlocks,
): PatternAudit {
  // Numerators and count denominators obey the same equations but can have
  // different unknowns (a cell may show one and not the other), so solve both.
  // Population-estimate denominators are not additive counts: left out.
  const numerators = solvedKeys(cells, groups, (cell) => isSuppressed(cell.key) || cell.numerator === null, solvedBlocks);
  const countDenominators = new Set(cells.filter((cell) => cell.denominatorIsCount).map((cell) => cell.key));
  // Without count denominators every denominator is unknown and none is reported: skip the solve.
  const denominators = countDenominators.size === 0 ? null : solvedKeys(
    cells,
    groups,
    (cell) => isSuppressed(cell.key) || !cell.denominatorIsCount || cell.denominator === null,
    solvedBlocks,
  );
  const byDenominator = (denominators?.solved ?? []).filter((key) => countDenominators.has(key));
  return {
    recoverable: [...new Set([...numerators.solved, ...byDenominator])].filter(isSuppressed).sort(),
    numerators: numerators.system,
    denominators: denominators?.system ?? null,
  };
}

/**
 * What each block of one piece's audits fixed, by the block's unknowns (their keys in order): a
 * block's equations are every group touching its unknowns, restricted to them, so the same
 * unknowns with the same groups give the same system and the same answer. `suppress` audits its
 * piece after each cell it adds, and one addition changes one or two blocks: the others are
 * looked up instead of solved again (a period of England has thousands of blocks). For one
 * `groups` array only: a new array needs a new map.
 */
export type SolvedBlocks = Map<string, string[]>;

/**
 * Unknown cells that the group equations determine exactly. The system splits into
 * independent blocks (unknowns linked through shared equations), solved one by one: the same
 * answer as one elimination over everything, far quicker when the unknowns are many.
 */
function solvedKeys(
  cells: readonly Cell[],
  groups: readonly Additivity[],
  isUnknown: (cell: Cell) => boolean,
  solvedBlocks?: SolvedBlocks,
): { solved: string[]; system: UnknownSystem | null } {
  const system = unknownSystem(cells, groups, isUnknown);
  if (system === null) return { solved: [], system };
  const { unknown, local } = system;
  const solved: string[] = [];
  for (const block of system.blocks.values()) {
    const signature = solvedBlocks ? block.columns.map((j) => unknown[j] as string).join('\u0000') : '';
    const known = solvedBlocks?.get(signature);
    if (known) {
      solved.push(...known);
      continue;
    }
    const blockSolved: string[] = [];
    const rows = block.equations.map((equation) => sparseRow(equation, local));
    for (const i of solvedColumns(rows, block.columns.length)) blockSolved.push(unknown[block.columns[i] as number] as string);
    solvedBlocks?.set(signature, blockSolved);
    solved.push(...blockSolved);
  }
  return { solved, system };
}

/** One group's equation, total − Σ parts = 0, over the unknowns only: columns and coefficients. */
export interface Equation {
  group: number;
  columns: number[];
  coefficients: number[];
}

/** The system over some unknowns: their keys (sorted), the equations, and independent blocks. */
export interface UnknownSystem {
  unknown: string[];
  column: Map<string, number>;
  /** Each unknown's column within its block. */
  local: Int32Array;
  blocks: Map<number, { columns: number[]; equations: Equation[] }>;
  /** The block of an unknown's column. */
  blockOf: (column: number) => number;
}

/** The block's row for one equation, in the block's own columns. */
export function sparseRow(equation: Equation, local: Int32Array): SparseRow {
  const row: SparseRow = new Map();
  for (let k = 0; k < equation.columns.length; k++) if (equation.coefficients[k] !== 0) row.set(local[equation.columns[k] as number] as number, equation.coefficients[k] as number);
  return row;
}

/**
 * The group equations restricted to the unknowns (the known members only move the right-hand
 * side, which the audit does not need), split into blocks of unknowns linked through shared
 * equations. Plain loops: this runs for every piece of every indicator for all of England.
 */
export function unknownSystem(cells: readonly Cell[], groups: readonly Additivity[], isUnknown: (cell: Cell) => boolean): UnknownSystem | null {
  const unknown: string[] = [];
  for (const cell of cells) if (isUnknown(cell)) unknown.push(cell.key);
  if (unknown.length === 0) return null;
  unknown.sort();
  const column = new Map<string, number>();
  for (let j = 0; j < unknown.length; j++) column.set(unknown[j] as string, j);
  const equations = groups.map((group, index) => equationOf(group, index, column)).filter((e) => e.columns.length > 0);

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
  const blocks: UnknownSystem['blocks'] = new Map();
  const local = new Int32Array(unknown.length);
  for (let j = 0; j < unknown.length; j++) {
    const root = find(j);
    let block = blocks.get(root);
    if (!block) blocks.set(root, (block = { columns: [], equations: [] }));
    local[j] = block.columns.length;
    block.columns.push(j);
  }
  for (const equation of equations) blocks.get(find(equation.columns[0] as number))?.equations.push(equation);
  return { unknown, column, local, blocks, blockOf: find };
}

function equationOf(group: Additivity, index: number, column: ReadonlyMap<string, number>): Equation {
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
  return { group: index, columns, coefficients };
}

/** A row of the system: its non-zero coefficients by column. */
export type SparseRow = Map<number, number>;

/**
 * Columns of the system fixed exactly: Gauss-Jordan elimination on sparse rows (an equation has a
 * few unknowns; a period of England makes blocks of thousands), then a column is solved when its
 * pivot row has no other entry. Which columns are solved does not depend on the order of the
 * pivots (test/disclosure/audit-sparse.test.ts checks it against a dense pass in column order), so
 * the pivots are taken sparsest first (reduceRows). `rows` are consumed.
 */
export function solvedColumns(rows: SparseRow[], width: number): number[] {
  const pivots = reduceRows(rows, width);
  // A variable is determined exactly when its pivot row has no other non-zero
  // entry (every free variable it depends on would otherwise let it move).
  const solved: number[] = [];
  for (const [c, i] of pivots) if (isAlone(rows[i] as SparseRow, c)) solved.push(c);
  return solved.sort((a, b) => a - b);
}

/** The row has no non-zero entry but column c's. */
export const isAlone = (row: SparseRow, c: number): boolean => {
  for (const [j, v] of row) if (j !== c && Math.abs(v) >= EPS) return false;
  return true;
};

/**
 * Gauss-Jordan in place: each pivot column is eliminated from every other row, so it stays in its
 * pivot row alone. The pivot is the row with fewest entries (a group with two unknowns first),
 * and in it the column in fewest rows among entries at least half the row's largest (Markowitz
 * order with threshold pivoting): eliminating in column order filled a national block of 14,000
 * unknowns until it did not finish. Ties by index, so the result is deterministic. With `combos`
 * (one per row, its weights on the original rows) each row's combination is kept too, so a
 * solved column's row says which equations pin it down. Returns each pivot column's row.
 */
export function reduceRows(rows: SparseRow[], width: number, combos?: SparseRow[]): Map<number, number> {
  const rowsOfColumn: Set<number>[] = Array.from({ length: width }, () => new Set<number>());
  rows.forEach((row, i) => {
    for (const j of row.keys()) rowsOfColumn[j]?.add(i);
  });
  const queue = new RowQueue();
  rows.forEach((row, i) => queue.push(row.size, i));
  const pivoted = new Uint8Array(rows.length);
  const pivotRowOfColumn = new Map<number, number>();
  for (let best = queue.pop(rows, pivoted); best !== -1; best = queue.pop(rows, pivoted)) {
    const pivot = rows[best] as SparseRow;
    const c = pivotColumn(pivot, rowsOfColumn);
    if (c === -1) continue;
    pivoted[best] = 1;
    const scale = pivot.get(c) as number;
    for (const [j, v] of pivot) pivot.set(j, v / scale);
    const pivotCombo = combos?.[best];
    if (pivotCombo) for (const [j, v] of pivotCombo) pivotCombo.set(j, v / scale);
    for (const i of [...(rowsOfColumn[c] as Set<number>)]) {
      if (i === best) continue;
      const row = rows[i] as SparseRow;
      const factor = row.get(c) as number;
      if (pivotCombo) subtractScaled(combos?.[i] as SparseRow, pivotCombo, factor);
      for (const [j, pv] of pivot) {
        const value = (row.get(j) ?? 0) - factor * pv;
        if (value === 0 || j === c) {
          row.delete(j);
          rowsOfColumn[j]?.delete(i);
        } else {
          if (!row.has(j)) rowsOfColumn[j]?.add(i);
          row.set(j, value);
        }
      }
      if (!pivoted[i]) queue.push(row.size, i);
    }
    pivotRowOfColumn.set(c, best);
  }
  return pivotRowOfColumn;
}

/** In a pivot row, the column in fewest rows among entries at least half its largest; -1 when all are ~0. */
function pivotColumn(row: SparseRow, rowsOfColumn: readonly Set<number>[]): number {
  let largest = 0;
  for (const v of row.values()) largest = Math.max(largest, Math.abs(v));
  if (largest < EPS) return -1;
  let best = -1;
  let bestCount = Infinity;
  for (const [j, v] of row) {
    if (Math.abs(v) < largest / 2) continue;
    const count = rowsOfColumn[j]?.size ?? 0;
    if (count < bestCount || (count === bestCount && j < best)) {
      best = j;
      bestCount = count;
    }
  }
  return best;
}

/** Rows by their number of entries, fewest first (ties by index); stale entries are skipped on pop. */
class RowQueue {
  private readonly heap: number[] = [];
  push(size: number, row: number): void {
    // One number per entry: size in the high part, row in the low 24 bits.
    const key = size * 16_777_216 + row;
    const heap = this.heap;
    heap.push(key);
    for (let i = heap.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if ((heap[up] as number) <= key) break;
      heap[i] = heap[up] as number;
      heap[up] = key;
      i = up;
    }
  }
  /** The unpivoted row with fewest entries (at least one), or -1. */
  pop(rows: readonly SparseRow[], pivoted: Uint8Array): number {
    for (;;) {
      const key = this.take();
      if (key === undefined) return -1;
      const row = key % 16_777_216;
      const size = Math.floor(key / 16_777_216);
      if (!pivoted[row] && size > 0 && (rows[row] as SparseRow).size === size) return row;
    }
  }
  private take(): number | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    heap[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && (heap[right] as number) < (heap[left] as number) ? right : left;
      if ((heap[child] as number) >= last) break;
      heap[i] = heap[child] as number;
      heap[child] = last;
      i = child;
    }
    return top;
  }
}

/** row −= factor × by, dropping entries that become exactly 0. */
function subtractScaled(row: SparseRow, by: SparseRow, factor: number): void {
  for (const [j, v] of by) {
    const value = (row.get(j) ?? 0) - factor * v;
    if (value === 0) row.delete(j);
    else row.set(j, value);
  }
}
