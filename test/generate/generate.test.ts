import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../server/extract/spec.ts';
import { FAULT_KINDS, generateExtract, type GenerateSummary } from '../../server/generate/index.ts';
import { hashes, readManifest, tempDir } from './helpers.ts';
import { readTable, scanExtract, type ScanResult } from './scan.ts';

// Small extracts (a few thousand children) keep these fast; the realism checks against the
// published Leeds figures use the default scale.

const dirs: string[] = [];
const fresh = (name: string) => {
  const d = tempDir(name);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a small extract', () => {
  let a: string;
  let summary: GenerateSummary;
  let scan: ScanResult;

  beforeAll(async () => {
    a = fresh('a');
    summary = await generateExtract({ outDir: a, seed: 7, children: 4000 });
    scan = scanExtract(a, '2025-01-16');
  });

  it('is byte-identical when generated again with the same options', async () => {
    const again = fresh('a2');
    await generateExtract({ outDir: again, seed: 7, children: 4000 });
    expect(hashes(again)).toEqual(hashes(a));
  });

  it('differs with another seed', async () => {
    const other = fresh('b');
    await generateExtract({ outDir: other, seed: 8, children: 4000 });
    const h1 = hashes(a);
    const h2 = hashes(other);
    expect(h2['children.csv']).not.toEqual(h1['children.csv']);
    expect(h2['ehc_plans.csv']).not.toEqual(h1['ehc_plans.csv']);
  });

  it('has one file per spec table with the spec header, and extract.json', () => {
    expect(summary.files.sort()).toEqual([...tables.map((t) => `${t.name}.csv`), 'extract.json'].sort());
    for (const table of tables) expect(readTable(a, table).header).toEqual(table.columns.map((c) => c.name));
  });

  it('describes itself as synthetic in extract.json', () => {
    const m = readManifest(a);
    expect(m).toMatchObject({
      la_code: 'E08000035', extract_date: '2025-01-16', period_start: '2020-01-01', period_end: '2024-12-31', synthetic: true,
    });
    expect(m.generator).toMatchObject({ name: 'send-dashboard-synthetic', version: 1, seed: 7 });
    expect(m.generator.children).toBe(scan.rows.children?.length);
    expect(Object.keys(m.generator.faults).sort()).toEqual([...FAULT_KINDS].sort());
  });

  it('has the number of children asked for', () => {
    expect(summary.children).toBe(4000);
    expect(scan.rows.children).toHaveLength(4000);
  });

  it('salts exactly the faults extract.json counts, each kind at least once', () => {
    const declared = readManifest(a).generator.faults;
    const found = Object.fromEntries(FAULT_KINDS.map((k) => [k, scan.faults[k] ?? 0]));
    expect(found).toEqual(declared);
    // The ID fault is one per extract; the rest appear in every run of this size.
    expect(declared.id_identifier).toBe(1);
    for (const kind of ['bad_date', 'end_before_start', 'orphan_child', 'orphan_plan', 'unknown_code', 'duplicate_key']) {
      expect(declared[kind], kind).toBeGreaterThan(0);
    }
  });

  it('keeps faults rare: under 0.6% of the rows of each large file', () => {
    for (const [table, byKind] of Object.entries(summary.faultsByTable)) {
      const n = Object.values(byKind ?? {}).reduce((s, x) => s + x, 0);
      const rows = summary.rows[table as keyof typeof summary.rows];
      if (rows >= 1000) expect(n / rows, table).toBeLessThan(0.006);
    }
  });

  it('has nothing wrong but the salted faults (dates, ages, codes, keys, formats)', () => {
    expect(scan.problems.slice(0, 20)).toEqual([]);
  });

  it('has about 70% boys and young men among plan holders', () => {
    const sex = new Map((scan.rows.children ?? []).map((c) => [c.child_id, c.sex]));
    const plans = scan.rows.ehc_plans ?? [];
    const male = plans.filter((p) => sex.get(p.child_id) === 'M').length / plans.length;
    expect(male).toBeGreaterThan(0.64);
    expect(male).toBeLessThan(0.78);
  });

  it('has every plan holder aged 0-25 when the plan started', () => {
    const birth = new Map((scan.rows.children ?? []).map((c) => [c.child_id, c.birth_month ?? '']));
    for (const p of scan.rows.ehc_plans ?? []) {
      const [by, bm] = (birth.get(p.child_id) ?? '').split('-').map(Number) as [number, number];
      const [y, m] = (p.start_date ?? '').split('-').map(Number) as [number, number];
      const months = (y - by) * 12 + (m - bm);
      expect(months, p.plan_id).toBeGreaterThanOrEqual(1);
      expect(months, p.plan_id).toBeLessThan(26 * 12);
    }
  });
});

describe('the default Leeds extract', () => {
  let dir: string;
  let scan: ScanResult;
  beforeAll(async () => {
    dir = fresh('leeds');
    await generateExtract({ outDir: dir });
    scan = scanExtract(dir, '2025-01-16');
  });

  const active = (on: string) => (scan.rows.ehc_plans ?? []).filter((p) => p.start_date! <= on && (!p.end_date || p.end_date > on)).length;

  it('has the published number of active plans in January 2025 and at each year start', () => {
    expect(active('2025-01-16')).toBe(6093);
    // DfE caseload, January 2020-2024: 4,339 4,689 5,005 5,137 5,508.
    expect(active('2019-12-31')).toBe(4339);
    expect(Math.abs(active('2023-12-31') - 5508)).toBeLessThanOrEqual(5);
  });

  it('has the published initial requests each year', () => {
    const byYear = new Map<string, number>();
    for (const r of scan.rows.ehc_requests ?? []) byYear.set(r.received_date!.slice(0, 4), (byYear.get(r.received_date!.slice(0, 4)) ?? 0) + 1);
    expect([2020, 2021, 2022, 2023, 2024].map((y) => byYear.get(String(y)))).toEqual([786, 803, 1284, 1497, 2313]);
  });

  it('issues plans within 20 weeks at about the published rate (2024: 9.3%, 2021: 88.7%)', () => {
    const rate = (year: string) => {
      const issued = (scan.rows.ehc_requests ?? []).filter((r) => r.plan_decision === 'ISSUED' && r.plan_decision_date!.startsWith(year) && r.week20_exception === 'false');
      const days = (r: Record<string, string>) => (Date.parse(r.plan_decision_date!) - Date.parse(r.received_date!)) / 86_400_000;
      return issued.filter((r) => days(r) <= 140).length / issued.length;
    };
    expect(Math.abs(rate('2024') - 0.093)).toBeLessThan(0.04);
    expect(Math.abs(rate('2021') - 0.887)).toBeLessThan(0.06);
  });

  it('has nothing wrong but the salted faults', () => {
    expect(scan.problems.slice(0, 20)).toEqual([]);
    expect(Object.fromEntries(FAULT_KINDS.map((k) => [k, scan.faults[k] ?? 0]))).toEqual(readManifest(dir).generator.faults);
  });

  it('is reproduced exactly by --children with its own number of children', async () => {
    const same = fresh('leeds-n');
    await generateExtract({ outDir: same, children: readManifest(dir).generator.children });
    expect(hashes(same)).toEqual(hashes(dir));
  });
});
