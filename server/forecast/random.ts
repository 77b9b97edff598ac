// Seeded random draws for the forecast simulation. Never Math.random: the same seed gives
// the same draws, so the uncertainty band is reproducible. sfc32 for uniforms; exact
// samplers for the Poisson (inversion, or PTRS for large means), binomial (inversion, or
// BTRS for large means) and gamma (Marsaglia-Tsang) distributions.

import { hashSeed } from '../generate/rng.ts';

// The generator's seed hash, so both derive streams from a seed the same way.
export { hashSeed };

/**
 * Means (Poisson) and n x p (binomial) from which the transformed-rejection samplers are used:
 * the least they are valid for (Hörmann 1993). Below it, inversion takes fewer than about 10 steps.
 */
export const TRANSFORMED_REJECTION_FROM = 10;

const LOG_FACTORIAL_TABLE = (() => {
  const t = new Float64Array(1024);
  for (let k = 1; k < t.length; k++) t[k] = (t[k - 1] as number) + Math.log(k);
  return t;
})();

/** 1 / k: the inversion loops multiply by it (a division each step would be their main cost). */
const RECIPROCALS = Float64Array.from({ length: 10_002 }, (_, k) => (k === 0 ? 0 : 1 / k));

/** log(k!) exactly for small k, Stirling's series beyond. */
function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE.length) return LOG_FACTORIAL_TABLE[k] as number;
  const x = k + 1;
  const x2 = x * x;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x2 * x) + 1 / (1260 * x2 * x2 * x);
}

export class Random {
  /**
   * sfc32's four words: the same stream as the generator's Rng (server/generate/rng.ts) from
   * the same seed, but held in a typed array, since 32-bit words above 2^30 kept in object
   * fields are boxed and every draw would allocate (most of the forecast's time, nationally).
   */
  private readonly state = new Int32Array(4);
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.state[0] = seed;
    this.state[1] = seed ^ 0x9e3779b9;
    this.state[2] = hashSeed(seed, 'sfc32');
    this.state[3] = 1;
    for (let i = 0; i < 15; i++) this.nextU32();
  }

  /** The next 32-bit word of the sfc32 stream. */
  nextU32(): number {
    const s = this.state;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  static of(...parts: (string | number)[]): Random {
    return new Random(hashSeed(...parts));
  }

  /** Uniform on (0, 1): never exactly 0, so logarithms are safe. */
  uniform(): number {
    return (this.nextU32() + 0.5) / 4294967296;
  }

  /** Standard normal (Box-Muller, both values used). */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Poisson with mean `mean` >= 0. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < TRANSFORMED_REJECTION_FROM) {
      // Inversion by sequential search: about `mean` steps. P(0) = exp(-mean) >= 1 - mean,
      // so a uniform below 1 - mean is 0 without the exponential.
      const u = this.uniform();
      if (u <= 1 - mean) return 0;
      let k = 0;
      let p = Math.exp(-mean);
      let cdf = p;
      while (u > cdf && k < 10_000) {
        k++;
        p *= mean * (RECIPROCALS[k] as number);
        cdf += p;
      }
      return k;
    }
    // PTRS, transformed rejection with squeeze (Hörmann 1993), valid for means of 10 or more.
    const slam = Math.sqrt(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      // Most draws are accepted by the squeeze: the logarithms are only taken when it fails.
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const invalpha = 1.1239 + 1.1328 / (b - 3.4);
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * Math.log(mean) - logFactorial(k)) return k;
    }
  }

  /** Gamma with shape `shape` > 0 and scale 1 (Marsaglia-Tsang). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Binomial: successes in `n` (a non-negative integer) trials of probability `p`. */
  binomial(n: number, p: number): number {
    if (n <= 0 || !(p > 0)) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n * p < TRANSFORMED_REJECTION_FROM) {
      // Inversion by sequential search: about n * p steps. P(0) = (1 - p)^n >= 1 - n * p, so
      // a uniform below 1 - n * p is 0 without the power (exp and log1p: ** is slow in V8).
      const u = this.uniform();
      if (u <= 1 - n * p) return 0;
      const q = 1 - p;
      const ratio = p / q;
      let k = 0;
      let prob = Math.exp(n * Math.log1p(-p));
      let cdf = prob;
      while (u > cdf && k < n && k < RECIPROCALS.length - 2) {
        prob *= ratio * (n - k) * (RECIPROCALS[k + 1] as number);
        k++;
        cdf += prob;
      }
      return k;
    }
    // BTRS, transformed rejection with squeeze (Hörmann 1993), valid for n * p of 10 or more.
    const spq = Math.sqrt(n * p * (1 - p));
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      // Most draws are accepted by the squeeze: the logarithms are only taken when it fails.
      if (us >= 0.07 && v <= vr) return k;
      const alpha = (2.83 + 5.1 / b) * spq;
      const m = Math.floor((n + 1) * p);
      const h = logFactorial(m) + logFactorial(n - m);
      if (Math.log((v * alpha) / (a / (us * us) + b)) <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * Math.log(p / (1 - p))) return k;
    }
  }
}
