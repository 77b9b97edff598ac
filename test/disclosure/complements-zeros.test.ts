import { describe, expect, it } from 'vitest';
import { suppress, type Additivity, type Cell } from '../../server/disclosure/index.ts';

// Issue 13, route 2 (complements) and "a zero is never the only protection".
const rate = (key: string, numerator: number, denominator: number): Cell => ({ key, numerator, denominator, denominatorIsCount: true });
const count = (key: string, numerator: number): Cell => ({ key, numerator, denominator: null, denominatorIsCount: false });

describe('complements of proportions are counts', () => {
  it('suppresses "15 requests decided, 8 refused" (7 agreed)', () => {
    const r = suppress([rate('a', 8, 15)], []);
    expect(r.get('a')?.suppressed).toBe(true);
    expect(r.get('a')?.reason).toBe('primary');
  });

  it('publishes a complement of 0 or above the threshold', () => {
    const r = suppress([rate('all-agreed', 15, 15), rate('b', 7 + 1, 30)], []);
    expect(r.get('all-agreed')?.suppressed).toBe(false);
    expect(r.get('b')?.suppressed).toBe(false);
  });

  it('a complement-suppressed part gets a companion in its breakdown', () => {
    // total 40/70; parts 8/15 (complement 7), 12/25, 20/30
    const cells = [rate('t', 40, 70), rate('p1', 8, 15), rate('p2', 12, 25), rate('p3', 20, 30)];
    const r = suppress(cells, [{ total: 't', parts: ['p1', 'p2', 'p3'] }]);
    expect(r.get('p1')?.suppressed).toBe(true);
    expect([...r.values()].filter((x) => x.suppressed).length).toBeGreaterThanOrEqual(2);
  });
});

describe('a zero is never the only protection of a suppressed cell', () => {
  it('chooses a non-zero part, not a zero, as the second suppression', () => {
    const cells = [count('t', 20), count('a', 3), count('b', 0), count('c', 17)];
    const groups: Additivity[] = [{ total: 't', parts: ['a', 'b', 'c'] }];
    const r = suppress(cells, groups);
    expect(r.get('a')?.suppressed).toBe(true);
    expect(r.get('c')?.suppressed).toBe(true);
  });

  it('suppresses the total when only zeros are left beside the small count', () => {
    const cells = [count('t', 3), count('a', 3), count('b', 0), count('c', 0)];
    const r = suppress(cells, [{ total: 't', parts: ['a', 'b', 'c'] }]);
    expect(r.get('t')?.suppressed).toBe(true);
    expect(r.get('b')?.suppressed).toBe(false);
    expect(r.get('c')?.suppressed).toBe(false);
  });

  it('a zero suppressed for another reason does not count as protection', () => {
    // z is 0 of a small denominator (primary: denominator 4); p is 5 (primary). In the group
    // {t; p, z, q} the two suppressed members are 5 and 0: t - q = 5 gives p away, so q or t must go too.
    const cells = [rate('t', 25, 60), rate('p', 5, 20), rate('z', 0, 4), rate('q', 20, 36)];
    const r = suppress(cells, [{ total: 't', parts: ['p', 'z', 'q'] }]);
    expect(r.get('p')?.suppressed).toBe(true);
    expect(r.get('z')?.suppressed).toBe(true);
    expect(r.get('q')?.suppressed || r.get('t')?.suppressed).toBe(true);
  });
});
