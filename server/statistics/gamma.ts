// Gamma-function machinery for the exact Poisson interval. Written here rather
// than pulled in as a dependency: we only need the regularized incomplete gamma
// and its inverse, and both are short, well-understood numerical recipes.

// Lanczos approximation, g = 7, n = 9 (relative error about 1e-15 for a >= 0.5).
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
] as const;

const EPSILON = 1e-16;
const MAX_ITERATIONS = 1_000_000;
const TINY = 1e-300;

/** ln Γ(a) for a > 0. */
export function logGamma(a: number): number {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`logGamma: a must be a positive finite number, got ${a}`);
  if (a < 0.5) {
    // Reflection keeps the Lanczos series in the range where it is accurate.
    return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  }
  const x = a - 1;
  let sum = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) sum += (LANCZOS_COEFFICIENTS[i] ?? 0) / (x + i);
  const t = x + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Both tails of the regularized incomplete gamma: P(a, x) and Q(a, x) = 1 − P(a, x). */
export function regularizedGamma(a: number, x: number): { p: number; q: number } {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`regularizedGamma: a must be positive and finite, got ${a}`);
  if (Number.isNaN(x) || x < 0) throw new RangeError(`regularizedGamma: x must be >= 0, got ${x}`);
  if (x === 0) return { p: 0, q: 1 };
  if (x === Infinity) return { p: 1, q: 0 };
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  // Each tail is computed directly where it converges well, so the small tail
  // never comes from 1 − (something close to 1).
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    const p = Math.min(1, sum * Math.exp(logPrefix));
    return { p, q: 1 - p };
  }
  // Continued fraction for Q (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  const q = Math.min(1, Math.exp(logPrefix) * h);
  return { p: 1 - q, q };
}

/**
 * Quantile of the Gamma(shape a, scale 1) distribution. `tail: 'lower'` solves
 * P(a, x) = prob; `tail: 'upper'` solves Q(a, x) = prob, which keeps full
 * relative accuracy for upper limits such as 1 − 0.001.
 */
export function gammaQuantile(a: number, prob: number, tail: 'lower' | 'upper' = 'lower'): number {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`gammaQuantile: a must be positive and finite, got ${a}`);
  if (!(prob >= 0 && prob <= 1)) throw new RangeError(`gammaQuantile: prob must be in [0, 1], got ${prob}`);
  const lowerProb = tail === 'lower' ? prob : 1 - prob;
  if (lowerProb === 0) return 0;
  if (lowerProb === 1) return Infinity;
  // f is increasing in x and changes sign at the quantile.
  const f = tail === 'lower'
    ? (x: number) => regularizedGamma(a, x).p - prob
    : (x: number) => prob - regularizedGamma(a, x).q;

  // Bracket within a factor of 2, in either direction: for small shapes and
  // small probabilities the quantile can be far below 1 (e.g. 1e-120).
  let lo: number;
  let hi: number;
  const start = Math.max(1, a);
  if (f(start) < 0) {
    lo = start;
    hi = start * 2;
    while (f(hi) < 0) {
      lo = hi;
      hi *= 2;
      if (!Number.isFinite(hi)) throw new RangeError('gammaQuantile: failed to bracket the quantile');
    }
  } else {
    hi = start;
    lo = start / 2;
    while (f(lo) >= 0) {
      hi = lo;
      lo /= 2;
      if (lo === 0) break;
    }
  }
  // Bisection: slow-ish (about 50 steps) but cannot diverge, and the
  // 1e-14 relative width is far inside the 1e-9 the methods need.
  for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
    const mid = lo + (hi - lo) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return lo + (hi - lo) / 2;
}

/** Quantile of the chi-square distribution with `df` degrees of freedom (Excel's CHISQ.INV). */
export function chiSquareQuantile(prob: number, df: number, tail: 'lower' | 'upper' = 'lower'): number {
  if (!(df > 0)) throw new RangeError(`chiSquareQuantile: df must be positive, got ${df}`);
  return 2 * gammaQuantile(df / 2, prob, tail);
}
