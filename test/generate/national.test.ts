import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../server/extract/spec.ts';
import { FAULT_KINDS, generateExtract, GenerateError, type GenerateSummary } from '../../server/generate/index.ts';
import { readManifest, tempDir } from './helpers.ts';
import { scanExtract, type ScanResult } from './scan.ts';

// National mode on three small LAs (the full 153 take about a minute: the bench runs that).
// The national files must be the one-LA files of each LA, one after another, under one header.

const LAS = ['E06000017', 'E06000053', 'E09000001']; // Rutland, Isles of Scilly, City of London
const SEED = 11;

const dirs: string[] = [];
const fresh = (name: string) => {
  const d = tempDir(name);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const body = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8').replace(/^[^\n]*\n/, '');
const header = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8').split('\n')[0] ?? '';

describe('a national extract', () => {
  let dir: string;
  let summary: GenerateSummary;
  const single: Record<string, string> = {};
  let scan: ScanResult;

  beforeAll(async () => {
    dir = fresh('national');
    summary = await generateExtract({ outDir: dir, seed: SEED, national: true, laCodes: LAS });
    for (const la of LAS) {
      single[la] = fresh(`single-${la}`);
      await generateExtract({ outDir: single[la], seed: SEED, laCode: la });
    }
    scan = scanExtract(dir, '2025-01-16');
  });

  it('is each LA’s one-LA extract, byte for byte, one after another in every file', () => {
    for (const table of tables) {
      const file = `${table.name}.csv`;
      expect(header(dir, file)).toBe(header(single[LAS[0] ?? ''] ?? '', file));
      expect(body(dir, file), file).toBe(LAS.map((la) => body(single[la] ?? '', file)).join(''));
    }
  });

  it('has every LA’s children, and IDs unique across LAs', () => {
    const children = scan.rows.children ?? [];
    expect(new Set(children.map((c) => c.la_code))).toEqual(new Set(LAS));
    expect(new Set(children.map((c) => c.child_id)).size).toBe(children.length);
    const plans = scan.rows.ehc_plans ?? [];
    // Duplicate keys are salted faults; apart from them plan IDs never repeat.
    expect(new Set(plans.map((p) => p.plan_id)).size).toBeGreaterThan(plans.length * 0.99);
    expect(summary.children).toBe(children.length);
    expect(summary.laCodes).toEqual(LAS);
  });

  it('says it is national in extract.json: no la_code, the LAs it holds, faults summed over them', () => {
    const m = readManifest(dir) as ReturnType<typeof readManifest> & { coverage?: string; generator: { la_codes?: string[] } };
    expect(m.la_code).toBeUndefined();
    expect(m.coverage).toBe('national');
    expect(m.generator.la_codes).toEqual(LAS);
    expect(m).toMatchObject({ extract_date: '2025-01-16', period_start: '2020-01-01', period_end: '2024-12-31', synthetic: true });
    const sum = Object.fromEntries(FAULT_KINDS.map((k) => [k, LAS.reduce((n, la) => n + (readManifest(single[la] ?? '').generator.faults[k] ?? 0), 0)]));
    expect(m.generator.faults).toEqual(sum);
    expect(Object.fromEntries(FAULT_KINDS.map((k) => [k, scan.faults[k] ?? 0]))).toEqual(sum);
  });

  it('has nothing wrong but the salted faults', () => {
    expect(scan.problems.slice(0, 20)).toEqual([]);
  });

  it('refuses --children with national, and unknown LAs before writing anything', async () => {
    await expect(generateExtract({ outDir: fresh('bad'), national: true, children: 1000 })).rejects.toThrow(GenerateError);
    await expect(generateExtract({ outDir: fresh('bad2'), national: true, laCodes: ['E06000999'] })).rejects.toThrow(/unknown LA code/);
    await expect(generateExtract({ outDir: fresh('bad3'), laCodes: ['E06000017'] })).rejects.toThrow(/national/);
  });
});
