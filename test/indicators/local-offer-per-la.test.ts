import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyticsQuery } from '../../server/analytics/sql.ts';
import { generateExtract } from '../../server/generate/index.ts';
import type { SourceRow } from '../../server/indicators/types.ts';
import { loadExtract, type LoadSummary } from '../../server/ingest/load-extract.ts';
import { UNATTRIBUTED_REASON } from '../../server/ingest/validation-sql.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { tempDir } from '../generate/helpers.ts';
import { definitionOf } from '../../server/indicators/catalogue.ts';
import { readSql } from '../../server/sql-files.ts';
import { runIndicatorQuery } from '../../server/indicators/indicator-sql.ts';

// An extract of several LAs holds each LA's Local Offer (la_code on services and feedback):
// each LA's figures must use only its own, and a locality only its own LA's services, even
// when another LA has a locality of the same name.

const A = 'E06000001';
const B = 'E06000017';
const ENGLAND = 'E92000001';
const A_NORTH = `${A}:north`;
const B_NORTH = `${B}:north`;

/** Writes a hand-made extract folder: file name -> CSV lines (header first). */
function writeExtract(dir: string, manifest: object, files: Record<string, string[]>): void {
  writeFileSync(join(dir, 'extract.json'), JSON.stringify(manifest));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, `${name}.csv`), `${lines.join('\n')}\n`);
}

const indicator = (temp: TempDb, id: string) => runIndicatorQuery(temp.db, definitionOf(id));

/** area -> [numerator, denominator] of one period's 'all' row. */
function allRows(rows: SourceRow[], period: string): Record<string, [number | null, number | null]> {
  return Object.fromEntries(
    rows.filter((r) => r.period === period && r.breakdown === 'all').map((r) => [r.area_code, [r.numerator, r.denominator]]),
  );
}

describe('a hand-made extract of two LAs, each with a locality called North', () => {
  // No la_code in extract.json: it is an extract of two LAs.
  //   LA A: child c1 (aged 10 on 31 Dec 2024) needs SALT; service s1 (SALT, 0-25, in North, 10 places).
  //   LA B: child c2 (aged 10) needs SALT; service s2 (SALT, 0-5, LA-wide, 4 places).
  //   s3 has no la_code: it cannot be given to an LA, so it is rejected.
  //   Feedback in 2024: f1 (s1, rating 1), f2 (s1, 5) of A; f3 (general, 5) of B; f4 says B about
  //   A's s1 (rejected); f5 has no la_code (rejected).
  //   Each LA's whole population (100 aged 10) lives in its North: a locality's share is 1.
  let temp: TempDb;
  let summary: LoadSummary;
  const dir = tempDir('two-las');
  beforeAll(async () => {
    writeExtract(dir, { extract_date: '2025-01-16', period_start: '2024-01-01', period_end: '2024-12-31' }, {
      children: ['child_id,birth_month,la_code,locality', `c1,2014-05,${A},North`, `c2,2014-05,${B},North`],
      ehc_plans: ['plan_id,child_id,start_date,primary_need', 'p1,c1,2023-01-10,ASD', 'p2,c2,2023-01-10,ASD'],
      ehc_provision: ['provision_id,plan_id,section,category,specified_date', 'v1,p1,G,SALT,2023-01-10', 'v2,p2,G,SALT,2023-01-10'],
      local_offer_services: [
        'service_id,name,category,age_min,age_max,locality,places_per_year,la_code',
        `s1,North Speech Service,SALT,0,25,North,10,${A}`,
        `s2,Early Speech Team,SALT,0,5,,4,${B}`,
        's3,Unplaced Speech Hub,SALT,0,25,,50,',
      ],
      local_offer_feedback: [
        'feedback_id,received_date,service_id,rating,comment,la_code',
        `f1,2024-03-01,s1,1,Waited months,${A}`,
        `f2,2024-04-01,s1,5,Very good,${A}`,
        `f3,2024-05-01,,5,Helpful pages,${B}`,
        `f4,2024-06-01,s1,2,Not for us,${B}`,
        'f5,2024-06-02,,3,Fine,',
      ],
      population: ['la_code,year,age,sex,population,locality', `${A},2024,10,F,100,North`, `${B},2024,10,M,100,North`],
    });
    temp = await tempDatabase();
    summary = await loadExtract(temp.db, dir);
  });
  afterAll(() => {
    temp.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects the rows it cannot give to an LA, or that name another LA than their service', async () => {
    const files = Object.fromEntries(summary.files.map((f) => [f.table, [f.rowsRead, f.rowsLoaded, f.rowsRejected]]));
    expect(files.local_offer_services).toEqual([3, 2, 1]);
    expect(files.local_offer_feedback).toEqual([5, 3, 2]);
    const quarantined = await temp.db.query<{ file_name: string; line_number: number; column_name: string; reason: string }>(
      `SELECT file_name, line_number, column_name, reason FROM quarantine
       WHERE file_name LIKE 'local_offer%' ORDER BY file_name, line_number`,
    );
    expect(quarantined).toEqual([
      { file_name: 'local_offer_feedback.csv', line_number: 5, column_name: 'la_code', reason: "la_code is not the LA of its service_id (a row of another LA's Local Offer)" },
      { file_name: 'local_offer_feedback.csv', line_number: 6, column_name: 'la_code', reason: UNATTRIBUTED_REASON },
      { file_name: 'local_offer_services.csv', line_number: 4, column_name: 'la_code', reason: UNATTRIBUTED_REASON },
    ]);
  });

  it('demand against capacity: each LA and locality counts only its own LA\'s places', async () => {
    // A: 1 line / s1's 10 places; B: 1 line / s2's 4. A's North: s1 is based there (10) plus
    // A's LA-wide places (none); B's North: B's LA-wide 4 x share 1, and not A's s1.
    // (Before la_code every area had 14, and B's North 4 + 10.)
    expect(allRows(await indicator(temp, 'demand-capacity-ratio'), '2024')).toEqual({
      [A]: [1, 10], [B]: [1, 4], [A_NORTH]: [1, 10], [B_NORTH]: [1, 4],
    });
  });

  it('age coverage: B\'s child is not covered by A\'s service', async () => {
    // A: s1 (0-25) covers SALT at 10. B: s2 (0-5) does not, and s1 is A's, based in A's North.
    expect(allRows(await indicator(temp, 'local-offer-age-coverage'), '2024')).toEqual({
      [A]: [1, 1], [B]: [0, 1], [A_NORTH]: [1, 1], [B_NORTH]: [0, 1],
    });
  });

  it('feedback: each LA takes its own, a locality only feedback on its own LA\'s services there', async () => {
    // A: f1 (1), f2 (5), both on s1 in A's North; B: f3 (5), on the Local Offer in general.
    expect(allRows(await indicator(temp, 'feedback-satisfaction'), '2024')).toEqual({
      [A]: [1, 2], [B]: [1, 1], [A_NORTH]: [1, 2], [B_NORTH]: [0, 0],
    });
    expect(allRows(await indicator(temp, 'feedback-dissatisfaction'), '2024')).toEqual({
      [A]: [1, 2], [B]: [0, 1], [A_NORTH]: [1, 2], [B_NORTH]: [0, 0],
    });
    const comments = await temp.db.query<{ feedback_id: string; area_code: string }>(
      `SELECT feedback_id, area_code FROM (${readSql('analytics/feedback-comments.sql')}) WHERE period = '2024'`,
    );
    // England takes every LA's feedback (issue 19: analytics for aggregate areas); A and B are in different
    // regions and ICBs, so England is the only aggregate holding two of the extract's LAs.
    expect(comments).toEqual([
      { feedback_id: 'f1', area_code: A }, { feedback_id: 'f1', area_code: A_NORTH }, { feedback_id: 'f1', area_code: ENGLAND },
      { feedback_id: 'f2', area_code: A }, { feedback_id: 'f2', area_code: A_NORTH }, { feedback_id: 'f2', area_code: ENGLAND },
      { feedback_id: 'f3', area_code: B }, { feedback_id: 'f3', area_code: ENGLAND },
    ]);
  });

  it('provision capacity of an LA lists only its own services', async () => {
    for (const [la, service] of [[A, 's1'], [B, 's2']] as const) {
      const rows = await runAnalyticsQuery<{ kind: string; service_id: string | null }>(temp.db, 'provision-capacity', {
        la, end: '2024-12-31', period: '2024',
      });
      expect(rows.filter((r) => r.kind === 'service').map((r) => r.service_id)).toEqual([service]);
    }
  });
});

describe('a generated national extract of two LAs', () => {
  let temp: TempDb;
  const dir = tempDir('two-las-generated');
  beforeAll(async () => {
    await generateExtract({ outDir: dir, seed: 5, national: true, laCodes: [A, B], years: 2 });
    temp = await tempDatabase();
    await loadExtract(temp.db, dir);
  });
  afterAll(() => {
    temp.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads every service and feedback row with its LA', async () => {
    const rows = await temp.db.query<{ t: string; la_code: string | null; n: number }>(
      `SELECT 's' AS t, la_code, count(*)::INTEGER AS n FROM local_offer_services GROUP BY ALL
       UNION ALL SELECT 'f', la_code, count(*)::INTEGER FROM local_offer_feedback GROUP BY ALL ORDER BY ALL`,
    );
    expect(rows.map((r) => [r.t, r.la_code])).toEqual([['f', A], ['f', B], ['s', A], ['s', B]]);
    expect(rows.every((r) => r.n > 0)).toBe(true);
  });

  it('an LA\'s capacity is the places of its own services active that day, not of both LAs', async () => {
    const direct = await temp.db.query<{ la_code: string; period: string; places: number }>(
      `SELECT o.la_code, p.period, coalesce(sum(o.places_per_year), 0)::DOUBLE AS places
       FROM periods p JOIN local_offer_services o
         ON (o.active_from IS NULL OR o.active_from <= p.end_date) AND (o.active_to IS NULL OR o.active_to >= p.end_date)
       GROUP BY ALL ORDER BY ALL`,
    );
    const rows = await indicator(temp, 'demand-capacity-ratio');
    expect(direct.length).toBeGreaterThan(2);
    for (const d of direct) {
      const row = rows.find((r) => r.area_code === d.la_code && r.period === d.period && r.breakdown === 'all');
      expect([d.la_code, d.period, row?.denominator]).toEqual([d.la_code, d.period, d.places]);
    }
  });

  it('feedback counts per LA are each LA\'s own and add up to the whole extract\'s', async () => {
    const [total] = await temp.db.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM local_offer_feedback f JOIN periods p ON f.received_date BETWEEN p.start_date AND p.end_date
       WHERE f.rating IS NOT NULL AND p.period = '2024'`,
    );
    const perLa = allRows(await indicator(temp, 'feedback-satisfaction'), '2024');
    const a = perLa[A]?.[1] ?? 0;
    const b = perLa[B]?.[1] ?? 0;
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a + b).toBe(total?.n);
  });

  it('a locality takes only feedback on its own LA\'s services', async () => {
    // Every locality's feedback is part of its LA's: never more than the LA's rated feedback of
    // services based in its localities.
    const rows = allRows(await indicator(temp, 'feedback-dissatisfaction'), '2024');
    const [own] = await temp.db.query<{ a: number; b: number }>(
      `SELECT count(*) FILTER (f.la_code = $a)::INTEGER AS a, count(*) FILTER (f.la_code = $b)::INTEGER AS b
       FROM local_offer_feedback f JOIN local_offer_services s USING (service_id)
       JOIN periods p ON f.received_date BETWEEN p.start_date AND p.end_date
       WHERE f.rating IS NOT NULL AND s.locality IS NOT NULL AND p.period = '2024'`,
      { a: A, b: B },
    );
    const sum = (la: string) =>
      Object.entries(rows).filter(([code]) => code.startsWith(`${la}:`)).reduce((n, [, [, d]]) => n + (d ?? 0), 0);
    expect([sum(A), sum(B)]).toEqual([own?.a, own?.b]);
  });
});
