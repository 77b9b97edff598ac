import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recoverableKeys } from '../../server/disclosure/audit.ts';
import type { Additivity, Cell } from '../../server/disclosure/index.ts';

// The audit solves each block of linked unknowns on its own. The answer must be the one a
// single elimination over all the unknowns gives: this reference is that elimination, written
// plainly, on random cross-tabulations (rows × columns with both margins and a grand total)
// with random cells hidden, several tables side by side so that blocks are many.

function denseSolved(cells: Cell[], groups: Additivity[], hidden: Set<string>): string[] {
  const unknown = cells.filter((c) => hidden.has(c.key) || c.numerator === null).map((c) => c.key).sort();
  const col = new Map(unknown.map((k, i) => [k, i]));
  const rows = groups
    .map((g) => {
      const row = new Array<number>(unknown.length).fill(0);
      if (col.has(g.total)) row[col.get(g.total)!]! += 1;
      for (const p of g.parts) if (col.has(p)) row[col.get(p)!]! -= 1;
      return row;
    })
    .filter((row) => row.some((x) => x !== 0));
  const pivots: [number, number][] = [];
  let r = 0;
  for (let c = 0; c < unknown.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]!.map((x) => x / rows[r]![c]!);
    rows[r] = pivot;
    rows.forEach((row, i) => {
      if (i !== r) {
        const f = row[c]!;
        rows[i] = row.map((x, j) => x - f * pivot[j]!);
      }
    });
    pivots.push([c, r]);
    r++;
  }
  return pivots.filter(([c, p]) => rows[p]!.every((x, j) => j === c || Math.abs(x) < 1e-9)).map(([c]) => unknown[c]!).filter((k) => hidden.has(k)).sort();
}

const crossTabs = fc.array(
  fc.record({ rows: fc.integer({ min: 1, max: 4 }), cols: fc.integer({ min: 1, max: 4 }), hidden: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }) }),
  { minLength: 1, maxLength: 5 },
);

describe('the recoverability audit, block by block', () => {
  it('finds exactly what one elimination over every unknown finds', () => {
    fc.assert(
      fc.property(crossTabs, (tabs) => {
        const cells: Cell[] = [];
        const groups: Additivity[] = [];
        const hidden = new Set<string>();
        tabs.forEach((t, n) => {
          const key = (i: number | 'all', j: number | 'all') => `t${n}|${i}|${j}`;
          const is = [...Array(t.rows).keys()];
          const js = [...Array(t.cols).keys()];
          const all = [...is, 'all' as const].flatMap((i) => [...js, 'all' as const].map((j) => key(i, j)));
          all.forEach((k, x) => {
            cells.push({ key: k, numerator: 10 + x, denominator: null, denominatorIsCount: false });
            if (t.hidden[x % 25]) hidden.add(k);
          });
          for (const i of [...is, 'all' as const]) groups.push({ total: key(i, 'all'), parts: js.map((j) => key(i, j)) });
          for (const j of [...js, 'all' as const]) groups.push({ total: key('all', j), parts: is.map((i) => key(i, j)) });
        });
        expect(recoverableKeys(cells, groups, (k) => hidden.has(k))).toEqual(denseSolved(cells, groups, hidden));
      }),
      { numRuns: 300 },
    );
  });

  it('would notice a wrong answer: a lone hidden cell is found', () => {
    const cells: Cell[] = ['t', 'a', 'b'].map((key, i) => ({ key, numerator: 10 + i, denominator: null, denominatorIsCount: false }));
    expect(recoverableKeys(cells, [{ total: 't', parts: ['a', 'b'] }], (k) => k === 'a')).toEqual(['a']);
  });
});
