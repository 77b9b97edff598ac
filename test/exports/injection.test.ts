import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorMeta, IndicatorRow } from '../../contract/indicators.ts';
import { createTestApp } from '../helpers/auth.ts';
import { csvDocument, csvField, safeFileStem } from '../../server/exports/csv.ts';
import { neutralise } from '../../server/exports/neutralise.ts';
import { tidyHeader, tidyRecord, tidyRow } from '../../server/exports/tidy.ts';
import { StreamingWorkbook } from '../../server/exports/xlsx-stream.ts';
import { indicatorMeta } from '../../server/indicators/engine.ts';
import { indicatorById } from '../../server/indicators/catalogue.ts';
import type { TempDb } from '../helpers/fixture-db.ts';
import { editedFixtureDatabase, formulaLike, getBinary, parseCsv, readWorkbook, replaceValues, sheetRows, xlsxParts } from './helpers.ts';

const hostile = ['=HYPERLINK("http://x")', '+SUM(1,2)', '-2+3', '@cmd', '\tTAB', '\rCR', "=1+1'", '-'];

describe('neutralise and the CSV writer', () => {
  it.each(hostile)('prefixes %j with an apostrophe', (text) => {
    expect(neutralise(text)).toBe(`'${text}`);
  });

  it.each(['Leeds', 'North', '0-4', '2.4', 'x', "'quoted", ' =leading space', 'a=b'])('leaves %j alone', (text) => {
    expect(neutralise(text)).toBe(text);
  });

  it('writes negative numbers as numbers and hostile text as text, quoting per RFC 4180', () => {
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(-0.001)).toBe('-0.001');
    expect(csvField('-2.5')).toBe("'-2.5");
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+SUM(1,2)')).toBe(`"'+SUM(1,2)"`);
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    const doc = csvDocument(['text', 'number'], hostile.map((h, i) => [h, -i - 0.5]));
    const rows = parse(doc, { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual(hostile.map((h) => `'${h}`));
    expect(rows.slice(1).map((r) => Number(r[1]))).toEqual(hostile.map((_h, i) => -i - 0.5));
  });

  it('makes file names of [a-z0-9_-] only', () => {
    expect(safeFileStem(['ehc-plans-rate', 'E08000035:north', '2024', 'all'])).toBe('ehc-plans-rate_e08000035-north_2024_all');
    expect(safeFileStem(['../../etc/passwd', '"; rm -rf', ''])).toMatch(/^[a-z0-9_-]+$/);
  });
});

describe('tidy rows with hostile breakdown values and negative numbers', () => {
  const indicator: IndicatorMeta = indicatorMeta(indicatorById.get('ehc-plans-rate') ?? (null as never));
  const row: IndicatorRow = {
    area_code: 'E08000035:hyperlink',
    area_name: '=HYPERLINK("http://x")',
    period: '2024',
    breakdown: 'commissioner',
    breakdown_value: '@SUM(A1:A9)',
    numerator: 10,
    denominator: 20,
    value: -1.5,
    lower_95: -2.25,
    upper_95: -0.5,
    lower_99_8: -3,
    upper_99_8: 0,
    suppressed: false,
    symbol: null,
    suppression_reason: null,
    comparisons: [{ comparator: 'la', label: '-Leeds', value: -4, significance: 'higher', basis: 'headline', local_value: null, local_lower_95: null, local_upper_95: null, local_numerator: null, local_denominator: null, reason: null }],
    rank: null,
  };

  it('neutralises text and keeps numbers, in the CSV', () => {
    const notice = { synthetic: false, data_version: 1, extract_date: '2025-01-16', la_code: 'E08000035' };
    const doc = csvDocument(tidyHeader, [tidyRecord(tidyRow(row, { indicator, notice }))]);
    const [record] = parseCsv(Buffer.from(doc)).records;
    expect(record).toMatchObject({ area_name: `'=HYPERLINK("http://x")`, breakdown_value: "'@SUM(A1:A9)", value: '-1.5', lower_95: '-2.25', la_value: '-4' });
    for (const field of Object.values(record ?? {})) if (formulaLike.test(field)) expect(field).toMatch(/^-\d/);
  });
});

describe('the streaming workbook writer', () => {
  it('writes hostile text as neutralised text and negative numbers as numbers, never a formula', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const book = new StreamingWorkbook(out, { title: 't' });
    const sheet = book.addSheet('=Sheet', [20, 20]);
    sheet.addRow(['=title']);
    sheet.addTable('t', [{ header: 'Text' }, { header: 'Number' }], hostile.map((h, i) => [h, -i - 0.5]));
    sheet.commit();
    await book.commit();
    const buffer = Buffer.concat(chunks);
    const ws = (await readWorkbook(buffer)).worksheets[0];
    expect(ws?.name).toBe('=Sheet'); // sheet names are not cells: Excel never evaluates them
    const rows = sheetRows(ws as ExcelJS.Worksheet);
    expect(rows[0]?.[0]).toBe("'=title");
    // XML normalises a carriage return in cell text to a line feed; the apostrophe stays in front.
    expect(rows.slice(2).map((r) => r[0])).toEqual(hostile.map((h) => `'${h.replace('\r', '\n')}`));
    expect(rows.slice(2).map((r) => r[1])).toEqual(hostile.map((_h, i) => -i - 0.5));
    for (const [name, xml] of await xlsxParts(buffer)) if (name.startsWith('xl/worksheets/sheet')) expect(xml).not.toMatch(/<f[ >]/);
  });
});

describe('hostile names in the extract (a copy of the fixture)', () => {
  // North and South become formula-like locality names; the health commissioner QWO a
  // formula-like breakdown value (provision-not-delivered by commissioner).
  const north = '=HYPERLINK("http://x")';
  const south = '-2+3';
  const commissioner = '@SUM(1+1)';
  let t: TempDb;
  let app: Parameters<typeof request>[0];
  beforeAll(async () => {
    t = await editedFixtureDatabase((dir) => {
      replaceValues(dir, { North: north, South: south }, 'locality');
      replaceValues(dir, { QWO: commissioner }, 'commissioner');
    });
    app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
  });
  afterAll(() => t.cleanup());

  it('loads them as locality names and a breakdown value', async () => {
    const areas = await request(app).get('/api/areas').expect(200);
    expect(areas.body.areas.map((a: { area_name: string }) => a.area_name)).toEqual(expect.arrayContaining([north, south]));
    const api = await request(app).get('/api/indicators/provision-not-delivered?period=2024&by=commissioner').expect(200);
    expect(api.body.rows.map((r: IndicatorRow) => r.breakdown_value)).toContain(commissioner);
  });

  it('neutralises them in every CSV field', async () => {
    const areas = (await request(app).get('/api/areas').expect(200)).body.areas as { area_code: string; area_name: string }[];
    const northCode = areas.find((a) => a.area_name === north)?.area_code ?? '';
    const southCode = areas.find((a) => a.area_name === south)?.area_code ?? '';
    const seen = new Set<string>();
    for (const path of [
      `ehc-plans-rate.csv?period=all&area=${encodeURIComponent(northCode)}`,
      `ehc-plans-rate.csv?period=all&area=${encodeURIComponent(southCode)}&by=sex`,
      'provision-not-delivered.csv?period=2024&by=commissioner',
      `provision-not-delivered.csv?period=all&by=commissioner&area=${encodeURIComponent(northCode)}`,
    ]) {
      const { records } = parseCsv((await getBinary(app, `/api/export/${path}`)).body);
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) {
        for (const field of Object.values(record)) {
          if (formulaLike.test(field)) throw new Error(`formula-like field ${JSON.stringify(field)} in ${path}`);
          seen.add(field);
        }
      }
    }
    expect(seen).toContain(`'${north}`);
    expect(seen).toContain(`'${south}`);
    expect(seen).toContain(`'${commissioner}`);
  });

  it('neutralises them in every workbook cell and writes no formulas', async () => {
    const { body } = await getBinary(app, '/api/export/all.xlsx');
    const workbook = await readWorkbook(body);
    const texts = new Set<string>();
    workbook.eachSheet((ws) => {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') {
            if (formulaLike.test(cell.value)) throw new Error(`formula-like cell ${ws.name}!${cell.address}: ${cell.value}`);
            texts.add(cell.value);
          }
        });
      });
    });
    expect(texts).toContain(`'${north}`);
    expect(texts).toContain(`'${south}`);
    expect(texts).toContain(`'${commissioner}`);
    for (const [name, xml] of await xlsxParts(body)) if (name.startsWith('xl/worksheets/sheet')) expect(xml).not.toMatch(/<f[ >]/);
  });
});
