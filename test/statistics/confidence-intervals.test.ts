import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ALPHA,
  Z,
  byarInterval,
  countInterval,
  exactPoissonInterval,
  rateInterval,
  wilsonInterval,
} from '../../server/statistics/confidence-intervals.ts';
import type { ConfidenceLevel, Interval } from '../../server/statistics/confidence-intervals.ts';
import { expectClose } from './helpers.ts';

const levels: ConfidenceLevel[] = [95, 99.8];

function expectInterval(actual: Interval | null, lower: number, upper: number, relative = 1e-9): void {
  expect(actual).not.toBeNull();
  expectClose(actual!.lower, lower, relative);
  expectClose(actual!.upper, upper, relative);
}

describe('z values', () => {
  it('are the two-sided normal quantiles to 9 decimals', () => {
    // scipy.stats.norm.ppf(0.975) = 1.95996398454005, norm.ppf(0.999) = 3.09023230616781.
    expect(Z[95]).toBe(1.959963985);
    expect(Z[99.8]).toBe(3.090232306);
    expect(ALPHA[95]).toBe(0.05);
    expect(ALPHA[99.8]).toBe(0.002);
  });
});

describe('exactPoissonInterval', () => {
  // Exact (chi-square) Poisson limits for O = 0..9. Rounded reference values
  // (95%): 0 → 0–3.689, 1 → 0.0253–5.572, 5 → 1.6235–11.6683, 9 → 4.1154–17.0848
  // (4.1150 is sometimes quoted for O = 9; the exact value is 4.11537).
  // Full digits: mpmath (40 digits) root of the regularized incomplete gamma,
  // agreeing with scipy.stats.chi2.ppf(α/2, 2O)/2 to 1e-15.
  // [O, lower95, upper95, lower99.8, upper99.8]
  const table: [number, number, number, number, number][] = [
    [0, 0, 3.68887945411394, 0, 6.90775527898214],
    [1, 0.0253178079842899, 5.5716433909389, 0.00100050033358353, 9.23341347645159],
    [2, 0.242209278543965, 7.22468766772396, 0.0454020177694896, 11.2288722424127],
    [3, 0.618672122895601, 8.76727306974233, 0.190533377568403, 13.0622407791881],
    [4, 1.08986537362633, 10.2415886754037, 0.428552413628423, 14.7941492225372],
    [5, 1.62348639011842, 11.6683320793227, 0.739371731917832, 16.4547452036801],
    [6, 2.20189425349085, 13.0594740225187, 1.10710466025564, 18.0616368401991],
    [7, 2.81436305151987, 14.4226753617024, 1.52033626039881, 19.6261773953842],
    [8, 3.4538321767485, 15.7631892201933, 1.97081392174037, 21.15619816584],
    [9, 4.11537309737833, 17.0848034514192, 2.45242440436378, 22.6573733090629],
  ];

  it.each(table)('O = %i matches the exact table', (o, l95, u95, l998, u998) => {
    expectInterval(exactPoissonInterval(o, 95), l95, u95);
    expectInterval(exactPoissonInterval(o, 99.8), l998, u998);
  });

  it('matches the closed forms for O = 0 and O = 1', () => {
    for (const level of levels) {
      const halfAlpha = ALPHA[level] / 2;
      // χ² with 2 df is exponential: upper for O = 0 is −ln(α/2), lower for O = 1 is −ln(1 − α/2).
      expect(exactPoissonInterval(0, level).lower).toBe(0);
      expectClose(exactPoissonInterval(0, level).upper, -Math.log(halfAlpha), 1e-12);
      expectClose(exactPoissonInterval(1, level).lower, -Math.log(1 - halfAlpha), 1e-12);
    }
  });

  it('matches larger counts (mpmath, 40 digits)', () => {
    expectInterval(exactPoissonInterval(50, 95), 37.1109637374619, 65.9187666643368);
    expectInterval(exactPoissonInterval(1000, 95), 938.973018407695, 1063.9521360163);
    expectInterval(exactPoissonInterval(50, 99.8), 30.9589696034683, 75.9418919921004);
    expectInterval(exactPoissonInterval(1000, 99.8), 905.120790934977, 1101.62694387903);
  });

  it('satisfies the defining Poisson tail equations (independent check)', () => {
    // P(X <= O | μ = upper) = α/2 and P(X >= O | μ = lower) = α/2, with the
    // Poisson pmf summed directly in log space.
    const poissonCdf = (k: number, mu: number): number => {
      let sum = 0;
      let logTerm = -mu;
      for (let i = 0; i <= k; i++) {
        if (i > 0) logTerm += Math.log(mu) - Math.log(i);
        sum += Math.exp(logTerm);
      }
      return sum;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.constantFrom<ConfidenceLevel>(95, 99.8), (o, level) => {
        const { lower, upper } = exactPoissonInterval(o, level);
        const halfAlpha = ALPHA[level] / 2;
        expect(Math.abs(poissonCdf(o, upper) - halfAlpha)).toBeLessThan(1e-11);
        expect(Math.abs(1 - poissonCdf(o - 1, lower) - halfAlpha)).toBeLessThan(1e-11);
      }),
    );
  });

  it('rejects invalid counts', () => {
    expect(() => exactPoissonInterval(-1, 95)).toThrow(RangeError);
    expect(() => exactPoissonInterval(Number.NaN, 95)).toThrow(RangeError);
  });
});

describe('byarInterval', () => {
  // Byar's formula from the guide (Appendix 1) evaluated in mpmath at 30 digits
  // with the z values above. [O, lower95, upper95, lower99.8, upper99.8]
  const table: [number, number, number, number, number][] = [
    [10, 4.78744991307745, 18.3914586079054, 2.91631837492906, 24.1937249269392],
    [65, 50.1631877073395, 82.849138550288, 42.8802614725055, 94.0002908425922],
    [100, 81.3621054865193, 121.627937584439, 71.9036918739452, 134.943621760217],
    [1000, 938.972498701543, 1063.95258128664, 905.114954600932, 1101.63294511712],
    [1045, 982.593201793062, 1110.33121300113, 947.940703566121, 1148.80616098226],
  ];

  it.each(table)('O = %i matches the formula', (o, l95, u95, l998, u998) => {
    expectInterval(byarInterval(o, 95), l95, u95, 1e-12);
    expectInterval(byarInterval(o, 99.8), l998, u998, 1e-12);
  });

  it('gives lower 0 for O = 0 and never a negative lower limit', () => {
    // Upper for O = 0: (1 − 1/9 + z/3)³ (mpmath: 3.66801183326769 at 95%, 7.06646252621107 at 99.8%).
    expectInterval(byarInterval(0, 95), 0, 3.66801183326769, 1e-12);
    expectInterval(byarInterval(0, 99.8), 0, 7.06646252621107, 1e-12);
    // O = 1 at 99.8%: 1 − 1/9 − 3.09/3 < 0, so the raw formula is negative.
    expect(byarInterval(1, 99.8).lower).toBe(0);
  });

  it('is close to the exact limits for O >= 10', () => {
    // The PHE guide: "for 95% confidence intervals, Byar's method is within 0.2% of
    // the exact value for numerators of 10 or more". For 99.8% the worst relative
    // error for O in 10..2000 is 1.49% at O = 10 (computed with scipy.stats.chi2).
    const bound: Record<ConfidenceLevel, number> = { 95: 0.002, 99.8: 0.015 };
    for (const level of levels) {
      for (let o = 10; o <= 2000; o += o < 100 ? 1 : 37) {
        const byar = byarInterval(o, level);
        const exact = exactPoissonInterval(o, level);
        expect(Math.abs(byar.lower / exact.lower - 1)).toBeLessThan(bound[level]);
        expect(Math.abs(byar.upper / exact.upper - 1)).toBeLessThan(bound[level]);
      }
    }
  });
});

describe('countInterval', () => {
  it('uses exact below 10 and Byar from 10 (Fingertips rule)', () => {
    for (const level of levels) {
      expect(countInterval(9, level)).toEqual(exactPoissonInterval(9, level));
      expect(countInterval(10, level)).toEqual(byarInterval(10, level));
      expect(countInterval(0, level)).toEqual(exactPoissonInterval(0, level));
    }
  });
});

describe('rateInterval', () => {
  it('scales the count interval by multiplier / denominator', () => {
    // 25 events in 50,000 per 10,000 (rate 5.0): Byar(25) × 10000 / 50000, where
    // Byar(25, 95%) = (16.1742659199369, 36.9064506951475) in mpmath.
    expectInterval(rateInterval(25, 50_000, 10_000, 95), 3.23485318398739, 7.38129013902951);
    // 99.8%: Byar(25) = (12.3044592869283, 44.6747801763505).
    expectInterval(rateInterval(25, 50_000, 10_000, 99.8), 2.46089185738566, 8.93495603527011);
    // 3 events in 12,000 per 1,000: exact(3) / 12 (table above).
    expectInterval(rateInterval(3, 12_000, 1_000, 95), 0.618672122895601 / 12, 8.76727306974233 / 12);
  });

  it('returns null for a zero denominator and rejects bad inputs', () => {
    expect(rateInterval(0, 0, 1000, 95)).toBeNull();
    expect(() => rateInterval(1, -5, 1000, 95)).toThrow(RangeError);
    expect(() => rateInterval(1, 100, 0, 95)).toThrow(RangeError);
  });

  it('brackets the rate, and 95% nests inside 99.8%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 10_000_000 }), (count, denominator) => {
        const rate = (count / denominator) * 1000;
        const i95 = rateInterval(count, denominator, 1000, 95)!;
        const i998 = rateInterval(count, denominator, 1000, 99.8)!;
        expect(i95.lower).toBeLessThanOrEqual(rate);
        expect(i95.upper).toBeGreaterThanOrEqual(rate);
        expect(i998.lower).toBeLessThanOrEqual(i95.lower);
        expect(i998.upper).toBeGreaterThanOrEqual(i95.upper);
      }),
    );
  });
});

describe('wilsonInterval', () => {
  // Closed form (PHE guide, Appendix 3): (2O + z² ± z√(z² + 4O(1 − O/n))) / (2(n + z²)),
  // evaluated in mpmath at 30 digits. [O, n, lower95, upper95, lower99.8, upper99.8]
  const table: [number, number, number, number, number, number][] = [
    [0, 10, 0, 0.277532799956996, 0, 0.488478900426324],
    [1, 10, 0.0178762130891525, 0.404150026876444, 0.00878911282535626, 0.581994007515703],
    [5, 10, 0.236593090467905, 0.763406909532094, 0.150543672103965, 0.849456327896035],
    [9, 10, 0.595849973123556, 0.982123786910847, 0.418005992484297, 0.991210887174644],
    [10, 10, 0.722467200043004, 1, 0.511521099573676, 1],
    [81, 263, 0.255288519866693, 0.366209576996938, 0.228035740245869, 0.401389421904095],
    [65, 100, 0.552544432945526, 0.736357517587362, 0.495494657415412, 0.778354061403194],
    [1045, 5000, 0.197955498797594, 0.220491303734638, 0.191793817991056, 0.227315629024234],
    // A tiny proportion: checks the limits do not lose digits to cancellation.
    [1, 1_000_000, 1.76524576687383e-7, 5.66491180617237e-6, 8.72425841967987e-8, 1.14621828291989e-5],
  ];

  it.each(table)('%i / %i matches the closed form', (o, n, l95, u95, l998, u998) => {
    expectInterval(wilsonInterval(o, n, 95), l95, u95, 1e-12);
    expectInterval(wilsonInterval(o, n, 99.8), l998, u998, 1e-12);
  });

  it('is exact at the ends: 0/n starts at 0, n/n ends at 1', () => {
    for (const level of levels) {
      const z2 = Z[level] ** 2;
      const none = wilsonInterval(0, 10, level)!;
      expect(none.lower).toBe(0);
      // Closed form with O = 0: upper = z² / (n + z²).
      expectClose(none.upper, z2 / (10 + z2), 1e-14);
      const all = wilsonInterval(10, 10, level)!;
      expect(all.upper).toBe(1);
      // Closed form with O = n: lower = n / (n + z²).
      expectClose(all.lower, 10 / (10 + z2), 1e-14);
    }
  });

  it('returns null for a zero denominator and rejects bad inputs', () => {
    expect(wilsonInterval(0, 0, 95)).toBeNull();
    expect(() => wilsonInterval(11, 10, 95)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10, 95)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.NaN, 95)).toThrow(RangeError);
  });

  it('brackets p, stays in [0, 1], nests 95% in 99.8% and mirrors O ↔ n − O', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([o, n]) => {
          const p = o / n;
          const i95 = wilsonInterval(o, n, 95)!;
          const i998 = wilsonInterval(o, n, 99.8)!;
          expect(i95.lower).toBeGreaterThanOrEqual(0);
          expect(i95.upper).toBeLessThanOrEqual(1);
          expect(i95.lower).toBeLessThanOrEqual(p);
          expect(i95.upper).toBeGreaterThanOrEqual(p);
          expect(i998.lower).toBeLessThanOrEqual(i95.lower);
          expect(i998.upper).toBeGreaterThanOrEqual(i95.upper);
          const mirror = wilsonInterval(n - o, n, 95)!;
          expect(Math.abs(mirror.lower - (1 - i95.upper))).toBeLessThan(1e-12);
          expect(Math.abs(mirror.upper - (1 - i95.lower))).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('limits increase with the numerator for a fixed denominator', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.constant(n))),
        fc.constantFrom<ConfidenceLevel>(95, 99.8),
        ([o, n], level) => {
          const a = wilsonInterval(o, n, level)!;
          const b = wilsonInterval(o + 1, n, level)!;
          expect(b.lower).toBeGreaterThan(a.lower);
          expect(b.upper).toBeGreaterThanOrEqual(a.upper);
        },
      ),
    );
  });
});

describe('count intervals (properties)', () => {
  it('bracket O, nest 95% in 99.8% and increase with O', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (o) => {
        const i95 = countInterval(o, 95);
        const i998 = countInterval(o, 99.8);
        expect(i95.lower).toBeGreaterThanOrEqual(0);
        expect(i95.lower).toBeLessThanOrEqual(o);
        expect(i95.upper).toBeGreaterThanOrEqual(o);
        expect(i998.lower).toBeLessThanOrEqual(i95.lower);
        expect(i998.upper).toBeGreaterThanOrEqual(i95.upper);
        // Monotone within each method (the switch at 10 is a separate test above).
        for (const method of [exactPoissonInterval, byarInterval]) {
          const a = method(o, 95);
          const b = method(o + 1, 95);
          expect(b.lower).toBeGreaterThanOrEqual(a.lower);
          expect(b.upper).toBeGreaterThan(a.upper);
        }
      }),
    );
  });
});
