import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import type { TempDb } from '../helpers/fixture-db.ts';
import { editedFixtureDatabase, getBinary, markSynthetic, parseCsv, readWorkbook, sheetRows } from './helpers.ts';

// A copy of the fixture with "synthetic": true in extract.json: no export may pass for real.

const WARNING = /^SYNTHETIC DATA — not real\./;
let t: TempDb;
let app: Parameters<typeof request>[0];
beforeAll(async () => {
  t = await editedFixtureDatabase(markSynthetic);
  app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => t.cleanup());

describe('synthetic extract', () => {
  it('is loaded as synthetic', async () => {
    const res = await request(app).get('/api/indicators').expect(200);
    expect(res.body.data.synthetic).toBe(true);
  });

  it('marks every CSV row, the file name and the response', async () => {
    for (const path of ['ehc-plans-rate.csv?period=all', 'ehc-20-week-timeliness.csv?period=2024&by=sex&area=E08000035:south']) {
      const res = await getBinary(app, `/api/export/${path}`);
      expect(res.headers['x-synthetic-data']).toBe('true');
      expect(res.headers['content-disposition']).toMatch(/_synthetic\.csv"$/);
      const { header, records } = parseCsv(res.body);
      expect(header[0]).toBe('data_status');
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) expect(r.data_status).toBe('synthetic');
    }
  });

  it('puts the warning first in the metadata', async () => {
    const res = await getBinary(app, '/api/export/ehc-plans-rate.meta.csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ehc-plans-rate_meta_synthetic.csv"');
    const { records } = parseCsv(res.body);
    expect(records[0]).toMatchObject({ section: 'warning', name: 'data_status' });
    expect(records[0]?.value).toMatch(WARNING);
    expect(records.find((r) => r.section === 'status' && r.name === 'data_status')?.value).toBe('synthetic');
  });

  it('warns on the cover, in the notes, under every sheet title and in the file name', async () => {
    const res = await getBinary(app, '/api/export/needs.xlsx');
    expect(res.headers['content-disposition']).toBe('attachment; filename="send-jsna_needs_e08000035_synthetic.xlsx"');
    expect(res.headers['x-synthetic-data']).toBe('true');
    const workbook = await readWorkbook(res.body);
    expect(workbook.title).toMatch(/^SYNTHETIC DATA/);
    const [cover, ...others] = workbook.worksheets;
    if (!cover) throw new Error('no sheets');
    const coverText = sheetRows(cover).map((r) => String(r[0]));
    expect(coverText[1]).toMatch(WARNING); // straight under the title
    expect(coverText.filter((s) => WARNING.test(s)).length).toBeGreaterThanOrEqual(2); // and under "Data status"
    for (const ws of others) expect(String(sheetRows(ws)[2]?.[0]), ws.name).toMatch(WARNING);
    const notes = workbook.getWorksheet('Notes');
    expect(String(notes ? sheetRows(notes)[4]?.[1] : '')).toMatch(WARNING);
  });
});
