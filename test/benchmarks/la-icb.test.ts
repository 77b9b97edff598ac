import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/sql-files.ts';

// data/reference/la-icb.csv (each LA's ICB, for ICB areas) against the other reference tables.
// It is not yet checked against the ONS LAD-SICBL-ICB lookup (none reachable offline: see
// data/reference/README.md); these are the checks that can be made without it.
const read = (name: string) => parse(readFileSync(join(repoRoot, 'data', 'reference', name), 'utf8'), { columns: true }) as Record<string, string>[];

describe('the LA to ICB lookup', () => {
  const lookup = read('la-icb.csv');
  const las = read('areas.csv').filter((a) => a.geographic_level === 'Local authority');
  const icbs = new Map(read('icb-names.csv').map((i) => [i.icb_ons_code, i]));

  it('gives every LA of areas.csv once, by its code and name', () => {
    expect(lookup.map((r) => [r.la_code, r.la_name]).sort()).toEqual(las.map((a) => [a.area_code, a.area_name]).sort());
  });

  it('names one of the 42 ICBs, with its own ODS code, and every ICB has an LA', () => {
    expect(icbs.size).toBe(42);
    for (const r of lookup) expect([r.la_code, icbs.get(r.icb_ons_code ?? '')?.icb_ods_code]).toEqual([r.la_code, r.icb_ods_code]);
    expect(new Set(lookup.map((r) => r.icb_ons_code)).size).toBe(42);
  });
});
