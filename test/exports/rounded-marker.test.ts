import { tableFromIPC } from 'apache-arrow';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { arrowMetadata, rowsToArrowStream } from '../../server/api/arrow.ts';
import { csvDocument } from '../../server/exports/csv.ts';
import { metadataRows } from '../../server/exports/metadata.ts';
import { tidyHeader, tidyRecord, tidyRows } from '../../server/exports/tidy.ts';
import { writeChapterWorkbook } from '../../server/exports/workbook.ts';
import { roundedNotice, roundedRows } from '../helpers/rounded-rows.ts';
import { parseCsv, readWorkbook, sheetRows } from './helpers.ts';

// Issue 17, "rounded" figures shown to readers: the disclosure layer publishes an LA total whose complement alone is
// small with both counts rounded to the nearest 5 (`rounded: true` on the JSON row), but the CSV, the workbook and
// the Arrow stream said nothing of it, so a reader took 95 of 100 for an exact count. Each output now says it, and
// its metadata explains it. The rows are the engine's (test/helpers/rounded-rows.ts): the LA 96 of 99 published as
// 95 of 100, rounded; North 40 of 40, exact; South suppressed.

const provenance = { runId: 1, loadedAt: null, producer: null, files: [] };

describe('a rounded LA total in every export', () => {
  it('the engine publishes the LA total rounded and the locality exactly (the rows these tests use)', async () => {
    const { la, north, south } = await roundedRows();
    expect(la).toMatchObject({ numerator: 95, denominator: 100, rounded: true, suppressed: false });
    expect(north).toMatchObject({ numerator: 40, denominator: 40, suppressed: false });
    expect(north.rounded ?? false).toBe(false);
    expect(south).toMatchObject({ numerator: null, suppressed: true });
  });

  it('CSV: a `rounded` column, true on the rounded row only, explained in the metadata', async () => {
    const { meta, la, north, south } = await roundedRows();
    const csv = parseCsv(Buffer.from(csvDocument(tidyHeader, tidyRows([la, north, south], { indicator: meta, notice: roundedNotice }).map(tidyRecord))));
    expect(csv.header).toContain('rounded');
    expect(csv.records.map((r) => [r.area_code, r.numerator, r.denominator, r.rounded])).toEqual([
      ['LA', '95', '100', 'true'],
      ['N', '40', '40', 'false'],
      ['S', 'c', 'c', 'false'],
    ]);
    const metadata = metadataRows({ indicator: meta, notice: roundedNotice, provenance, threshold: 7 });
    const column = metadata.find(([section, name]) => section === 'column' && name === 'rounded');
    expect(column?.[2]).toMatch(/nearest 5/);
    const method = metadata.find(([section, name]) => section === 'method' && name === 'rounding');
    expect(method?.[2]).toMatch(/nearest 5/);
    expect(method?.[2]).toMatch(/`rounded`|rounded column/);
  });

  it('XLSX: a "Counts rounded to the nearest 5" column (Yes / No) on the indicator sheet, and a note saying why', async () => {
    const { meta, la, north, south } = await roundedRows();
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeChapterWorkbook(out, {
      chapter: 'all',
      laName: 'The LA',
      notice: roundedNotice,
      provenance,
      threshold: 7,
      tables: [{ indicator: meta, rows: tidyRows([la, north, south], { indicator: meta, notice: roundedNotice }) }],
      generatedAt: new Date('2023-01-20T12:00:00Z'),
    });
    const workbook = await readWorkbook(Buffer.concat(chunks));
    const sheet = workbook.getWorksheet(meta.id.slice(0, 31));
    if (!sheet) throw new Error('no indicator sheet');
    const [header = [], ...body] = sheetRows(sheet, 4);
    const column = header.findIndex((h) => typeof h === 'string' && h.startsWith('Counts rounded to the nearest 5'));
    expect(column, `headers: ${header.join(' | ')}`).toBeGreaterThan(-1);
    const numerator = header.indexOf('Numerator');
    expect(body.map((r) => [r[1], r[numerator], r[column]])).toEqual([
      ['LA', 95, 'Yes'],
      ['N', 40, 'No'],
      ['S', '[c]', 'No'],
    ]);
    const notes = workbook.getWorksheet('Notes');
    if (!notes) throw new Error('no Notes sheet');
    const texts = sheetRows(notes, 5).map((r) => String(r[1]));
    expect(texts.some((t) => /Counts rounded to the nearest 5/.test(t) && /value and intervals/i.test(t))).toBe(true);
  });

  it('Arrow: a non-null boolean `rounded` column, and schema metadata that explains it', async () => {
    const { meta, la, north, south } = await roundedRows();
    const metadata = arrowMetadata({ indicator: meta, query: { area: 'LA', period: '2022', period_type: 'calendar-year', by: 'all' }, data: roundedNotice } as Parameters<typeof arrowMetadata>[0]);
    const table = tableFromIPC(rowsToArrowStream([la, north, south], metadata));
    const rounded = table.getChild('rounded');
    expect(rounded?.type.toString()).toBe('Bool');
    expect(rounded?.toArray() ? [...(rounded.toArray() as Iterable<boolean>)] : null).toEqual([true, false, false]);
    expect(rounded?.nullCount).toBe(0);
    expect(table.schema.metadata.get('rounded')).toMatch(/nearest 5/);
  });
});
