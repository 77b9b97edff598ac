import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve, type Equation } from '../../../server/disclosure/auditor/solver.ts';

// The solver (peeling, then sparse integer elimination by block) against a plain dense
// Gauss-Jordan elimination over exact fractions, on random small systems.

type Fraction = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const norm = ([n, d]: Fraction): Fraction => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
};
const sub = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const mul = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[0], a[1] * b[1]]);
const div = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[1], a[1] * b[0]]);

function reference(equations: Equation[], known: Map<string, bigint>): Map<string, Fraction> {
  const vars = [...new Set(equations.flatMap((e) => [...e.terms.keys()]))].filter((v) => !known.has(v)).sort();
  const m: Fraction[][] = equations.map((e) => {
    let rhs: Fraction = [e.constant, 1n];
    for (const [v, c] of e.terms) if (known.has(v)) rhs = sub(rhs, [c * (known.get(v) as bigint), 1n]);
    return [...vars.map((v): Fraction => [e.terms.get(v) ?? 0n, 1n]), rhs];
  });
  let r = 0;
  const pivotCols: number[] = [];
  for (let c = 0; c < vars.length && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c]?.[0] !== 0n);
    if (p === -1) continue;
    [m[r], m[p]] = [m[p] as Fraction[], m[r] as Fraction[]];
    const pr = m[r] as Fraction[];
    const pv = pr[c] as Fraction;
    for (let k = 0; k < pr.length; k++) pr[k] = div(pr[k] as Fraction, pv);
    m.forEach((row, i) => {
      if (i === r || row[c]?.[0] === 0n) return;
      const f = row[c] as Fraction;
      for (let k = 0; k < row.length; k++) row[k] = sub(row[k] as Fraction, mul(f, pr[k] as Fraction));
    });
    pivotCols.push(c);
    r++;
  }
  const out = new Map<string, Fraction>();
  pivotCols.forEach((c, i) => {
    const row = m[i] as Fraction[];
    const others = row.slice(0, vars.length).some((x, k) => k !== c && x[0] !== 0n);
    if (!others) out.set(vars[c] as string, row[vars.length] as Fraction);
  });
  return out;
}

const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const equation = fc
  .record({
    terms: fc.uniqueArray(fc.tuple(fc.constantFrom(...names), fc.integer({ min: -3, max: 3 }).filter((x) => x !== 0)), { minLength: 1, maxLength: 4, selector: ([v]) => v }),
    constant: fc.integer({ min: -20, max: 20 }),
  })
  .map((e): Equation => ({ terms: new Map(e.terms.map(([v, c]) => [v, BigInt(c)])), constant: BigInt(e.constant) }));

describe('exact solver against dense elimination', () => {
  it('pins the same unknowns to the same values (consistent systems)', () => {
    fc.assert(
      fc.property(fc.array(equation, { minLength: 1, maxLength: 8 }), fc.dictionary(fc.constantFrom(...names), fc.integer({ min: 0, max: 9 }), { maxKeys: 3 }), (equations, knownValues) => {
        const known = new Map(Object.entries(knownValues).map(([k, v]) => [k, BigInt(v)]));
        const ref = reference(equations, known);
        const got = solve(equations, known);
        // Only consistent systems: an inconsistent one pins nothing meaningful.
        if (got.contradictions > 0) return;
        const mine = new Map([...got.pinned].map(([v, r]) => [v, norm([r.numerator, r.denominator])]));
        expect(Object.fromEntries([...mine].map(([k, v]) => [k, `${v[0]}/${v[1]}`]))).toEqual(Object.fromEntries([...ref].map(([k, v]) => [k, `${v[0]}/${v[1]}`])));
      }),
      { numRuns: 1000, seed: 13 },
    );
  });
});
