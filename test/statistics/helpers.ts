import { expect } from 'vitest';

/** Relative comparison (absolute near zero), at the 1e-9 accuracy the methods promise. */
export function expectClose(actual: number, expected: number, relative = 1e-9): void {
  const tolerance = Math.max(Math.abs(expected) * relative, relative * 1e-3);
  expect(Math.abs(actual - expected), `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
}
