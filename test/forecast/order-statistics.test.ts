import { describe, expect, it } from 'vitest';
import { selectRanks } from '../../server/forecast/order-statistics.ts';
import { intervalOf, quantile } from '../../server/forecast/model.ts';
import { Random } from '../../server/forecast/random.ts';

// Selection puts at each asked-for rank the value a full sort would: checked against a sort
// on random values with many ties (simulated counts), distinct values and sorted input.

const ranksOf = (n: number) => [...new Set([3, 4, 99, 100, n - 101, n - 100, n - 5, n - 4].filter((r) => r >= 0 && r < n))].sort((a, b) => a - b);

describe('selectRanks', () => {
  const random = new Random(3);
  const cases: [string, Float64Array][] = [
    ['Poisson counts, many ties', Float64Array.from({ length: 4000 }, () => random.poisson(20))],
    ['all equal', new Float64Array(4000).fill(7)],
    ['distinct', Float64Array.from({ length: 4000 }, () => random.normal())],
    ['ascending', Float64Array.from({ length: 4000 }, (_, i) => i)],
    ['descending', Float64Array.from({ length: 4000 }, (_, i) => -i)],
    ['small', Float64Array.from({ length: 12 }, () => random.poisson(3))],
  ];
  it.each(cases)('%s: the values at the ranks are the sorted ones', (_name, values) => {
    const sorted = Float64Array.from(values).sort();
    const ranks = ranksOf(values.length);
    // Inside a larger array, at an offset, as summarise uses it; the values outside are untouched.
    const padded = new Float64Array(values.length + 20).fill(-1);
    padded.set(values, 10);
    selectRanks(padded, 10, values.length, ranks);
    for (const r of ranks) expect(padded[10 + r], `rank ${r}`).toBe(sorted[r]);
    expect([...padded.subarray(0, 10), ...padded.subarray(10 + values.length)].every((x) => x === -1)).toBe(true);
    expect(Float64Array.from(padded.subarray(10, 10 + values.length)).sort()).toEqual(sorted);
  });

  it('gives intervalOf the quantiles of the sorted values, leaving its input as it was', () => {
    const values = Float64Array.from({ length: 4000 }, () => random.poisson(50) + random.uniform());
    const copy = Float64Array.from(values);
    const sorted = Float64Array.from(values).sort();
    expect(intervalOf(values)).toEqual({
      lower95: quantile(sorted, 0.025),
      upper95: quantile(sorted, 0.975),
      lower998: quantile(sorted, 0.001),
      upper998: quantile(sorted, 0.999),
    });
    expect(values).toEqual(copy);
  });
});
