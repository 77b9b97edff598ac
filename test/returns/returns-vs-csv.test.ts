import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { writeSyntheticReturns } from '../../server/generate/returns-xml.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { loadFolder } from '../../server/ingest/load-folder.ts';
import { definitionOf } from '../../server/indicators/catalogue.ts';
import { runIndicatorQuery } from '../../server/indicators/indicator-sql.ts';

// The same synthetic children loaded from the CSV extract and from the SEN2 + CIN XML the
// generator writes for them give the same figures, cell for cell (every area, period and
// breakdown), for every indicator both can compute. Left out, with the reason:
// - cna-disabled-children: the CIN census records disability per child, the extract per assessment;
// - personal-budget-take-up: SEN2 has a flag per plan (PB, DP, OA), not each budget's dates and element;
// - provision, reviews, PfA, transitions, tribunal, continuing care, Local Offer capacity: not in either return.
const same = [
  'ehc-plans-rate', 'ehc-plans-by-need', 'ehc-requests-rate', 'ehc-requests-refused', 'ehc-20-week-timeliness',
  'ceased-needs-met', 'out-of-area-placements', 'independent-special-placements', 'feedback-satisfaction', 'feedback-dissatisfaction',
];

let dir: string;
let csv: Database;
let xml: Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'returns-vs-csv-'));
  const extract = join(dir, 'extract');
  await generateExtract({ outDir: extract, children: 1500, seed: 7 });
  await writeSyntheticReturns(extract);
  csv = await Database.open(join(dir, 'csv.duckdb'));
  xml = await Database.open(join(dir, 'xml.duckdb'));
  await loadExtract(csv, extract);
  await loadFolder(xml, join(extract, 'returns'), () => {}, { pseudonymKeyPath: join(dir, 'pseudonym.key') });
}, 180_000);
afterAll(() => {
  csv.close();
  xml.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cells(db: Database, id: string): Promise<Map<string, string>> {
  const rows = await runIndicatorQuery(db, definitionOf(id));
  return new Map(rows.map((r) => [`${String(r.area_code)}|${String(r.period)}|${String(r.breakdown)}|${String(r.breakdown_value)}`, `${String(r.numerator)}/${String(r.denominator)}`]));
}

describe('synthetic children from CSV and from SEN2 + CIN XML', () => {
  it('the XML holds names, UPNs and postcodes (so the test goes through pseudonymisation)', () => {
    const sen2 = readFileSync(join(dir, 'extract', 'returns', 'sen2-2025.xml'), 'utf8');
    expect(sen2).toMatch(/<Surname>\w+<\/Surname>/);
    expect(sen2).toMatch(/<UPN>[A-Z]\d{12}<\/UPN>/);
    expect(sen2).toMatch(/<PostCode>LS\d+ \d[A-Z]{2}<\/PostCode>/);
  });

  for (const id of same) {
    it(`${id}: the same in every cell`, async () => {
      const a = await cells(csv, id);
      const b = await cells(xml, id);
      expect(a.size).toBeGreaterThan(0);
      expect([...a.values()].some((v) => !v.startsWith('0/'))).toBe(true);
      expect(b).toEqual(a);
    });
  }
});
