import { describe, expect, it } from 'vitest';
import type { IndicatorMeta, IndicatorRow } from '../../contract/indicators.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { indicatorMeta } from '../../server/indicators/engine.ts';
import { changeSince, keyMessages } from '../../web/src/components/board-pack-text.ts';
import { changeWords, comparisonWords, figureSentence } from '../../web/src/format.ts';

// "Up/down from … in <year>" sentences (web and board pack): a change is called clear only when
// the two 95% confidence intervals do not overlap, "no clear change" otherwise, and no sentence
// is ever drawn against an incomplete (part-year) period. Figures worked by hand below.
const meta = (id: string): IndicatorMeta => {
  const d = catalogue.find((x) => x.id === id);
  if (!d) throw new Error(id);
  return indicatorMeta(d);
};
const timeliness = meta('ehc-20-week-timeliness');
const waits = meta('provision-wait-weeks');

function row(period: string, value: number | null, lower: number | null, upper: number | null, comparisons: IndicatorRow['comparisons'] = []): IndicatorRow {
  return {
    area_code: 'E08000035', area_name: 'Leeds', period, breakdown: 'all', breakdown_value: 'all',
    numerator: null, denominator: null, value, lower_95: lower, upper_95: upper, lower_99_8: null, upper_99_8: null,
    suppressed: false, symbol: null, suppression_reason: null, comparisons, rank: null,
  };
}

describe('change sentences say whether the change is clear', () => {
  // 57.1% [52.0, 62.0] in 2020 against 64.0% [61.0, 67.0] in 2024: the intervals overlap (61-62).
  const overlapping = [row('2020', 57.1, 52, 62), row('2024', 64, 61, 67)];
  // 40.0% [37.0, 43.0] against 64.0% [61.0, 67.0]: apart, a clear rise.
  const apart = [row('2020', 40, 37, 43), row('2024', 64, 61, 67)];

  it('says "no clear change" when the 95% intervals overlap', () => {
    expect(changeWords(overlapping[0], overlapping[1], timeliness)).toBe('up from 57.1% in 2020, but this is no clear change (the 95% confidence intervals overlap)');
    expect(figureSentence(timeliness, overlapping[1], overlapping)).toMatch(/no clear change/);
  });

  it('says the change is clear when the 95% intervals do not overlap', () => {
    expect(changeWords(apart[0], apart[1], timeliness)).toBe('up from 40.0% in 2020, a clear rise (the 95% confidence intervals do not overlap)');
  });

  it('says it cannot test a change without intervals', () => {
    const a = row('2020', 3, null, null);
    const b = row('2024', 2.6, null, null);
    expect(changeWords(a, b, waits)).toMatch(/^down from 3\.0 weeks in 2020; with no confidence interval this change cannot be tested$/);
  });

  it('the board pack says the same', () => {
    expect(changeSince({ meta: timeliness, row: overlapping[1], trend: overlapping, exact: true })).toBe('Up from 57.1% in 2020: no clear change');
    expect(changeSince({ meta: timeliness, row: apart[1], trend: apart, exact: true })).toBe('Up from 40.0% in 2020: a clear rise');
  });
});

describe('no change is computed against an incomplete period', () => {
  const trend = [row('2019-20', 30, 28, 32), row('2020-21', 40, 37, 43), row('2024-25', 64, 61, 67)];
  const incomplete = new Set(['2019-20', '2024-25']);

  it('skips an incomplete earlier period', () => {
    const latest = trend[1];
    expect(figureSentence(timeliness, latest, trend, [], incomplete)).not.toMatch(/2019-20/);
    expect(changeSince({ meta: timeliness, row: latest, trend, exact: true }, incomplete)).toBe('');
  });

  it('says nothing of change for an incomplete latest period', () => {
    const latest = trend[2];
    expect(changeWords(trend[1], latest, timeliness, incomplete)).toBe('');
    expect(figureSentence(timeliness, latest, trend, [], incomplete)).not.toMatch(/up from|down from|clear/);
    expect(changeSince({ meta: timeliness, row: latest, trend, exact: true }, incomplete)).toBe('');
  });
});

describe('comparisons not on the same basis are not judged in words', () => {
  const notCompared: IndicatorRow['comparisons'][number] = {
    comparator: 'england', label: 'England', value: 60.7, significance: 'not-compared', basis: 'not-compared',
    local_value: null, local_lower_95: null, local_upper_95: null, local_numerator: null, local_denominator: null,
    reason: 'The published figure counts any review meeting held in the year, so it overstates timeliness.',
  };
  const reviews = meta('annual-reviews-on-time');

  it('the figure sentence gives the reason and no judgement', () => {
    const latest = row('2024', 50, 48, 52, [notCompared]);
    const sentence = figureSentence(reviews, latest, [latest], [notCompared]);
    expect(sentence).toMatch(/not compared with England \(60\.7%\): The published figure counts any review meeting/);
    expect(sentence).not.toMatch(/worse|better|similar/);
  });

  it('the board pack lists it as not compared, with the reason', () => {
    const latest = row('2024', 50, 48, 52, [notCompared]);
    const messages = keyMessages([{ meta: reviews, row: latest, trend: [latest], exact: true }], 'england', 'England');
    expect(messages.map((m) => m.significance)).toEqual(['not-compared']);
    expect(messages[0]?.items[0]).toMatch(/overstates timeliness/);
  });

  it('a benchmark-basis comparison names the figure compared', () => {
    const onBasis = { ...notCompared, value: 22.13, significance: 'similar' as const, basis: 'benchmark-basis' as const, local_value: 21.8, reason: null };
    expect(comparisonWords(onBasis, meta('ehc-plans-rate'))).toBe('similar to England (22.1 per 1,000), on the benchmark’s own basis (21.8 per 1,000)');
  });
});
