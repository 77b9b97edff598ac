import { describe, expect, it } from 'vitest';
import { solve, wholeValue, type Equation } from '../../../server/disclosure/auditor/solver.ts';

// Hand-made systems with their answers worked out by hand.
const eq = (terms: Record<string, number>, constant: number): Equation => ({
  terms: new Map(Object.entries(terms).map(([k, v]) => [k, BigInt(v)])),
  constant: BigInt(constant),
});
const known = (values: Record<string, number>) => new Map(Object.entries(values).map(([k, v]) => [k, BigInt(v)]));
const pinnedValues = (equations: Equation[], k: Map<string, bigint>) =>
  Object.fromEntries([...solve(equations, k).pinned].map(([v, r]) => [v, Number(wholeValue(r))]));

describe('exact solver', () => {
  it('pins the one unknown part of a total: 20 = 12 + x => x = 8', () => {
    expect(pinnedValues([eq({ t: 1, a: -1, x: -1 }, 0)], known({ t: 20, a: 12 }))).toEqual({ x: 8 });
  });

  it('does not pin two unknown parts of one total (x + y = 5)', () => {
    expect(pinnedValues([eq({ t: 1, x: -1, y: -1 }, 0)], known({ t: 10 }))).toEqual({});
  });

  it('pins a cell through a chain of two tables', () => {
    // Table 1: T1 = x + y (T1 = 9); table 2: T2 = y + z (T2 = 11) and z published = 6.
    // Table 2 gives y = 5, then table 1 gives x = 4. Neither table alone pins x.
    const equations = [eq({ T1: 1, x: -1, y: -1 }, 0), eq({ T2: 1, y: -1, z: -1 }, 0)];
    expect(pinnedValues(equations.slice(0, 1), known({ T1: 9, T2: 11, z: 6 }))).toEqual({});
    expect(pinnedValues(equations, known({ T1: 9, T2: 11, z: 6 }))).toEqual({ y: 5, x: 4 });
  });

  it('a 2 x 2 table with all four inner cells suppressed and every margin published pins nothing', () => {
    // a + b = 10, c + d = 7, a + c = 8, b + d = 9: rank 3 in 4 unknowns, one degree of freedom.
    const equations = [eq({ a: 1, b: 1 }, 10), eq({ c: 1, d: 1 }, 7), eq({ a: 1, c: 1 }, 8), eq({ b: 1, d: 1 }, 9)];
    expect(pinnedValues(equations, known({}))).toEqual({});
  });

  it('needs elimination, not just one equation at a time: x + y = 7, x - y = 1 => x = 4, y = 3', () => {
    expect(pinnedValues([eq({ x: 1, y: 1 }, 7), eq({ x: 1, y: -1 }, 1)], known({}))).toEqual({ x: 4, y: 3 });
  });

  it('keeps rational values exact: 3x = 7 is pinned but not whole', () => {
    const r = solve([eq({ x: 3 }, 7)], known({})).pinned.get('x');
    expect(r).toEqual({ numerator: 7n, denominator: 3n });
    expect(wholeValue(r as { numerator: bigint; denominator: bigint })).toBeNull();
  });

  it('counts contradictions between published figures', () => {
    expect(solve([eq({ t: 1, a: -1, b: -1 }, 0)], known({ t: 10, a: 3, b: 4 })).contradictions).toBe(1);
  });

  it('solves independent blocks separately and pins in each', () => {
    const equations = [eq({ T: 1, x: -1, y: -1 }, 0), eq({ U: 1, p: -1, q: -1 }, 0), eq({ q: 1 }, 2)];
    expect(pinnedValues(equations, known({ T: 5, y: 5, U: 9 }))).toEqual({ x: 0, p: 7, q: 2 });
  });
});
