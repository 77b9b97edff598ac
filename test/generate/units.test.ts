import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../server/generate/csv-writer.ts';
import { addMonths, civil, day, iso } from '../../server/generate/dates.ts';
import { nhsNumberLike } from '../../server/generate/faults.ts';
import { IdSequence } from '../../server/generate/ids.ts';
import { splitInteger } from '../../server/generate/localities.ts';
import { ageLimitCease, validTo } from '../../server/generate/model.ts';
import { Rng } from '../../server/generate/rng.ts';
import { nhsChecksumOk } from './scan.ts';

describe('generator building blocks', () => {
  it('draws the same numbers from the same seed', () => {
    const a = Rng.of(1, 'x');
    const b = Rng.of(1, 'x');
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Rng.of(2, 'x').next()).not.toEqual(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('converts day numbers and civil dates both ways, as the UTC calendar does', () => {
    fc.assert(fc.property(fc.integer({ min: -30000, max: 60000 }), (n) => {
      const [y, m, d] = civil(n);
      expect(day(y, m, d)).toBe(n);
      expect(iso(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
    }));
    expect(iso(addMonths(day(2024, 1, 31), 1))).toBe('2024-02-29');
  });

  it('ends plans at the age limit while the young person is still 25', () => {
    fc.assert(fc.property(fc.integer({ min: 1990 * 12, max: 2020 * 12 }), (bm) => {
      expect(ageLimitCease(bm)).toBeLessThanOrEqual(validTo(bm));
      expect(civil(ageLimitCease(bm))[0] - Math.floor(bm / 12)).toBeGreaterThanOrEqual(25);
    }));
  });

  it('makes NHS-number-like values that pass the modulus 11 check', () => {
    const rng = Rng.of('nhs');
    for (let i = 0; i < 200; i++) expect(nhsChecksumOk(nhsNumberLike(rng))).toBe(true);
  });

  it('never repeats an identifier, and keeps unused ones apart', () => {
    const ids = new IdSequence('P', 3, 99);
    const seen = new Set(Array.from({ length: 20000 }, () => ids.next()));
    expect(seen.size).toBe(20000);
    expect(seen.has(ids.unused(0))).toBe(false);
    expect([...seen].every((id) => /^P[0-9A-F]{8}$/.test(id))).toBe(true);
  });

  it('splits integers exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100000 }), fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 1, maxLength: 9 }), (total, weights) => {
      const parts = splitInteger(total, weights);
      expect(parts.reduce((s, x) => s + x, 0)).toBe(total);
      expect(parts.every((p) => p >= 0)).toBe(true);
    }));
  });

  it('quotes CSV cells as RFC 4180 says', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(12.5)).toBe('12.5');
  });
});
