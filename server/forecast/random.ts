// Seeded random draws for the forecast simulation. Never Math.random: the same seed gives
// the same draws, so the uncertainty band is reproducible. sfc32 for uniforms; exact
// samplers for the Poisson (inversion, or PTRS for large means), binomial (inversion, or
// BTRS for large means) and gamma (Marsaglia-Tsang) distributions.

import { hashSeed, Rng } from '../generate/rng.ts';

// The generator's sfc32 stream and seed hash, so both draw the same way from a seed.
export { hashSeed };

const LOG_FACTORIAL_TABLE = (() => {
  const t = [0];
  for (let k = 1; k < 256; k++) t.push((t[k - 1] ?? 0) + Math.log(k));
  return t;
})();

/** log(k!) exactly for small k, Stirling's series beyond. */
function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE.length) return LOG_FACTORIAL_TABLE[k] ?? 0;
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

export class Random {
  private readonly stream: Rng;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.stream = new Rng(seed);
  }

  static of(...parts: (string | number)[]): Random {
    return new Random(hashSeed(...parts));
  }

  /** Uniform on (0, 1): never exactly 0, so logarithms are safe. */
  uniform(): number {
    return (this.stream.nextU32() + 0.5) / 4294967296;
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
    if (mean < 30) {
      // Inversion by sequential search: about `mean` steps.
      let k = 0;
      let p = Math.exp(-mean);
      let cdf = p;
      const u = this.uniform();
      while (u > cdf && k < 10_000) {
        k++;
        p *= mean / k;
        cdf += p;
      }
      return k;
    }
    // PTRS, transformed rejection with squeeze (Hörmann 1993).
    const slam = Math.sqrt(mean);
    const loglam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) return k;
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
    if (n * p < 50) {
      // Inversion by sequential search: about n * p steps.
      const q = 1 - p;
      const ratio = p / q;
      let k = 0;
      let prob = q ** n;
      let cdf = prob;
      const u = this.uniform();
      while (u > cdf && k < n) {
        prob *= (ratio * (n - k)) / (k + 1);
        k++;
        cdf += prob;
      }
      return k;
    }
    // BTRS, transformed rejection with squeeze (Hörmann 1993).
    const spq = Math.sqrt(n * p * (1 - p));
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    const lpq = Math.log(p / (1 - p));
    const m = Math.floor((n + 1) * p);
    const h = logFactorial(m) + logFactorial(n - m);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      if (Math.log((v * alpha) / (a / (us * us) + b)) <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
    }
  }
}
