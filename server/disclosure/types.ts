// The cells and additive groups that disclosure control works on, and what it says of each cell.
// Shared by suppression.ts and audit.ts (apart, they would import each other).

export const SUPPRESSION_SYMBOL = 'c';

export interface Cell {
  key: string;
  numerator: number | null;
  denominator: number | null;
  /** The denominator counts people (true) or is a population estimate (false). */
  denominatorIsCount: boolean;
}

/** The parts' numerators (and count denominators) sum to the total's. */
export interface Additivity {
  total: string;
  parts: string[];
}

export interface SuppressionResult {
  key: string;
  suppressed: boolean;
  symbol: typeof SUPPRESSION_SYMBOL | null;
  reason: 'primary' | 'secondary' | null;
}
