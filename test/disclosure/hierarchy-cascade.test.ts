import { describe, expect, it } from 'vitest';
import type { Area } from '../../contract/common.ts';
import type { AggregateArea } from '../../server/data-context.ts';
import { aggregateRows } from '../../server/indicators/aggregates.ts';
import { suppressRows } from '../../server/indicators/engine.ts';
import type { SourceRow } from '../../server/indicators/types.ts';

// Issue 19, found on a generated extract of 27 LAs: one ICB's count of children with
// multi-sensory impairment was 6 (its three LAs 2, 3 and 1), and suppression then hid, one
// cell at a time, every need of the ICB, of its region, of the other region and of England,
// and a thousand LA cells besides (73% of one year's cells). The audit said the ICB's cells
// were still recoverable and the cell chosen was always the nearest, an aggregate's, which
// never broke the equations that solved them. Here: the same shape, small enough to read.

const NEEDS = ['ASD', 'SEMH', 'SLCN', 'MLD', 'MSI'];
const LOCALITIES = ['north', 'south', 'east'];

/** A deterministic count per cell: mostly tens to hundreds, with MSI small everywhere. */
function count(la: number, locality: number, need: number): number {
  if (NEEDS[need] === 'MSI') return la < 3 ? [1, 0, 1, 0, 0, 1, 1, 0, 0][la * 3 + locality] as number : (la + locality) % 4;
  return 8 + ((la * 37 + locality * 11 + need * 23) % 90);
}

function hierarchy(): { rows: SourceRow[]; areas: Area[]; aggregates: AggregateArea[] } {
  const las = Array.from({ length: 10 }, (_, i) => `E0600000${i}`);
  const areas: Area[] = [];
  const rows: SourceRow[] = [];
  const row = (area_code: string, breakdown: string, breakdown_value: string, numerator: number): SourceRow => ({ area_code, period: '2024', breakdown, breakdown_value, numerator, denominator: null });
  las.forEach((la, l) => {
    areas.push({ area_code: la, area_name: la, area_type: 'la', parent_code: null });
    let laTotal = 0;
    const byNeed = NEEDS.map(() => 0);
    LOCALITIES.forEach((name, k) => {
      const code = `${la}:${name}`;
      areas.push({ area_code: code, area_name: name, area_type: 'locality', parent_code: la });
      const values = NEEDS.map((_, n) => count(l, k, n));
      values.forEach((v, n) => {
        byNeed[n] = (byNeed[n] as number) + v;
        rows.push(row(code, 'primary_need', NEEDS[n] as string, v));
      });
      const total = values.reduce((a, b) => a + b, 0);
      laTotal += total;
      rows.push(row(code, 'all', 'all', total));
    });
    rows.push(row(la, 'all', 'all', laTotal));
    byNeed.forEach((v, n) => rows.push(row(la, 'primary_need', NEEDS[n] as string, v)));
  });
  const aggregate = (area_code: string, area_type: AggregateArea['area_type'], members: string[]): AggregateArea => ({ area_code, area_name: area_code, area_type, parent_code: null, las: members, las_in_area: members.length });
  const aggregates = [
    aggregate('E92000001', 'england', las),
    aggregate('E12000001', 'region', las.slice(0, 6)),
    aggregate('E12000002', 'region', las.slice(6)),
    aggregate('E54000001', 'icb', las.slice(0, 3)),
    aggregate('E54000002', 'icb', las.slice(3, 6)),
  ];
  const laRows = rows.filter((r) => !r.area_code.includes(':'));
  return { rows: [...rows, ...aggregateRows(laRows, aggregates)], areas, aggregates };
}

describe('one small count in an ICB', () => {
  const { rows, areas, aggregates } = hierarchy();
  const results = suppressRows(rows, { areas, aggregates }, { denominatorIsCount: false }, 7);
  const suppressedOf = (prefix: string) => [...results.values()].filter((r) => r.suppressed && r.key.startsWith(prefix)).map((r) => r.key);

  it('is hidden, as are its three LAs, worked by hand: 1+0+1, 0+0+1, 1+0+0', () => {
    expect(rows.find((r) => r.area_code === 'E54000001' && r.breakdown_value === 'MSI')?.numerator).toBe(4);
    expect(suppressedOf('E54000001|2024|primary_need|MSI')).toHaveLength(1);
    for (const la of ['E06000000', 'E06000001', 'E06000002']) expect(suppressedOf(`${la}|2024|primary_need|MSI`)).toHaveLength(1);
  });

  it("does not hide England's or either region's figures", () => {
    expect(suppressedOf('E92000001')).toEqual([]);
    expect(suppressedOf('E12000001|2024|all')).toEqual([]);
    expect(suppressedOf('E12000002')).toEqual([]);
  });

  it("hides, of the aggregates, only a partner need in that ICB and the other ICB's MSI with a partner (the region less one ICB gives the other)", () => {
    const aggregateCells = [...results.values()].filter((r) => r.suppressed && /^E(92|12|54)/.test(r.key)).map((r) => r.key);
    expect(aggregateCells.every((k) => k.startsWith('E54000001') || k.startsWith('E54000002'))).toBe(true);
    expect(suppressedOf('E54000001')).toHaveLength(2);
    expect(suppressedOf('E54000002|2024|primary_need|MSI')).toHaveLength(1);
    expect(suppressedOf('E54000002')).toHaveLength(2);
  });
});
