import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import type { LoadSummary } from '../../server/ingest/load-extract.ts';

// Every expected figure below was worked out by hand from test/fixtures/small-extract
// (see the comments beside each file's rows).
let t: TempDb & { summary: LoadSummary };
beforeAll(async () => {
  t = await fixtureDatabase();
});
afterAll(() => t.cleanup());

const file = (name: string) => {
  const f = t.summary.files.find((x) => x.fileName === name);
  if (!f) throw new Error(`no summary for ${name}`);
  return f;
};

describe('loading the hand-made fixture', () => {
  it('counts rows read, loaded and rejected per file, with read = loaded + rejected', () => {
    const expected: Record<string, [number, number, number]> = {
      // children: 24 data rows; rejected C21 (month 13), C22 (sex X), second C05 (duplicate), C23 (born 1990: 33 at 2023-01-01)
      'children.csv': [24, 20, 4],
      // requests: R12 (child C99 absent), R13 (2024-13-01), R16 (assessment decision before receipt);
      // R17-R19 (added for the indicator catalogue) load
      'ehc_requests.csv': [19, 16, 3],
      // plans: P15 (child C99), P16 (request R99 absent and need XYZ), P17 (ends before it starts)
      'ehc_plans.csv': [17, 14, 3],
      // provision: a UPN-like provision_id, and V04 whose plan P15 was rejected; V01, V02, V05-V19 load
      'ehc_provision.csv': [19, 17, 2],
      // reviews: AR08 is on plan P17, which was rejected
      'annual_reviews.csv': [8, 7, 1],
      'child_needs_assessments.csv': [10, 10, 0],
      // budgets: B08 is on plan P16, which was rejected
      'personal_budgets.csv': [8, 7, 1],
      'tribunal_appeals.csv': [4, 4, 0],
      'local_offer_services.csv': [6, 6, 0],
      // feedback: F04 (service S09 absent), F05 (rating 6)
      'local_offer_feedback.csv': [10, 8, 2],
      // population: age 30 is outside 0-25
      'population.csv': [5, 4, 1],
    };
    expect(t.summary.files.map((f) => f.fileName).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, [read, loaded, rejected]] of Object.entries(expected)) {
      const f = file(name);
      expect([f.rowsRead, f.rowsLoaded, f.rowsRejected], name).toEqual([read, loaded, rejected]);
      expect(f.rowsRead).toBe(f.rowsLoaded + f.rowsRejected);
    }
  });

  it('gives each rejected row its reason, line and column', async () => {
    const rows = await t.db.query<{ file_name: string; line_number: number; column_name: string; value: string; reason: string }>(
      'SELECT file_name, line_number, column_name, value, reason FROM quarantine ORDER BY file_name, line_number, column_name',
    );
    expect(rows).toEqual([
      { file_name: 'annual_reviews.csv', line_number: 9, column_name: 'plan_id', value: 'P17', reason: 'plan_id not found among loaded ehc_plans rows' },
      { file_name: 'children.csv', line_number: 22, column_name: 'birth_month', value: '2010-13', reason: 'invalid month (expected YYYY-MM)' },
      { file_name: 'children.csv', line_number: 23, column_name: 'sex', value: 'X', reason: 'unknown code' },
      { file_name: 'children.csv', line_number: 24, column_name: 'child_id', value: 'C05', reason: 'duplicate child_id' },
      { file_name: 'children.csv', line_number: 25, column_name: 'birth_month', value: '1990-01', reason: 'aged over 25 for the whole extract period' },
      { file_name: 'ehc_plans.csv', line_number: 16, column_name: 'child_id', value: 'C99', reason: 'child_id not found among loaded children rows' },
      { file_name: 'ehc_plans.csv', line_number: 17, column_name: 'primary_need', value: 'XYZ', reason: 'unknown code' },
      { file_name: 'ehc_plans.csv', line_number: 17, column_name: 'request_id', value: 'R99', reason: 'request_id not found among loaded ehc_requests rows' },
      { file_name: 'ehc_plans.csv', line_number: 18, column_name: 'end_date', value: '2019-01-01', reason: 'end_date is before start_date' },
      { file_name: 'ehc_provision.csv', line_number: 4, column_name: 'provision_id', value: '[withheld]', reason: 'identifier-like value (UPN) in an ID column' },
      { file_name: 'ehc_provision.csv', line_number: 5, column_name: 'plan_id', value: 'P15', reason: 'plan_id not found among loaded ehc_plans rows' },
      { file_name: 'ehc_requests.csv', line_number: 13, column_name: 'child_id', value: 'C99', reason: 'child_id not found among loaded children rows' },
      { file_name: 'ehc_requests.csv', line_number: 14, column_name: 'received_date', value: '2024-13-01', reason: 'invalid date (expected YYYY-MM-DD)' },
      { file_name: 'ehc_requests.csv', line_number: 17, column_name: 'assessment_decision_date', value: '2024-05-01', reason: 'assessment_decision_date is before received_date' },
      { file_name: 'local_offer_feedback.csv', line_number: 5, column_name: 'service_id', value: 'S09', reason: 'service_id not found among loaded local_offer_services rows' },
      { file_name: 'local_offer_feedback.csv', line_number: 6, column_name: 'rating', value: '6', reason: 'above the maximum of 5' },
      { file_name: 'personal_budgets.csv', line_number: 9, column_name: 'plan_id', value: 'P16', reason: 'plan_id not found among loaded ehc_plans rows' },
      { file_name: 'population.csv', line_number: 6, column_name: 'age', value: '30', reason: 'above the maximum of 25' },
    ]);
  });

  it('redacts identifiers in comments and counts the redactions', async () => {
    expect(file('local_offer_feedback.csv').redactions).toBe(3); // F01 phone, F03 email, F07 NHS number + postcode
    const rows = await t.db.query<{ feedback_id: string; comment: string }>(
      'SELECT feedback_id, comment FROM local_offer_feedback ORDER BY feedback_id',
    );
    expect(rows).toEqual([
      { feedback_id: 'F01', comment: 'Waited 30 weeks, call me on [redacted]' },
      { feedback_id: 'F02', comment: 'Great staff, very helpful' },
      { feedback_id: 'F03', comment: 'Email me at [redacted] about it' },
      // Formula-looking text is kept as data; exports neutralise it.
      { feedback_id: 'F06', comment: '=HYPERLINK("http://x")' },
      { feedback_id: 'F07', comment: 'His NHS number is [redacted], lives [redacted]' },
      { feedback_id: 'F08', comment: 'Helpful but slow to start' },
      { feedback_id: 'F09', comment: 'No rating given, just a comment' },
      { feedback_id: 'F10', comment: 'Therapist was excellent' },
    ]);
  });

  it('accepts a BOM, padded mixed-case headers and lower-case codes, and reports unknown columns and files', async () => {
    expect(file('children.csv').ignoredColumns).toEqual(['notes']);
    // Files that are not part of the format (the folder's README, a stray note) are reported, not loaded.
    expect(t.summary.ignoredFiles).toEqual(['README.md', 'notes.txt']);
    const [c19] = await t.db.query('SELECT sex::VARCHAR AS sex, ethnic_group::VARCHAR AS e, la_code, continuing_care FROM children WHERE child_id = $id', {
      id: 'C19',
    });
    expect(c19).toEqual({ sex: 'M', e: 'WHITE', la_code: 'E08000035', continuing_care: true });
  });

  it('records provenance: a committed run with file hashes', async () => {
    const [run] = await t.db.query('SELECT status, la_code, extract_date::VARCHAR AS d, rows_read, rows_loaded, rows_rejected FROM load_runs');
    // read 24 + 19 + 17 + 19 + 8 + 10 + 8 + 4 + 6 + 10 + 5 = 130; rejected 4 + 3 + 3 + 2 + 1 + 0 + 1 + 0 + 0 + 2 + 1 = 17
    expect(run).toEqual({ status: 'committed', la_code: 'E08000035', d: '2025-01-16', rows_read: 130, rows_loaded: 113, rows_rejected: 17 });
    const hashes = await t.db.query<{ sha256: string }>('SELECT sha256 FROM load_files');
    expect(hashes).toHaveLength(11);
    for (const h of hashes) expect(h.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('derives areas and periods', async () => {
    expect(await t.db.query('SELECT area_code, area_name, area_type FROM areas ORDER BY area_code')).toEqual([
      { area_code: 'E08000035', area_name: 'Leeds', area_type: 'la' },
      { area_code: 'E08000035:north', area_name: 'North', area_type: 'locality' },
      { area_code: 'E08000035:south', area_name: 'South', area_type: 'locality' },
    ]);
    expect(await t.db.query('SELECT period, period_type, complete FROM periods ORDER BY period')).toEqual([
      // 2022-23 starts on 1 April 2022, before the extract's period start.
      { period: '2022-23', period_type: 'financial-year', complete: false },
      { period: '2023', period_type: 'calendar-year', complete: true },
      { period: '2023-24', period_type: 'financial-year', complete: true },
      { period: '2024', period_type: 'calendar-year', complete: true },
      // 2024-25 runs to 31 March 2025, past the extract's period end.
      { period: '2024-25', period_type: 'financial-year', complete: false },
    ]);
  });
});
