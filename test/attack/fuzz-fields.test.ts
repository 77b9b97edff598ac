import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { fixtureDir } from '../helpers/fixture-db.ts';
import { attackBench, type AttackBench } from './helpers.ts';

// Random values in random data cells, properly quoted, and extra or missing fields on some rows:
// the file stays readable CSV, so every run must load (never refuse the extract), with each file's
// rows read = loaded + rejected, the damaged rows quarantined with a reason and the tables holding
// exactly the loaded rows. fuzz-extract.test.ts damages the bytes instead, which mostly ends in a
// refusal; this reaches the row validation. ATTACK_FUZZ_RUNS (npm test: 4 here; npm run soak: 50).

const runs = Number(process.env.ATTACK_FUZZ_RUNS ?? 4);

let b: AttackBench;
beforeAll(async () => {
  b = await attackBench();
});
afterAll(() => b.cleanup());

const csvFiles = readdirSync(fixtureDir).filter((n) => n.endsWith('.csv')).sort();
const quote = (v: string): string => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v);

const cellValue = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', 'NULL', 'null', '-1', '1e309', '2024-02-30', '9999-12-31', '0000-00-00', '13/05/2024', 'TRUE', 'yes', '£1,200.00', "'; DROP TABLE children; --", '=1+1', 'C01', 'P01', 'S01'),
);
const damage = fc.record({
  row: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  column: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  value: cellValue,
  shape: fc.constantFrom('cell', 'cell', 'cell', 'extra-field', 'missing-field'),
});

describe('fuzzed cell values in readable CSV', () => {
  it(`${runs} runs: always loads, damaged rows quarantined, counts add up`, { timeout: 30_000 + runs * 15_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...csvFiles), fc.array(damage, { minLength: 1, maxLength: 6 }), async (name, damages) => {
        const dir = b.variant((d) => {
          const rows = parse(readFileSync(join(d, name), 'utf8'), { bom: true, relax_column_count: true }) as string[][];
          for (const x of damages) {
            const row = rows[1 + Math.floor(x.row * (rows.length - 1))];
            if (!row) continue;
            const at = Math.floor(x.column * row.length);
            if (x.shape === 'cell') row[at] = x.value;
            else if (x.shape === 'extra-field') row.push(x.value);
            else row.splice(at, 1);
          }
          writeFileSync(join(d, name), rows.map((r) => r.map(quote).join(',')).join('\n') + '\n');
        });
        const summary = await loadExtract(b.db, dir);
        for (const f of summary.files) {
          expect(f.rowsRead).toBe(f.rowsLoaded + f.rowsRejected);
          const rejected = f.reasons.reduce((n, r) => Math.max(n, r.rows), 0);
          expect(rejected <= f.rowsRejected && (f.rowsRejected === 0) === (f.reasons.length === 0)).toBe(true);
          const [row] = await b.db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${f.table}`);
          expect(row?.n).toBe(f.rowsLoaded);
        }
      }),
      { numRuns: runs },
    );
  });
});
