import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFolder } from '../../server/ingest/load-folder.ts';
import type { LoadSummary } from '../../server/ingest/load-extract.ts';

import { createTestApp } from '../helpers/auth.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { definitionOf } from '../../server/indicators/catalogue.ts';
import { runIndicatorQuery } from '../../server/indicators/indicator-sql.ts';

// test/fixtures/returns: SEN2 2025 and 2024 returns and a CIN census 2024-25 for Leeds (LEA 383), with
// names, UPNs, a ULN, postcodes and birth dates. Figures for calendar year 2024, worked out by hand:
// - requests received in 2024: Ben, Daniel, Ella, Finn, Grace, Isla, Jack = 7 (Lily's request has the
//   unknown RequestOutcome "Q" and is quarantined; Kai fails his UPN check letter; Daniel's second copy is a duplicate).
// - assessment decisions dated 2024, agreed or refused: Ben A, Daniel N, Ella A, Finn A, Isla A, Jack A = 6, 1 refused
//   (Grace's is withdrawn, not a decision).
// - plans issued in 2024 without a Week20 exception: Ben 157 days (late), Ella 132, Jack 122 = 2 of 3 (Finn's has the exception).
// - plans ceased in 2024: Chloe (reason 2, needs met), Harry (5, moved LA) = 1 of 2; their needs (MLD, SPLD) come
//   from the 2024 return, because a ceased plan has no <ActivePlans> in 2025.
// - active on 31 Dec 2024: Amelia ASD, Ben SEMH, Ella SLCN, Finn PD, Jack SLCN = 5; with a setting whose LA is known
//   (establishments.csv): Amelia and Ella in Leeds, Ben out of area (independent special) = 1 of 3 out of area.
// - personal budgets taken up (PB): Amelia (DP), Ella (OA) = 2 of 5 active plans.
// - CIN assessments authorised in 2024 of disabled children aged 0-17: Amelia (AUT), Finn (MOB, HAND), L004 (LD) = 3;
//   L003 has NONE, L005's is not authorised, L007's authorisation is before its start (quarantined), L006's
//   Disability XYZ is not a code (child quarantined), L008 is 18 when his is authorised.
// - children: 11 SEN2 persons + 5 CIN-only children (Amelia and Finn link by UPN) = 16.

const fixture = join(repoRoot, 'test', 'fixtures', 'returns');
let t: TempDb;
let keyPath: string;
let summary: LoadSummary;
const log: string[] = [];

beforeAll(async () => {
  t = await tempDatabase();
  keyPath = join(t.dir, 'keys', 'pseudonym.key');
  summary = await loadFolder(t.db, fixture, (m) => log.push(m), { pseudonymKeyPath: keyPath });
}, 60_000);
afterAll(() => t.cleanup());

async function figures(id: string): Promise<[string, number | null, number | null][]> {
  const rows = await runIndicatorQuery(t.db, definitionOf(id));
  return rows
    .filter((r) => r.area_code === 'E08000035' && r.period === '2024' && (r.breakdown === 'all' || r.breakdown === 'primary_need'))
    .map((r): [string, number | null, number | null] => [r.breakdown_value, Number(r.numerator), r.denominator === null ? null : Number(r.denominator)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

describe('SEN2 and CIN census returns: hand-worked figures', () => {
  it('computes the indicators the returns support', async () => {
    expect((await figures('ehc-requests-rate')).find((r) => r[0] === 'all')?.[1]).toBe(7);
    expect(await figures('ehc-requests-refused')).toEqual([['all', 1, 6]]);
    expect(await figures('ehc-20-week-timeliness')).toEqual([['all', 2, 3]]);
    expect(await figures('ceased-needs-met')).toEqual([['MLD', 1, 1], ['SPLD', 0, 1], ['all', 1, 2]]);
    expect(await figures('ehc-plans-by-need')).toEqual([['ASD', 1, 5], ['PD', 1, 5], ['SEMH', 1, 5], ['SLCN', 2, 5], ['all', 5, 5]]);
    expect((await figures('out-of-area-placements')).find((r) => r[0] === 'all')).toEqual(['all', 1, 3]);
    expect((await figures('independent-special-placements')).find((r) => r[0] === 'all')).toEqual(['all', 1, 5]);
    expect(await figures('personal-budget-take-up')).toEqual([['all', 2, 5]]);
    expect((await figures('cna-disabled-children')).find((r) => r[0] === 'all')?.[1]).toBe(3);
    const [children] = await t.db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM children');
    expect(children?.n).toBe(16);
  });

  it('counts every module record: read = loaded + rejected, with reasons and lines in the quarantine', async () => {
    const modules = summary.returnModules ?? [];
    for (const m of modules) expect(m.read).toBe(m.loaded + m.rejected);
    const person25 = modules.find((m) => m.fileName === 'sen2-2025.xml' && m.module === 'Person');
    expect(person25).toMatchObject({ read: 13, loaded: 11, rejected: 2 });
    expect(modules.find((m) => m.fileName === 'sen2-2024.xml' && m.module === 'Person')).toMatchObject({ read: 3, loaded: 0, rejected: 3 });
    expect(modules.find((m) => m.fileName === 'cin-2025.xml' && m.module === 'Assessments')).toMatchObject({ read: 8, loaded: 6, rejected: 2 });
    const q = await t.db.query<{ file_name: string; line_number: number; column_name: string; value: string | null; reason: string }>(
      'SELECT file_name, line_number, column_name, value, reason FROM quarantine ORDER BY file_name, line_number',
    );
    expect(q).toContainEqual({ file_name: 'sen2-2025.xml', line_number: 367, column_name: 'Requests/RequestOutcome', value: 'Q', reason: 'RequestOutcome "Q" is not a code of the guide' });
    expect(q).toContainEqual({ file_name: 'sen2-2025.xml', line_number: 348, column_name: 'Person/UPN', value: '[withheld]', reason: 'UPN is not a valid UPN (format or check letter)' });
    expect(q).toContainEqual({
      file_name: 'cin-2025.xml', line_number: 204, column_name: 'Assessments/AssessmentAuthorisationDate', value: '2024-04-05',
      reason: 'AssessmentAuthorisationDate is before AssessmentActualStartDate',
    });
    expect(q.some((r) => r.file_name === 'sen2-2024.xml' && /later return sen2-2025\.xml/.test(r.reason))).toBe(true);
  });

  it('creates the key at first use with mode 0600, and the same key links the same child again', async () => {
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const ids = await t.db.query<{ child_id: string }>('SELECT child_id FROM children ORDER BY child_id');
    const again = await tempDatabase();
    try {
      await loadFolder(again.db, fixture, () => {}, { pseudonymKeyPath: keyPath });
      expect(await again.db.query('SELECT child_id FROM children ORDER BY child_id')).toEqual(ids);
      const otherKey = join(again.dir, 'other.key');
      await loadFolder(again.db, fixture, () => {}, { pseudonymKeyPath: otherKey });
      const other = await again.db.query<{ child_id: string }>('SELECT child_id FROM children');
      expect(other.filter((r) => ids.some((i) => i.child_id === r.child_id))).toEqual([]);
    } finally {
      again.cleanup();
    }
  }, 60_000);
});

/** Every direct identifier written in the fixture files. */
function fixtureIdentifiers(): string[] {
  const values = new Set<string>();
  for (const name of ['sen2-2025.xml', 'sen2-2024.xml', 'cin-2025.xml']) {
    const xml = readFileSync(join(fixture, name), 'utf8');
    for (const m of xml.matchAll(/<(Surname|Forename|UPN|FormerUPN|UniqueLearnerNumber|PostCode|LAchildID|PersonBirthDate)>([^<]+)</g)) {
      const value = (m[2] ?? '').trim();
      values.add(value);
      if (m[1] === 'PostCode') values.add(value.replace(' ', ''));
    }
  }
  return [...values];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whole-word matches only ("Lee" is not in "Leeds"); dates and codes match as they are. */
const findIn = (text: string, ids: string[]): string[] => ids.filter((id) => new RegExp(`(^|[^A-Za-z0-9])${escape(id)}([^A-Za-z0-9]|$)`).test(text));

describe('no identifier from the returns reaches storage, logs or responses', () => {
  it('finds none in any column of any table (quarantine and provenance included)', async () => {
    const ids = fixtureIdentifiers();
    expect(ids.length).toBeGreaterThan(40);
    const tables = await t.db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal`,
    );
    const found: string[] = [];
    for (const { table_name, column_name } of tables) {
      const rows = await t.db.query<{ v: string | null }>(`SELECT DISTINCT CAST("${column_name}" AS VARCHAR) AS v FROM "${table_name}"`);
      const text = rows.map((r) => r.v ?? '').join('\n');
      for (const hit of findIn(text, ids)) found.push(`${table_name}.${column_name}: ${hit}`);
    }
    expect(found).toEqual([]);
  });

  it('finds none in the load log', () => {
    expect(findIn(log.join('\n'), fixtureIdentifiers())).toEqual([]);
  });

  it('finds none in API responses and exports', async () => {
    const { app } = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } });
    const ids = fixtureIdentifiers();
    const paths = [
      '/api/indicators', '/api/areas', '/api/periods', '/api/data-status',
      '/api/indicators/ehc-plans-by-need?period=2024&by=primary_need', '/api/analytics/journey?period=2024',
      '/api/export/ehc-20-week-timeliness.csv?period=2024', '/api/export/analytics/journey-steps.csv?period=2024',
    ];
    for (const path of paths) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(findIn(res.text, ids), path).toEqual([]);
    }
  }, 60_000);
});

describe('a bad return file stops the load with one line naming it, and the data stay as they were', () => {
  const cases: [string, (xml: string) => string, RegExp][] = [
    ['malformed XML', (xml) => xml.replace('</Persons>', '</Person>'), /^sen2-2025\.xml is not well-formed XML \(line \d+\)/],
    ['a wrong collection', (xml) => xml.replace('<Collection>SEN2</Collection>', '<Collection>SCHOOLCENSUS</Collection>'), /^sen2-2025\.xml is a "SCHOOLCENSUS" collection/],
    ['an unknown version', (xml) => xml.replace('<Year>2025</Year>', '<Year>2019</Year>'), /^sen2-2025\.xml is a SEN2 return for 2019, a version this product does not read/],
  ];
  for (const [what, corrupt, message] of cases) {
    it(what, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'returns-bad-'));
      try {
        cpSync(fixture, dir, { recursive: true });
        const path = join(dir, 'sen2-2025.xml');
        writeFileSync(path, corrupt(readFileSync(path, 'utf8')));
        const before = await t.db.query('SELECT count(*)::INTEGER AS n, min(child_id) AS first FROM children');
        const error = await loadFolder(t.db, dir, () => {}, { pseudonymKeyPath: keyPath }).then(() => null, (e: unknown) => e as Error);
        expect(error?.message).toMatch(message);
        expect(error?.message).not.toContain('\n');
        expect(findIn(error?.message ?? '', fixtureIdentifiers())).toEqual([]);
        expect(await t.db.query('SELECT count(*)::INTEGER AS n, min(child_id) AS first FROM children')).toEqual(before);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 30_000);
  }

  it('a file over the size limit', async () => {
    const error = await loadFolder(t.db, fixture, () => {}, { pseudonymKeyPath: keyPath, maxReturnBytes: 10_000 }).then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/^sen2-2025\.xml is 12\.\d KB, over the 9\.8 KB limit for a return file/);
    const [children] = await t.db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM children');
    expect(children?.n).toBe(16);
  });
});
