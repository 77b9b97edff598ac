import type ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorResponse } from '../../contract/indicators.ts';
import { createTestApp } from '../helpers/auth.ts';
import { loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import { indicatorMeta } from '../../server/indicators/engine.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { analyticsTables } from '../../server/exports/analytics-tables.ts';
import { chapters, indicatorTableHeaders, indicatorTableKeys, inChapter } from '../../server/exports/workbook.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { exported, getBinary, parseCsv, readWorkbook, sheetRows, sheetTables, xlsxParts } from './helpers.ts';

type App = Parameters<typeof request>[0];
let t: TempDb;
let open: App;
let suppressed: App;
const books = new Map<string, { workbook: ExcelJS.Workbook; buffer: Buffer; headers: Record<string, string> }>();

beforeAll(async () => {
  t = await fixtureDatabase();
  const reference = await loadReferenceData('data/reference');
  open = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 }, reference }).app;
  suppressed = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, reference }).app;
  for (const [label, app] of [['open', open], ['suppressed', suppressed]] as const) {
    const res = await getBinary(app, '/api/export/all.xlsx');
    books.set(label, { workbook: await readWorkbook(res.body), buffer: res.body, headers: res.headers });
  }
});
afterAll(() => t.cleanup());

const book = (label: 'open' | 'suppressed') => {
  const b = books.get(label);
  if (!b) throw new Error(`no ${label} workbook`);
  return b;
};
const sheet = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
const TABLE_TOP = 4;
const bracket = (v: string): string | number => (v === 'c' || v === 'x' || v === 'z' ? `[${v}]` : /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v) ? Number(v) : v);

describe('GET /api/export/:chapter.xlsx', () => {
  it('is an attachment with a safe name and the xlsx content type', () => {
    const { headers, buffer } = book('open');
    expect(headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(headers['content-disposition']).toBe('attachment; filename="send-jsna_all_e08000035.xlsx"');
    expect(headers['x-synthetic-data']).toBe('false');
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
  });

  it.each(chapters)('%s: Cover, Contents, Notes, then one sheet per indicator and per analytics table of the chapter', async (chapter) => {
    const ids = [...catalogue.filter((d) => inChapter(chapter, d.group)).map((d) => d.id), ...analyticsTables.filter((x) => inChapter(chapter, x.chapter)).map((x) => x.id)];
    if (ids.length === 0) return void (await request(open).get(`/api/export/${chapter}.xlsx`).expect(404));
    const wb = chapter === 'all' ? book('open').workbook : await readWorkbook((await getBinary(open, `/api/export/${chapter}.xlsx`)).body);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Cover', 'Contents', 'Notes', ...ids.map((id) => id.slice(0, 31))]);
    for (const ws of wb.worksheets) expect(ws.name.length).toBeLessThanOrEqual(31);
  });

  it.each([
    ['/api/export/chapter9.xlsx', 404],
    ['/api/export/no-such-indicator.xlsx', 404],
    ['/api/export/all.xlsx?level=country', 400],
    ['/api/export/all.xlsx?area=E99999999', 404],
    ['/api/export/all.xlsx?x=1', 400],
  ])('%s → %i', async (path, status) => {
    const res = await request(open).get(path).expect(status);
    expect(typeof res.body.error).toBe('string');
  });
});

describe('layout (GAF "Releasing statistics in spreadsheets")', () => {
  it('has no merged cells anywhere', async () => {
    const { workbook, buffer } = book('open');
    for (const ws of workbook.worksheets) expect(ws.model.merges, ws.name).toEqual([]);
    for (const [name, xml] of await xlsxParts(buffer)) if (name.startsWith('xl/worksheets/')) expect(xml).not.toMatch(/<mergeCell/);
  });

  it('has a cover with title, source, extract date, disclosure statement and contact, and no table', () => {
    const ws = sheet(book('open').workbook, 'Cover');
    expect(sheetTables(ws)).toEqual([]);
    const text = sheetRows(ws).map((r) => r[0]);
    expect(text[0]).toMatch(/^Needs, gaps and outcomes: SEND Joint Strategic Needs Assessment indicators for Leeds$/);
    for (const heading of ['Source', 'Disclosure control', 'Contact', 'Data status']) expect(text).toContain(heading);
    expect(text.join('\n')).toMatch(/Extract date: 2025-01-16/);
    expect(text.join('\n')).toMatch(/Primary suppression .* from 1 to 0|Suppression threshold 0/);
    expect(text.join('\n')).not.toMatch(/SYNTHETIC/);
  });

  it('rounds every non-whole number to at most 6 decimal places (no floating-point noise; issue 17)', () => {
    const { workbook } = book('open');
    let decimals = 0;
    for (const ws of workbook.worksheets) {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          if (typeof cell.value !== 'number' || Number.isInteger(cell.value)) return;
          decimals += 1;
          expect(String(cell.value), `${ws.name} ${cell.address}`).not.toMatch(/\.\d{7,}/);
        });
      });
    }
    expect(decimals).toBeGreaterThan(50);
  });

  it('names a contact on the cover, or says plainly how to set one (issue 17)', async () => {
    const contactOf = (wb: ExcelJS.Workbook) => {
      const text = sheetRows(sheet(wb, 'Cover')).map((r) => String(r[0]));
      return text[text.indexOf('Contact') + 1] ?? '';
    };
    const unset = contactOf(book('open').workbook);
    expect(unset).not.toMatch(/to be completed/);
    expect(unset).toMatch(/PUBLICATION_CONTACT/);
    const withContact = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7, PUBLICATION_CONTACT: 'SEND Intelligence Team, send.intelligence@example.gov.uk' } }).app;
    const wb = await readWorkbook((await getBinary(withContact, '/api/export/needs.xlsx')).body);
    expect(contactOf(wb)).toBe('SEND Intelligence Team, send.intelligence@example.gov.uk');
  });

  it('puts one Excel table per sheet at A4, its header row matching the cells, with no blank cell inside', () => {
    const { workbook } = book('open');
    const names = new Set<string>();
    for (const ws of workbook.worksheets.filter((w) => w.name !== 'Cover')) {
      const tables = sheetTables(ws);
      expect(tables, ws.name).toHaveLength(1);
      const [table] = tables;
      if (!table) continue;
      names.add(table.name);
      expect(table.name).toMatch(/^Table_[A-Za-z0-9_]+$/);
      const match = /^A(\d+):([A-Z]+)(\d+)$/.exec(table.ref);
      expect(match, table.ref).not.toBeNull();
      expect(Number(match?.[1])).toBe(TABLE_TOP);
      expect(Number(match?.[3])).toBe(ws.rowCount);
      expect(table.columns).toHaveLength(ws.columnCount);
      const rows = sheetRows(ws);
      expect(typeof rows[0]?.[0]).toBe('string'); // title in A1
      expect(rows[0]?.slice(1).every((v) => v === null)).toBe(true);
      expect(rows[TABLE_TOP - 1]).toEqual(table.columns); // header row
      for (const [i, row] of rows.slice(TABLE_TOP - 1).entries()) {
        for (const [j, v] of row.entries()) expect(v === null || v === '', `${ws.name} row ${TABLE_TOP + i} column ${j + 1}`).toBe(false);
      }
    }
    expect(names.size).toBe(workbook.worksheets.length - 1);
  });

  it('lists every table sheet in Contents, each linked to its sheet', async () => {
    const { workbook, buffer } = book('open');
    const contents = sheet(workbook, 'Contents');
    const listed = sheetRows(contents, TABLE_TOP + 1).map((r) => r[0]);
    expect(listed).toEqual(workbook.worksheets.map((ws) => ws.name).filter((n) => n !== 'Cover' && n !== 'Contents'));
    const xml = (await xlsxParts(buffer)).get(`xl/worksheets/sheet${contents.id}.xml`) ?? '';
    const links = [...xml.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="([^"]+)"\/>/g)].map((m) => [m[1], m[2]?.replaceAll('&apos;', "'")]);
    expect(links).toEqual(listed.map((name, i) => [`A${TABLE_TOP + 1 + i}`, `'${String(name)}'!A1`]));
  });

  it('explains symbols, methods and every indicator in Notes', () => {
    const notes = sheetRows(sheet(book('open').workbook, 'Notes'), TABLE_TOP + 1);
    const text = notes.map((r) => String(r[1])).join('\n');
    for (const s of ['[c]', '[x]', '[z]', 'Wilson', 'Byar', 'apostrophe']) expect(text).toContain(s);
    for (const d of catalogue) expect(text).toContain(`(${d.id})`);
    expect(notes.map((r) => r[0])).toEqual(notes.map((_r, i) => `[note ${i + 1}]`));
  });
});

describe('indicator sheets hold the API figures', () => {
  it.each([
    ['open', 0],
    ['suppressed', 7],
  ] as const)('every indicator, area, breakdown and period (%s, threshold %i)', async (label, threshold) => {
    const app = label === 'open' ? open : suppressed;
    const { workbook } = book(label);
    const areas = ((await request(app).get('/api/areas').expect(200)).body.areas as { area_code: string; area_type: string }[]).map((a) => a.area_code);
    let suppressedCells = 0;
    for (const definition of catalogue) {
      const ws = sheet(workbook, definition.id.slice(0, 31));
      const indicator = indicatorMeta(definition);
      const keys = indicatorTableKeys(indicator);
      expect(sheetRows(ws)[TABLE_TOP - 1]).toEqual(indicatorTableHeaders(indicator));
      const rows = sheetRows(ws, TABLE_TOP + 1);
      let next = 0;
      for (const area of areas) {
        for (const by of ['all', ...definition.breakdowns]) {
          const query = `?area=${encodeURIComponent(area)}&period=all&by=${by}`;
          const api = (await request(app).get(`/api/indicators/${definition.id}${query}`).expect(200)).body as IndicatorResponse;
          const csv = parseCsv((await getBinary(app, `/api/export/${definition.id}.csv${query}`)).body).records;
          for (const [i, apiRow] of api.rows.entries()) {
            const row = rows[next++] ?? [];
            const cell = (key: string): ExcelJS.CellValue => row[keys.indexOf(key as (typeof keys)[number])] ?? null;
            expect([cell('time_period'), cell('area_code'), cell('breakdown'), cell('breakdown_value')]).toEqual([Number(apiRow.period), apiRow.area_code, apiRow.breakdown, apiRow.breakdown_value]);
            for (const key of ['numerator', 'denominator', 'value'] as const) {
              const v = apiRow[key];
              expect(cell(key), `${definition.id} ${key}`).toBe(exported(v) ?? (apiRow.suppressed ? '[c]' : '[x]'));
            }
            if (apiRow.suppressed) suppressedCells++;
            expect(cell('rounded'), `${definition.id} rounded`).toBe(apiRow.rounded === true ? 'Yes' : 'No');
            // Every other column as in the tidy CSV (itself checked against the API), symbols bracketed; the CSV's
            // rounded true/false is the workbook's Yes/No.
            const record = csv[i] ?? {};
            const expected = (key: string) => (key === 'rounded' ? (record[key] === 'true' ? 'Yes' : 'No') : bracket(record[key] ?? ''));
            for (const key of keys) expect(cell(key), `${definition.id} ${key}`).toEqual(expected(key));
          }
        }
      }
      expect(next, `${definition.id}: rows in the sheet`).toBe(rows.length);
    }
    if (threshold === 0) expect(suppressedCells).toBe(0);
    else expect(suppressedCells).toBeGreaterThan(0);
  });

  it('shows [c] at threshold 7 and numbers at threshold 0 (active plans by sex, 2024: F 3, M 9)', () => {
    const pick = (label: 'open' | 'suppressed') => {
      const ws = sheet(book(label).workbook, 'ehc-plans-rate');
      const keys = indicatorTableKeys(indicatorMeta(catalogue.find((d) => d.id === 'ehc-plans-rate') ?? (null as never)));
      const col = (k: string) => keys.indexOf(k as (typeof keys)[number]);
      return sheetRows(ws, TABLE_TOP + 1)
        .filter((r) => r[col('area_code')] === 'E08000035' && r[col('breakdown')] === 'sex' && r[col('time_period')] === 2024)
        .map((r) => [r[col('breakdown_value')], r[col('numerator')], r[col('value')]]);
    };
    expect(pick('suppressed')).toEqual([
      ['F', '[c]', '[c]'],
      ['M', '[c]', '[c]'],
    ]);
    expect(pick('open')).toEqual([
      ['F', 3, 1.2],
      ['M', 9, 3.6],
    ]);
  });

  it('writes no [c] at threshold 0 and stores numbers as numbers', () => {
    const { workbook } = book('open');
    let numbers = 0;
    workbook.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          expect(c.value).not.toBe('[c]');
          if (typeof c.value === 'number') numbers++;
          if (typeof c.value === 'string') expect(c.value).not.toMatch(/^-?\d+(\.\d+)?$/);
        }),
      ),
    );
    expect(numbers).toBeGreaterThan(100);
  });
});
