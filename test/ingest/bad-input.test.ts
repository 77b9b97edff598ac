import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractError } from '../../server/ingest/discover.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Each bad extract must fail with one clear ExtractError and leave the loaded data untouched.
let t: TempDb;
let work: string;
beforeAll(async () => {
  t = await tempDatabase();
  await loadExtract(t.db, fixtureDir);
  work = mkdtempSync(join(tmpdir(), 'bad-extracts-'));
});
afterAll(() => {
  t.cleanup();
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
function variant(change: (dir: string) => void): string {
  const dir = join(work, `v${n++}`);
  cpSync(fixtureDir, dir, { recursive: true });
  change(dir);
  return dir;
}
const children = (dir: string) => join(dir, 'children.csv');

const snapshot = async () =>
  t.db.query('SELECT (SELECT count(*) FROM children)::INTEGER AS c, (SELECT count(*) FROM ehc_plans)::INTEGER AS p, (SELECT max(run_id) FROM extract_info)::INTEGER AS run');

describe('bad extracts are refused with a clear message', () => {
  it.each<[string, () => string, RegExp]>([
    ['a missing folder', () => join(work, 'does-not-exist'), /Extract folder not found/],
    ['no children file', () => variant((d) => rmSync(children(d))), /No children file/],
    ['a file that is not CSV or Parquet', () => variant((d) => writeFileSync(join(d, 'ehc_plans.xlsx'), 'PK')), /not a CSV or Parquet/],
    [
      'an identifier column',
      () => variant((d) => writeFileSync(join(d, 'ehc_requests.csv'), readFileSync(join(d, 'ehc_requests.csv'), 'utf8').replace('request_id,', 'nhs_number,request_id,').replace(/\nR(\d\d),/g, '\n4010232137,R$1,'))),
      /refused: column 1 "nhs_number" is a direct identifier column/,
    ],
    [
      'UTF-16 text',
      () => variant((d) => writeFileSync(children(d), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(children(d), 'utf8'), 'utf16le')]))),
      /UTF-16/,
    ],
    [
      'Latin-1 text',
      () => variant((d) => writeFileSync(children(d), Buffer.from(readFileSync(children(d), 'utf8').replace('North', 'Nörth'), 'latin1'))),
      /not valid UTF-8/,
    ],
    ['an empty file', () => variant((d) => writeFileSync(children(d), '')), /empty or has no header/],
    ['a required column missing', () => variant((d) => writeFileSync(children(d), 'child_id,sex\nC01,M\n')), /no birth_month, la_code column/],
    ['invalid extract.json', () => variant((d) => writeFileSync(join(d, 'extract.json'), '{"la_code": ')), /extract.json is not valid JSON/],
    ['an extract.json with a bad date', () => variant((d) => writeFileSync(join(d, 'extract.json'), '{"extract_date": "16/01/2025"}')), /extract_date expected YYYY-MM-DD/],
  ])('%s', async (_label, make, message) => {
    const before = await snapshot();
    const dir = make();
    const error = await loadExtract(t.db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
    expect(await snapshot()).toEqual(before);
  });

  it('a header-only file loads as zero rows', async () => {
    const dir = variant((d) => writeFileSync(join(d, 'local_offer_feedback.csv'), 'feedback_id,received_date,comment\n'));
    const summary = await loadExtract(t.db, dir);
    expect(summary.files.find((f) => f.table === 'local_offer_feedback')).toMatchObject({ rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 });
    await loadExtract(t.db, fixtureDir); // put the fixture back for the other tests
  });

  it('quarantines a malformed CSV row (too many fields) and keeps the rest', async () => {
    const dir = variant((d) => writeFileSync(children(d), readFileSync(children(d), 'utf8').replace('C04,2008-11,M,BLACK,E08000035,North,,0,', 'C04,2008-11,M,BLACK,E08000035,North,,0,,extra,fields')));
    const summary = await loadExtract(t.db, dir);
    const c = summary.files.find((f) => f.table === 'children');
    expect(c?.rowsRead).toBe(24);
    expect(c?.rowsRejected).toBe(5);
    expect(c?.reasons).toContainEqual({ reason: 'malformed CSV row', rows: 1 });
    await loadExtract(t.db, fixtureDir);
  });

  it('loading the same extract again replaces the data instead of duplicating it', async () => {
    await loadExtract(t.db, fixtureDir);
    const [again] = await snapshot();
    expect(again).toMatchObject({ c: 20, p: 14 });
  });
});
