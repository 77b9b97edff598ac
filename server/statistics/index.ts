export {
  ALPHA,
  EXACT_POISSON_BELOW,
  Z,
  byarInterval,
  countInterval,
  exactPoissonInterval,
  rateInterval,
  wilsonInterval,
} from './confidence-intervals.ts';
export type { ConfidenceLevel, Interval } from './confidence-intervals.ts';
export { compareWithBenchmark } from './benchmark.ts';
export type { BenchmarkComparison, BenchmarkInput, Polarity } from './benchmark.ts';
export { chiSquareQuantile, gammaQuantile, logGamma, regularizedGamma } from './gamma.ts';
