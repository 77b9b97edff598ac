// Fingertips-style comparison of an area's value with a benchmark (England,
// region, statistical-neighbour mean or another area), using the value's interval.

export type Polarity = 'higher-better' | 'lower-better' | 'no-judgement';

export type BenchmarkComparison = 'similar' | 'better' | 'worse' | 'higher' | 'lower' | 'not-compared';

export interface BenchmarkInput {
  value: number | null;
  lower: number | null;
  upper: number | null;
  benchmark: number | null;
  polarity: Polarity;
}

function known(x: number | null): x is number {
  return x !== null && Number.isFinite(x);
}

/**
 * "similar" when the benchmark lies inside [lower, upper] (inclusive); otherwise
 * better/worse by polarity, or higher/lower for no-judgement indicators.
 * "not-compared" when any number is missing (null or not finite).
 */
export function compareWithBenchmark(input: BenchmarkInput): BenchmarkComparison {
  const { value, lower, upper, benchmark, polarity } = input;
  if (!known(value) || !known(lower) || !known(upper) || !known(benchmark)) return 'not-compared';
  if (lower > upper) throw new RangeError(`interval is inverted: lower ${lower} > upper ${upper}`);
  if (benchmark >= lower && benchmark <= upper) return 'similar';
  // Outside the interval: the area is significantly above the benchmark when
  // the benchmark lies below the whole interval.
  const higher = benchmark < lower;
  switch (polarity) {
    case 'higher-better':
      return higher ? 'better' : 'worse';
    case 'lower-better':
      return higher ? 'worse' : 'better';
    case 'no-judgement':
      return higher ? 'higher' : 'lower';
    default: {
      const unknown: never = polarity;
      throw new RangeError(`Unknown polarity: ${String(unknown)}`);
    }
  }
}
