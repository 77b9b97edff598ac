import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from 'supertest/types.js';
import { analyticsTables } from '../../server/exports/analytics-tables.ts';
import { createTestApp } from '../helpers/auth.ts';
import type { TempDb } from '../helpers/fixture-db.ts';
import { editedFixtureDatabase, formulaLike, getBinary, parseCsv, readWorkbook, replaceValues } from '../exports/helpers.ts';

// Formula-looking text in the extract (locality names, a commissioner code) loads as text and
// comes out of every download neutralised: each indicator and analytics CSV, and a chapter
// workbook. test/exports/injection.test.ts covers the writers; this covers every export route.

const hostile = { North: "+cmd|' /C calc'!A0", South: '@SUM(1+1)*cmd', QWO: '=HYPERLINK("http://x","click")' };

let t: TempDb;
let app: App;
beforeAll(async () => {
  t = await editedFixtureDatabase((dir) => {
    replaceValues(dir, { North: hostile.North, South: hostile.South }, 'locality');
    replaceValues(dir, { QWO: hostile.QWO }, 'commissioner');
  });
  app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
});
afterAll(() => t.cleanup());

/** Every field of a CSV download; throws on one a spreadsheet would run (negative numbers aside). */
async function csvFields(path: string): Promise<Set<string>> {
  const { records } = parseCsv((await getBinary(app, path)).body);
  const fields = new Set<string>();
  for (const record of records) {
    for (const field of Object.values(record)) {
      if (formulaLike.test(field) && !/^-\d/.test(field)) throw new Error(`formula-like ${JSON.stringify(field)} in ${path}`);
      fields.add(field);
    }
  }
  return fields;
}

describe('formula-looking text from the extract in every download', () => {
  it('is neutralised in indicator and analytics CSVs', async () => {
    const seen = new Set<string>();
    const paths = [
      '/api/export/provision-not-delivered.csv?period=2024&by=commissioner',
      ...analyticsTables.map((a) => `/api/export/analytics/${a.id}.csv`),
    ];
    for (const path of paths) for (const field of await csvFields(path)) seen.add(field);
    for (const text of Object.values(hostile)) expect(seen).toContain(`'${text}`);
  });

  it('is neutralised in a chapter workbook, which has no formulas', async () => {
    const workbook = await readWorkbook((await getBinary(app, '/api/export/gaps.xlsx')).body);
    const texts = new Set<string>();
    workbook.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value !== 'string') return;
          if (formulaLike.test(cell.value)) throw new Error(`formula-like cell ${ws.name}!${cell.address}: ${cell.value}`);
          texts.add(cell.value);
        }),
      ),
    );
    expect([...texts].some((v) => Object.values(hostile).some((h) => v === `'${h}`))).toBe(true);
  });
});
