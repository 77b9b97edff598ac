import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxHeaderColumns } from '../../server/ingest/discover.ts';
import { loadExtract, type LoadSummary } from '../../server/ingest/load-extract.ts';
import { fixtureDir } from '../helpers/fixture-db.ts';
import { attackBench, type AttackBench, type Snapshot } from './helpers.ts';

// Messy but readable extracts: they load, the bad rows quarantined with their reasons, and
// the good rows exactly as in the clean fixture. The fixture is loaded back at the end and
// must give the same tables and indicator values as before.

let b: AttackBench;
let fixture: Snapshot;
let fixtureSummary: LoadSummary;
beforeAll(async () => {
  b = await attackBench();
  fixtureSummary = await loadExtract(b.db, fixtureDir);
  fixture = await b.snapshot();
});
afterAll(() => b.cleanup());

const file = (dir: string, name: string): string => join(dir, name);
const text = (dir: string, name: string): string => readFileSync(file(dir, name), 'utf8');
const counts = (s: LoadSummary) => s.files.map((f) => [f.fileName, f.rowsRead, f.rowsLoaded, f.rowsRejected]);

describe('loaded, bad rows quarantined', () => {
  afterAll(async () => {
    await loadExtract(b.db, fixtureDir);
    const again = await b.snapshot();
    expect({ ...again, runId: 0 }).toEqual({ ...fixture, runId: 0 });
  });

  it('CRLF line endings load exactly like LF', async () => {
    const dir = b.variant((d) => {
      for (const name of readdirSync(d).filter((n) => n.endsWith('.csv'))) writeFileSync(file(d, name), text(d, name).replaceAll('\n', '\r\n'));
    });
    const summary = await loadExtract(b.db, dir);
    expect(counts(summary)).toEqual(counts(fixtureSummary));
    const loaded = await b.snapshot();
    expect({ ...loaded, runId: 0 }).toEqual({ ...fixture, runId: 0 });
  });

  it('quotes, commas and line breaks inside quoted text are kept as text', async () => {
    const comment = 'He said "no", then, after a pause,\nleft; "quoted" again';
    const name = 'Speech, language and "talk" service';
    const dir = b.variant((d) => {
      const csv = (v: string): string => `"${v.replaceAll('"', '""')}"`;
      writeFileSync(file(d, 'local_offer_feedback.csv'), text(d, 'local_offer_feedback.csv').replace('"Great staff, very helpful"', csv(comment)));
      writeFileSync(file(d, 'local_offer_services.csv'), text(d, 'local_offer_services.csv').replace('Speech and language therapy service', csv(name)));
    });
    const summary = await loadExtract(b.db, dir);
    expect(counts(summary)).toEqual(counts(fixtureSummary));
    expect(await b.db.query("SELECT comment FROM local_offer_feedback WHERE feedback_id = 'F02'")).toEqual([{ comment }]);
    expect(await b.db.query("SELECT name FROM local_offer_services WHERE service_id = 'S01'")).toEqual([{ name }]);
  });

  it('a header-only file loads no rows and its dependants are quarantined as orphans', async () => {
    const dir = b.variant((d) => writeFileSync(file(d, 'ehc_plans.csv'), `${text(d, 'ehc_plans.csv').split('\n')[0]}\n`));
    const summary = await loadExtract(b.db, dir);
    expect(summary.files.find((f) => f.table === 'ehc_plans')).toMatchObject({ rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 });
    const provision = summary.files.find((f) => f.table === 'ehc_provision');
    expect(provision?.rowsLoaded).toBe(0);
    expect(provision?.reasons).toContainEqual({ reason: 'plan_id not found among loaded ehc_plans rows', rows: 19 });
    expect(await b.db.query('SELECT count(*)::INTEGER AS n FROM ehc_plans')).toEqual([{ n: 0 }]);
  });

  it('duplicate primary keys: the first copy loads, later copies are quarantined', async () => {
    const dir = b.variant((d) => {
      const plans = text(d, 'ehc_plans.csv');
      const p01 = plans.split('\n').find((l) => l.startsWith('P01,')) ?? '';
      writeFileSync(file(d, 'ehc_plans.csv'), `${plans}${p01.replace('MAINSTREAM', 'SPECIAL_MAINTAINED')}\n${p01}\n`);
      const population = text(d, 'population.csv');
      writeFileSync(file(d, 'population.csv'), `${population}${population.split('\n')[1]?.replace(',1000,', ',5,')}\n`);
    });
    const summary = await loadExtract(b.db, dir);
    const plans = summary.files.find((f) => f.table === 'ehc_plans');
    expect(plans?.reasons).toContainEqual({ reason: 'duplicate plan_id', rows: 2 });
    expect(plans?.rowsLoaded).toBe(14);
    expect(await b.db.query("SELECT setting_type::VARCHAR AS s FROM ehc_plans WHERE plan_id = 'P01'")).toEqual([{ s: 'MAINSTREAM' }]);
    expect(summary.files.find((f) => f.table === 'population')?.reasons).toContainEqual({
      reason: 'duplicate key (la_code, year, age, sex, locality)',
      rows: 1,
    });
    expect(await b.db.query('SELECT sum(population)::INTEGER AS n FROM population')).toEqual([{ n: 5000 }]); // the four valid rows of the fixture
  });

  it('dates as DD/MM/YYYY are quarantined with the reason and the value', async () => {
    const dir = b.variant((d) => {
      writeFileSync(file(d, 'ehc_requests.csv'), text(d, 'ehc_requests.csv').replace('R01,C01,2024-01-08', 'R01,C01,08/01/2024'));
      writeFileSync(file(d, 'personal_budgets.csv'), text(d, 'personal_budgets.csv').replace('1200.00,2024-06-03', '1200.00,03/06/2024'));
    });
    const summary = await loadExtract(b.db, dir);
    const quarantined = await b.db.query(
      `SELECT file_name, column_name, value FROM quarantine WHERE run_id = $run AND reason = 'invalid date (expected YYYY-MM-DD)' ORDER BY file_name`,
      { run: summary.runId },
    );
    expect(quarantined).toEqual(
      expect.arrayContaining([
        { file_name: 'ehc_requests.csv', column_name: 'received_date', value: '08/01/2024' },
        { file_name: 'personal_budgets.csv', column_name: 'start_date', value: '03/06/2024' },
      ]),
    );
    expect(await b.db.query("SELECT count(*)::INTEGER AS n FROM ehc_requests WHERE request_id = 'R01'")).toEqual([{ n: 0 }]);
  });

  it(`${maxHeaderColumns} columns (the limit) load, the unknown ones ignored`, async () => {
    const extra = Array.from({ length: maxHeaderColumns - 5 }, (_, i) => `x${i}`);
    const dir = b.variant((d) =>
      writeFileSync(
        file(d, 'tribunal_appeals.csv'),
        text(d, 'tribunal_appeals.csv')
          .trimEnd()
          .split('\n')
          .map((line, i) => `${line},${extra.map((x) => (i === 0 ? x : '1')).join(',')}`)
          .join('\n'),
      ),
    );
    const summary = await loadExtract(b.db, dir);
    const appeals = summary.files.find((f) => f.table === 'tribunal_appeals');
    expect(appeals?.ignoredColumns).toHaveLength(extra.length);
    expect(appeals).toMatchObject({ rowsRead: 4, rowsLoaded: 4 });
  });
});
