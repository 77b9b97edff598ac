import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { columnLetter, OutputClosedError, sheetName, StreamingWorkbook, tableName } from '../../server/exports/xlsx-stream.ts';
import { readWorkbook, sheetTables, xlsxParts } from './helpers.ts';

describe('names', () => {
  it('makes sheet names valid and unique', () => {
    const used = new Set<string>();
    expect(sheetName('continuing-care-with-health-provision', used)).toBe('continuing-care-with-health-pro');
    expect(sheetName('continuing-care-with-health-provision', used)).toBe('continuing-care-with-health (2)');
    expect(sheetName("'a[b]:c*d?e/f\\g'", used)).toBe('a-b--c-d-e-f-g');
    expect(sheetName('History', used)).toBe('History (2)');
    expect(sheetName('CONTENTS', new Set(['contents']))).toBe('CONTENTS (2)');
    for (const name of used) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('makes table names valid and unique', () => {
    const used = new Set<string>();
    expect(tableName('ehc-plans-rate', used)).toBe('Table_ehc_plans_rate');
    expect(tableName('ehc plans.rate', used)).toBe('Table_ehc_plans_rate_2');
    expect(tableName('1', used)).toBe('Table_1');
  });

  it('names columns as Excel does', () => {
    expect([1, 22, 26, 27, 52, 702, 703].map(columnLetter)).toEqual(['A', 'V', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
  });
});

async function build(write: (book: StreamingWorkbook) => void): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new StreamingWorkbook(out, { title: 'test' });
  write(book);
  await book.commit();
  return Buffer.concat(chunks);
}

describe('StreamingWorkbook', () => {
  it('writes Excel tables and internal links that exceljs reads back', async () => {
    const buffer = await build((book) => {
      const contents = book.addSheet('Contents', [20]);
      contents.addRow(['Contents']);
      contents.addTable('contents', [{ header: 'Sheet' }], [['Data 1'], ["O'Brien"]]);
      contents.linkToSheet('A3', 'Data 1');
      contents.linkToSheet('A4', "O'Brien");
      contents.commit();
      for (const name of ['Data 1', "O'Brien"]) {
        const s = book.addSheet(name, [10, 10]);
        s.addRow([name]);
        s.addTable(name, [{ header: 'Name' }, { header: 'Value (%)', numFmt: '0.0' }], [['a', 1.25], ['b', '[c]']]);
        s.commit();
      }
    });
    const workbook = await readWorkbook(buffer);
    expect(workbook.worksheets.map((ws) => sheetTables(ws))).toEqual([
      [{ name: 'Table_contents', ref: 'A2:A4', columns: ['Sheet'] }],
      [{ name: 'Table_Data_1', ref: 'A2:B4', columns: ['Name', 'Value (%)'] }],
      [{ name: 'Table_O_Brien', ref: 'A2:B4', columns: ['Name', 'Value (%)'] }],
    ]);
    expect(workbook.getWorksheet('Data 1')?.getCell('B3').numFmt).toBe('0.0');
    const parts = await xlsxParts(buffer);
    expect(parts.get('[Content_Types].xml')).toContain('<Override PartName="/xl/tables/table3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>');
    expect(parts.get('xl/worksheets/sheet1.xml')).toContain(`<hyperlink ref="A3" location="&apos;Data 1&apos;!A1"/>`);
    expect(parts.get('xl/worksheets/sheet1.xml')).toContain(`<hyperlink ref="A4" location="&apos;O&apos;&apos;Brien&apos;!A1"/>`);
    expect(parts.get('xl/worksheets/sheet2.xml')).toMatch(/<tableParts count="1"><tablePart r:id="rId1"\/><\/tableParts><\/worksheet>$/);
  });

  it('refuses blank cells and empty tables', async () => {
    const out = new PassThrough();
    out.resume();
    const book = new StreamingWorkbook(out, { title: 'test' });
    const sheet = book.addSheet('S', [10]);
    expect(() => sheet.addTable('t', [{ header: 'a' }], [])).toThrow(/no rows/);
    expect(() => sheet.addTable('u', [{ header: 'a' }], [[null]])).toThrow(/blank/);
    expect(() => sheet.addTable('v', [{ header: 'a' }, { header: 'A' }], [['x', 'y']])).toThrow(/duplicate/);
  });

  it('stops with OutputClosedError when the output closes half-way (a cancelled download)', async () => {
    let writes = 0;
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        if (++writes === 2) this.destroy();
        callback();
      },
    });
    out.on('error', () => undefined);
    const book = new StreamingWorkbook(out, { title: 'test' });
    for (let s = 0; s < 3; s++) {
      const sheet = book.addSheet(`S${s}`, [10, 10]);
      sheet.addTable(`t${s}`, [{ header: 'a' }, { header: 'b' }], Array.from({ length: 20_000 }, (_v, i) => [`r${i}`, i]));
      sheet.commit();
    }
    await expect(book.commit()).rejects.toBeInstanceOf(OutputClosedError);
  });
});
