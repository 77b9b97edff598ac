import { describe, expect, it } from 'vitest';
import { Rng } from '../../server/generate/rng.ts';
import { Random, TRANSFORMED_REJECTION_FROM } from '../../server/forecast/random.ts';

// The forecast's draws: the same sfc32 stream as the generator's, and exact distributions on
// both sides of the switch from inversion to transformed rejection (PTRS, BTRS). The mean and
// variance of each sampler are checked in model.test.ts; here, the whole distribution.

describe('the uniform stream', () => {
  it('is the generator\'s sfc32 stream for the same seed (held in a typed array so draws do not allocate)', () => {
    for (const seed of [0, 1, 20250116, 0xffffffff, 0x80000001]) {
      const ours = new Random(seed);
      const theirs = new Rng(seed);
      for (let i = 0; i < 1000; i++) expect(ours.nextU32(), `seed ${seed}, draw ${i}`).toBe(theirs.nextU32());
    }
  });
});

const logFactorial = (k: number) => {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
};
const poissonPmf = (mean: number) => (k: number) => Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
const binomialPmf = (n: number, p: number) => (k: number) =>
  k > n ? 0 : Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p));

/**
 * Kolmogorov-Smirnov distance of `n` draws from the exact distribution, times sqrt(n): above
 * 1.95 with probability under 0.1% when the sampler is exact (less still for a discrete one).
 */
function ksStatistic(draw: () => number, pmf: (k: number) => number, n = 200_000): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = draw();
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let worst = 0;
  let empirical = 0;
  let exact = 0;
  for (let k = 0; k <= Math.max(...counts.keys()); k++) {
    empirical += (counts.get(k) ?? 0) / n;
    exact += pmf(k);
    worst = Math.max(worst, Math.abs(empirical - exact));
  }
  return worst * Math.sqrt(n);
}

describe('the Poisson and binomial samplers against the exact distribution (Kolmogorov-Smirnov)', () => {
  it('switches method at 10', () => expect(TRANSFORMED_REJECTION_FROM).toBe(10));
  it.each([0.3, 2.5, 9.99, 10, 14, 60])('Poisson(%s)', (mean) => {
    const random = new Random(7);
    expect(ksStatistic(() => random.poisson(mean), poissonPmf(mean))).toBeLessThan(1.95);
  });
  it.each([
    [30, 0.01],
    [20, 0.3],
    [99, 0.101],
    [100, 0.1],
    [60, 0.35],
    [400, 0.08],
    [50, 0.8],
  ])('binomial(%s, %s)', (n, p) => {
    const random = new Random(11);
    expect(ksStatistic(() => random.binomial(n, p), binomialPmf(n, p))).toBeLessThan(1.95);
  });
  it('a wrong sampler fails the check', () => {
    // Poisson(10.3) where 10 was asked for: the test must be able to tell.
    const random = new Random(7);
    expect(ksStatistic(() => random.poisson(10.3), poissonPmf(10))).toBeGreaterThan(1.95);
  });
});
