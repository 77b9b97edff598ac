// Statistical disclosure control for published tables (DfE / GSS practice):
// primary suppression of small counts, then secondary suppression so that no
// suppressed value can be solved exactly from the published ones, whether by
// subtraction within an additive group or through a chain of linked groups.
// Pure and deterministic: the same input always gives the same output.
import { auditPattern, type PatternAudit, type SolvedBlocks } from './audit.ts';
import { breakingCells, breaks, certificates, type Certificate } from './certificate.ts';
import { SUPPRESSION_SYMBOL, type Additivity, type Cell, type SuppressionResult } from './types.ts';

// The cell types live in types.ts (audit.ts needs them too, and suppression.ts needs the audit).
export { SUPPRESSION_SYMBOL, type Additivity, type Cell, type SuppressionResult };

export const DEFAULT_THRESHOLD = 7;

export interface SuppressionOptions {
  /** Counts 1..threshold are suppressed; 0 never is. */
  threshold: number;
  /**
   * Cells hidden because a linked output that counts the same population hides them
   * (server/disclosure/linked.ts): they start as secondary suppressions, and the rules
   * then protect them like any other.
   */
  forced?: ReadonlySet<string>;
}

function isSmall(value: number | null, threshold: number): boolean {
  return value !== null && value >= 1 && value <= threshold;
}

/**
 * Primary rule: numerator in 1..threshold, or a people-count denominator in 1..threshold, or
 * (with a people-count denominator) the complement denominator - numerator in 1..threshold:
 * "15 requests decided, 8 refused" publishes 7 agreed.
 */
export function isPrimaryDisclosive(cell: Cell, threshold: number = DEFAULT_THRESHOLD): boolean {
  if (isSmall(cell.numerator, threshold)) return true;
  if (!cell.denominatorIsCount) return false;
  if (isSmall(cell.denominator, threshold)) return true;
  return cell.numerator !== null && cell.denominator !== null && isSmall(cell.denominator - cell.numerator, threshold);
}

function validate(cells: readonly Cell[], groups: readonly Additivity[], threshold: number): Map<string, Cell> {
  if (!Number.isInteger(threshold) || threshold < 0) {
    throw new RangeError(`threshold must be a non-negative integer, got ${threshold}`);
  }
  const byKey = new Map<string, Cell>();
  for (const cell of cells) {
    if (byKey.has(cell.key)) throw new Error(`duplicate cell key: ${cell.key}`);
    for (const [name, value] of [['numerator', cell.numerator], ['denominator', cell.denominator]] as const) {
      if (value !== null && !(Number.isFinite(value) && value >= 0)) {
        throw new RangeError(`cell ${cell.key}: ${name} must be null or a finite number >= 0, got ${value}`);
      }
    }
    byKey.set(cell.key, cell);
  }
  for (const group of groups) {
    const members = [group.total, ...group.parts];
    if (new Set(members).size !== members.length) {
      throw new Error(`additivity group for ${group.total} lists a cell twice`);
    }
    for (const key of members) {
      // An unknown key is a wiring bug; failing loudly beats publishing unprotected.
      if (!byKey.has(key)) throw new Error(`additivity group for ${group.total} refers to unknown cell: ${key}`);
    }
  }
  return byKey;
}

interface Member {
  cell: Cell;
  isTotal: boolean;
}

/** A member that shows something additive, so it could be used to subtract. */
function publishesAdditiveValue(cell: Cell): boolean {
  return cell.numerator !== null || (cell.denominatorIsCount && cell.denominator !== null);
}

/**
 * Order for choosing a secondary cell: a part with a numerator, then the total
 * with a numerator, then (only when nothing else is left) a member that shows
 * just a count denominator; within that, smallest numerator, then key.
 */
function compareCandidates(a: Member, b: Member): number {
  // A zero protects nothing (a suppressed 3 beside a suppressed 0 is still "3 between them"):
  // zeros come last, after every non-zero part and the total.
  const tier = (m: Member) => (m.cell.numerator === null ? 4 : m.cell.numerator === 0 ? (m.isTotal ? 3 : 2) : m.isTotal ? 1 : 0);
  if (tier(a) !== tier(b)) return tier(a) - tier(b);
  const an = a.cell.numerator ?? a.cell.denominator ?? 0;
  const bn = b.cell.numerator ?? b.cell.denominator ?? 0;
  if (an !== bn) return an - bn;
  return a.cell.key < b.cell.key ? -1 : a.cell.key > b.cell.key ? 1 : 0;
}

function membersOf(group: Additivity, byKey: ReadonlyMap<string, Cell>): Member[] {
  return [
    { cell: byKey.get(group.total) as Cell, isTotal: true },
    ...group.parts.map((key) => ({ cell: byKey.get(key) as Cell, isTotal: false })),
  ];
}

/** Rule 2 to a fixed point: no group may have exactly one suppressed member. */
function applyGroupRule(
  groups: readonly Additivity[],
  byKey: ReadonlyMap<string, Cell>,
  reasons: Map<string, 'primary' | 'secondary'>,
): void {
  // Terminates: every pass that changes something adds a suppression, and
  // there are finitely many cells.
  const allMembers = groups.map((group) => membersOf(group, byKey));
  let changed = true;
  while (changed) {
    changed = false;
    for (const members of allMembers) {
      const candidate = loneSuppression(members, reasons, (c) => c.numerator) ?? loneSuppression(members, reasons, (c) => (c.denominatorIsCount ? c.denominator : 0));
      if (candidate === undefined) continue;
      reasons.set(candidate.cell.key, 'secondary');
      changed = true;
    }
  }
}

/**
 * For one additive value (numerators, or count denominators): when exactly one suppressed
 * member shows a non-zero value, the cell to suppress with it. Suppressed zeros do not count
 * (a suppressed 3 beside a suppressed 0 is still "3 between them"), and the companion is a
 * member with a non-zero value (part, then the total) unless only zeros are left.
 */
function loneSuppression(members: readonly Member[], reasons: ReadonlyMap<string, unknown>, value: (cell: Cell) => number | null): Member | undefined {
  let hidden = 0;
  for (const m of members) if (reasons.has(m.cell.key) && value(m.cell) !== 0 && ++hidden > 1) return undefined;
  if (hidden !== 1) return undefined;
  const open = members.filter((m) => !reasons.has(m.cell.key) && publishesAdditiveValue(m.cell));
  const nonZero = open.filter((m) => (value(m.cell) ?? 0) > 0);
  // No candidate: every other member is null, so nothing can be subtracted.
  return (nonZero.length > 0 ? nonZero : open).sort(compareCandidates)[0];
}

/**
 * The best published cell whose suppression breaks the certificate of a recoverable cell (the
 * combination of equations solving it, certificate.ts): rule 2's order among them.
 */
function breakingCandidate(
  weights: Certificate,
  groups: readonly Additivity[],
  groupsOf: ReadonlyMap<string, readonly number[]>,
  byKey: ReadonlyMap<string, Cell>,
  reasons: ReadonlyMap<string, unknown>,
): Member | undefined {
  const totals = new Set([...weights.keys()].map((index) => (groups[index] as Additivity).total));
  const open = (k: string) => !reasons.has(k) && publishesAdditiveValue(byKey.get(k) as Cell);
  return breakingCells(weights, groups, groupsOf, open)
    .map((k) => ({ cell: byKey.get(k) as Cell, isTotal: totals.has(k) }))
    .sort(compareCandidates)[0];
}

/** The best candidate in the groups around `key`, nearest first. */
function nearestCandidate(
  key: string,
  groups: readonly Additivity[],
  byKey: ReadonlyMap<string, Cell>,
  reasons: ReadonlyMap<string, unknown>,
): Member | undefined {
  const usedGroups = new Set<number>();
  let frontier = new Set([key]);
  while (frontier.size > 0) {
    const layer = groups
      .map((group, index) => ({ group, index }))
      .filter(({ group, index }) => !usedGroups.has(index) && [group.total, ...group.parts].some((k) => frontier.has(k)));
    if (layer.length === 0) return undefined;
    const members = layer.flatMap(({ group }) => membersOf(group, byKey));
    const candidate = members
      .filter((m) => !reasons.has(m.cell.key) && publishesAdditiveValue(m.cell))
      .sort(compareCandidates)[0];
    if (candidate !== undefined) return candidate;
    for (const { index } of layer) usedGroups.add(index);
    frontier = new Set(members.map((m) => m.cell.key));
  }
  return undefined;
}

/**
 * One round of the audit's repairs, in key order: each recoverable cell whose certificate no cell
 * suppressed this round breaks is still recoverable (that combination still solves it), so it is
 * protected now, by the best cell breaking its certificate; the others wait for the next audit.
 * Far fewer audits than one cell per round, for the cells a sequential pass would protect anyway
 * (a period of England is one block of thousands of unknowns once an England cell is hidden).
 * A cell the audit found but no certificate confirms (floating-point edge): the best candidate around it, and the round ends.
 * Returns whether anything was suppressed.
 */
function protectRound(
  audit: PatternAudit,
  groups: readonly Additivity[],
  groupsOf: ReadonlyMap<string, readonly number[]>,
  byKey: ReadonlyMap<string, Cell>,
  reasons: Map<string, 'primary' | 'secondary'>,
  unprotectable: Set<string>,
): boolean {
  const keys = audit.recoverable.filter((key) => !unprotectable.has(key));
  const byNumerator = certificates(audit.numerators, keys);
  const byDenominator = certificates(audit.denominators, keys.filter((key) => !byNumerator.has(key)));
  const added: string[] = [];
  for (const key of keys) {
    const weights = byNumerator.get(key) ?? byDenominator.get(key);
    if (weights === undefined) {
      if (added.length > 0) break;
      const nearest = nearestCandidate(key, groups, byKey, reasons);
      if (nearest === undefined) {
        unprotectable.add(key);
        continue;
      }
      reasons.set(nearest.cell.key, 'secondary');
      return true;
    }
    if (added.some((cell) => breaks(weights, groups, groupsOf.get(cell) ?? [], cell))) continue;
    const chosen = breakingCandidate(weights, groups, groupsOf, byKey, reasons);
    if (chosen === undefined) unprotectable.add(key);
    else {
      reasons.set(chosen.cell.key, 'secondary');
      added.push(chosen.cell.key);
    }
  }
  return added.length > 0;
}

/**
 * Apply primary and secondary suppression. Returns one result per cell.
 *
 * Secondary rule: in every group {total, ...parts}, the number of suppressed
 * members must be 0 or at least 2. A group with exactly one gets the
 * unsuppressed member with the smallest non-null numerator suppressed too
 * (parts before the total; ties by key). Groups are revisited until nothing
 * changes, because a cell can sit in several groups (e.g. the LA total of both
 * the sex and the age breakdown).
 *
 * Linked groups (cross-tabulations) can still pin a suppressed cell down
 * through a chain of equations even when every group has two or more
 * suppressed members, so the pattern is then audited (audit.ts) and more
 * cells are suppressed until no suppressed cell is exactly recoverable.
 */
export function suppress(
  cells: readonly Cell[],
  groups: readonly Additivity[],
  options: Partial<SuppressionOptions> = {},
): Map<string, SuppressionResult> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const byKey = validate(cells, groups, threshold);

  const reasons = new Map<string, 'primary' | 'secondary'>();
  for (const cell of cells) {
    if (isPrimaryDisclosive(cell, threshold)) reasons.set(cell.key, 'primary');
    else if (options.forced?.has(cell.key)) reasons.set(cell.key, 'secondary');
  }

  // Each round adds at least one suppression or stops, so this terminates.
  const unprotectable = new Set<string>();
  const groupsOf = new Map<string, number[]>();
  groups.forEach((group, index) => {
    for (const key of [group.total, ...group.parts]) {
      const of = groupsOf.get(key);
      if (of) of.push(index);
      else groupsOf.set(key, [index]);
    }
  });
  // The audit's blocks solved so far: each round changes the few blocks around the cells it adds.
  const solvedBlocks: SolvedBlocks = new Map();
  for (;;) {
    applyGroupRule(groups, byKey, reasons);
    const audit = auditPattern(cells, groups, (key) => reasons.has(key), solvedBlocks);
    if (!protectRound(audit, groups, groupsOf, byKey, reasons, unprotectable)) break;
  }

  const results = new Map<string, SuppressionResult>();
  for (const cell of cells) {
    const reason = reasons.get(cell.key) ?? null;
    results.set(cell.key, {
      key: cell.key,
      suppressed: reason !== null,
      symbol: reason === null ? null : SUPPRESSION_SYMBOL,
      reason,
    });
  }
  return results;
}

/**
 * The value to publish for a cell: the number, or 'c' when suppressed. Throws
 * when the cell was never passed through `suppress`, so unprotected values
 * cannot leave by accident.
 */
export function publishedValue<T>(
  value: T,
  result: SuppressionResult | undefined,
): T | typeof SUPPRESSION_SYMBOL {
  if (result === undefined) throw new Error('value has no suppression result: run suppress() over every cell first');
  return result.suppressed ? SUPPRESSION_SYMBOL : value;
}
