import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chiSquareQuantile, gammaQuantile, logGamma, regularizedGamma } from '../../server/statistics/gamma.ts';
import { expectClose } from './helpers.ts';

describe('logGamma', () => {
  it('matches factorials and known values', () => {
    // ln Γ(5) = ln 4! = ln 24 (exact identity).
    expectClose(logGamma(5), Math.log(24), 1e-13);
    // ln Γ(0.5) = ln √π (exact identity).
    expectClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13);
    // mpmath.loggamma at 40 digits: 0.1 → 2.25271265173421, 100.5 → 361.435540467778, 1e6 → 12815504.5691476.
    expectClose(logGamma(0.1), 2.25271265173421, 1e-13);
    expectClose(logGamma(100.5), 361.435540467778, 1e-13);
    expectClose(logGamma(1e6), 12815504.5691476, 1e-13);
  });

  it('rejects non-positive arguments', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1)).toThrow(RangeError);
  });
});

describe('regularizedGamma', () => {
  it('matches closed forms and high-precision values', () => {
    // a = 1 is the exponential distribution: P(1, x) = 1 − e^(−x).
    expectClose(regularizedGamma(1, 2).p, 1 - Math.exp(-2), 1e-13);
    // P(3, 2) = 1 − e^(−2)(1 + 2 + 2) (Poisson identity) = 0.323323583816937.
    expectClose(regularizedGamma(3, 2).p, 1 - 5 * Math.exp(-2), 1e-13);
    // mpmath.gammainc(regularized=True), 40 digits.
    expectClose(regularizedGamma(10, 30).q, 7.12175086281558e-6, 1e-12);
    expectClose(regularizedGamma(1000, 900).p, 0.000549902265711783, 1e-10);
  });

  it('has p + q = 1 and edge values', () => {
    expect(regularizedGamma(2, 0)).toEqual({ p: 0, q: 1 });
    expect(regularizedGamma(2, Infinity)).toEqual({ p: 1, q: 0 });
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 5000, noNaN: true }), fc.double({ min: 0, max: 10000, noNaN: true }), (a, x) => {
        const { p, q } = regularizedGamma(a, x);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(q).toBeGreaterThanOrEqual(0);
        expect(Math.abs(p + q - 1)).toBeLessThan(1e-12);
      }),
    );
  });
});

describe('chiSquareQuantile', () => {
  it('matches standard chi-square table values', () => {
    // Printed tables give 5.024, 5.991, 3.247, 10.828, 2.366, 70.065; the full digits
    // are from mpmath root finding (40 digits) and agree with scipy.stats.chi2.ppf.
    expectClose(chiSquareQuantile(0.975, 1), 5.02388618731489);
    expectClose(chiSquareQuantile(0.95, 2), 5.99146454710798);
    expectClose(chiSquareQuantile(0.025, 10), 3.24697278023684);
    expectClose(chiSquareQuantile(0.999, 1), 10.8275661706627);
    expectClose(chiSquareQuantile(0.5, 3), 2.36597388437534);
    expectClose(chiSquareQuantile(0.01, 100), 70.0648949253998);
    // Upper-tail form: Q = 0.001 is the same point as P = 0.999.
    expectClose(chiSquareQuantile(0.001, 1, 'upper'), 10.8275661706627);
  });

  it('inverts the distribution function (round trip)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 2000, noNaN: true }), fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (a, prob) => {
        const x = gammaQuantile(a, prob, 'lower');
        expect(Math.abs(regularizedGamma(a, x).p - prob)).toBeLessThan(1e-11);
        const y = gammaQuantile(a, prob, 'upper');
        expect(Math.abs(regularizedGamma(a, y).q - prob)).toBeLessThan(1e-11);
      }),
    );
  });

  it('handles the end points', () => {
    expect(gammaQuantile(3, 0)).toBe(0);
    expect(gammaQuantile(3, 1)).toBe(Infinity);
    expect(gammaQuantile(3, 1, 'upper')).toBe(0);
    expect(() => gammaQuantile(3, 1.5)).toThrow(RangeError);
    expect(() => chiSquareQuantile(0.5, 0)).toThrow(RangeError);
  });
});
