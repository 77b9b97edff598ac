import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareWithBenchmark } from '../../server/statistics/benchmark.ts';
import type { Polarity } from '../../server/statistics/benchmark.ts';

const interval = { value: 50, lower: 40, upper: 60 };

describe('compareWithBenchmark', () => {
  it('is similar when the benchmark is inside the interval, edges included', () => {
    for (const polarity of ['higher-better', 'lower-better', 'no-judgement'] as const) {
      for (const benchmark of [40, 50, 60]) {
        expect(compareWithBenchmark({ ...interval, benchmark, polarity })).toBe('similar');
      }
    }
  });

  it('judges by polarity when the benchmark is below the interval (area is higher)', () => {
    expect(compareWithBenchmark({ ...interval, benchmark: 39.9, polarity: 'higher-better' })).toBe('better');
    expect(compareWithBenchmark({ ...interval, benchmark: 39.9, polarity: 'lower-better' })).toBe('worse');
    expect(compareWithBenchmark({ ...interval, benchmark: 39.9, polarity: 'no-judgement' })).toBe('higher');
  });

  it('judges by polarity when the benchmark is above the interval (area is lower)', () => {
    expect(compareWithBenchmark({ ...interval, benchmark: 60.1, polarity: 'higher-better' })).toBe('worse');
    expect(compareWithBenchmark({ ...interval, benchmark: 60.1, polarity: 'lower-better' })).toBe('better');
    expect(compareWithBenchmark({ ...interval, benchmark: 60.1, polarity: 'no-judgement' })).toBe('lower');
  });

  it('is not-compared when any input is missing', () => {
    const base = { ...interval, benchmark: 10, polarity: 'higher-better' as const };
    expect(compareWithBenchmark({ ...base, value: null })).toBe('not-compared');
    expect(compareWithBenchmark({ ...base, lower: null })).toBe('not-compared');
    expect(compareWithBenchmark({ ...base, upper: null })).toBe('not-compared');
    expect(compareWithBenchmark({ ...base, benchmark: null })).toBe('not-compared');
    expect(compareWithBenchmark({ ...base, benchmark: Number.NaN })).toBe('not-compared');
  });

  it('rejects an inverted interval', () => {
    expect(() => compareWithBenchmark({ value: 5, lower: 6, upper: 4, benchmark: 5, polarity: 'no-judgement' })).toThrow(RangeError);
  });

  it('better and worse swap with polarity, and agree with higher/lower', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (lower, width, benchmark) => {
          const upper = lower + width;
          const at = (polarity: Polarity) => compareWithBenchmark({ value: lower, lower, upper, benchmark, polarity });
          const direction = at('no-judgement');
          const expected = benchmark >= lower && benchmark <= upper ? 'similar' : benchmark < lower ? 'higher' : 'lower';
          expect(direction).toBe(expected);
          const swap = { similar: 'similar', higher: 'better', lower: 'worse' } as const;
          expect(at('higher-better')).toBe(swap[expected]);
          expect(at('lower-better')).toBe(({ similar: 'similar', higher: 'worse', lower: 'better' } as const)[expected]);
        },
      ),
    );
  });
});
