import type { Cell, SuppressionResult } from '../../server/disclosure/suppression.ts';

/** Cells with population (not count) denominators, from key → numerator. */
export function countCells(numerators: Record<string, number | null>): Cell[] {
  return Object.entries(numerators).map(([key, numerator]) => ({
    key,
    numerator,
    denominator: null,
    denominatorIsCount: false,
  }));
}

export function suppressedKeys(results: ReadonlyMap<string, SuppressionResult>): string[] {
  return [...results.values()].filter((r) => r.suppressed).map((r) => r.key).sort();
}

export function reasonOf(results: ReadonlyMap<string, SuppressionResult>, key: string): SuppressionResult['reason'] | undefined {
  return results.get(key)?.reason;
}
