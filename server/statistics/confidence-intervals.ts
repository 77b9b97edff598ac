// Confidence intervals as in the PHE/OHID "Technical Guide: Confidence
// intervals" used by Fingertips: Wilson score for proportions, exact Poisson
// (chi-square) for counts below 10 and Byar's approximation above.
import { gammaQuantile } from './gamma.ts';

export type ConfidenceLevel = 95 | 99.8;

/** Two-sided normal quantiles at the precision Fingertips quotes. */
export const Z: Readonly<Record<ConfidenceLevel, number>> = {
  95: 1.959963985,
  99.8: 3.090232306,
};

/** Total two-sided tail probability α for a level. */
export const ALPHA: Readonly<Record<ConfidenceLevel, number>> = {
  95: 0.05,
  99.8: 0.002,
};

export interface Interval {
  lower: number;
  upper: number;
}

/** Below this many events Fingertips uses the exact method, at or above it Byar's. */
export const EXACT_POISSON_BELOW = 10;

function zFor(level: ConfidenceLevel): number {
  const z = Z[level];
  if (z === undefined) throw new RangeError(`Unsupported confidence level: ${String(level)}`);
  return z;
}

function alphaFor(level: ConfidenceLevel): number {
  const alpha = ALPHA[level];
  if (alpha === undefined) throw new RangeError(`Unsupported confidence level: ${String(level)}`);
  return alpha;
}

function assertCount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
}

/**
 * Wilson score interval for numerator / denominator, as proportions 0–1.
 * Returns null when the denominator is 0 (no proportion to estimate).
 */
export function wilsonInterval(numerator: number, denominator: number, level: ConfidenceLevel): Interval | null {
  assertCount('numerator', numerator);
  assertCount('denominator', denominator);
  if (numerator > denominator) {
    throw new RangeError(`numerator (${numerator}) must not exceed denominator (${denominator})`);
  }
  if (denominator === 0) return null;
  const z = zFor(level);
  // Work on the smaller of O and n − O and mirror: the limit nearer 0 or 1 is then
  // never the result of a cancelling subtraction, and O = n gives upper = 1 exactly.
  if (numerator > denominator / 2) {
    const mirrored = wilsonLowerHalf(denominator - numerator, denominator, z);
    return { lower: 1 - mirrored.upper, upper: 1 - mirrored.lower };
  }
  return wilsonLowerHalf(numerator, denominator, z);
}

/** Wilson limits for O <= n/2. */
function wilsonLowerHalf(o: number, n: number, z: number): Interval {
  const z2 = z * z;
  const p = o / n;
  // Closed form from the guide: (2O + z² ± z√(z² + 4O(1 − p))) / (2(n + z²)).
  const upper = (2 * o + z2 + z * Math.sqrt(z2 + 4 * o * (1 - p))) / (2 * (n + z2));
  // The limits are the roots of (n + z²)π² − (2O + z²)π + O²/n = 0, so
  // lower = O² / (n(n + z²) · upper): algebraically identical, no cancellation.
  const lower = o === 0 ? 0 : (o * o) / (n * (n + z2) * upper);
  return { lower: Math.max(0, lower), upper: Math.min(1, upper) };
}

/**
 * Exact Poisson interval for an observed count O:
 * lower = χ²⁻¹(α/2; 2O)/2 (0 when O = 0), upper = χ²⁻¹(1 − α/2; 2O + 2)/2.
 */
export function exactPoissonInterval(count: number, level: ConfidenceLevel): Interval {
  assertCount('count', count);
  const halfAlpha = alphaFor(level) / 2;
  // χ²⁻¹(p; 2k)/2 is the Gamma(k, 1) quantile, so no factor of 2 round trip.
  const lower = count === 0 ? 0 : gammaQuantile(count, halfAlpha, 'lower');
  const upper = gammaQuantile(count + 1, halfAlpha, 'upper');
  return { lower, upper };
}

/**
 * Byar's approximation to the exact Poisson interval:
 * lower = O(1 − 1/(9O) − z/(3√O))³, upper = (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
 */
export function byarInterval(count: number, level: ConfidenceLevel): Interval {
  assertCount('count', count);
  const z = zFor(level);
  const o1 = count + 1;
  const upper = o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3;
  if (count === 0) return { lower: 0, upper };
  const lower = count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3;
  // For very small counts at 99.8% the cubed term goes negative; a count cannot,
  // and countInterval never reaches this (it uses the exact method below 10).
  return { lower: Math.max(0, lower), upper };
}

/** Interval for a count, by the Fingertips rule: exact below 10 events, Byar's from 10. */
export function countInterval(count: number, level: ConfidenceLevel): Interval {
  assertCount('count', count);
  return count < EXACT_POISSON_BELOW ? exactPoissonInterval(count, level) : byarInterval(count, level);
}

/**
 * Interval for a rate count / denominator × multiplier (e.g. multiplier 1000 for
 * "per 1,000"). Returns null when the denominator is 0.
 */
export function rateInterval(
  count: number,
  denominator: number,
  multiplier: number,
  level: ConfidenceLevel,
): Interval | null {
  assertCount('denominator', denominator);
  if (!Number.isFinite(multiplier) || multiplier <= 0) {
    throw new RangeError(`multiplier must be a positive finite number, got ${multiplier}`);
  }
  const interval = countInterval(count, level);
  if (denominator === 0) return null;
  const scale = multiplier / denominator;
  return { lower: interval.lower * scale, upper: interval.upper * scale };
}
