import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyResponse, ProvisionGapsResponse } from '../../contract/analytics.ts';
import { createTestApp } from '../helpers/auth.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { audit, getJson, journeyTable, provisionTable } from './checks.ts';

// A generated extract (the default LA, 2,000 children, fixed seed): at threshold 7 no analytics count of 1-7
// is published, no exact group has a lone suppressed cell and nothing suppressed can be solved for, in every
// area and in calendar and financial years; and the answers are internally consistent.

let t: TempDb;
let out: string;
let app0: ReturnType<typeof createTestApp>['app'];
let app7: ReturnType<typeof createTestApp>['app'];
let areas: { area_code: string; area_type: string }[];
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'send-analytics-generated-'));
  await generateExtract({ outDir: out, children: 2000 });
  t = await tempDatabase();
  await loadExtract(t.db, out);
  app0 = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
  app7 = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
  areas = (await getJson<{ areas: { area_code: string; area_type: string }[] }>(app0, '/api/areas')).areas;
});
afterAll(() => {
  t.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('analytics on a generated extract', () => {
  it.each(['2023', '2024'])('journey: disclosure control holds in %s', async (period) => {
    const la = areas.find((a) => a.area_type === 'la')?.area_code ?? '';
    const localities = areas.filter((a) => a.area_type === 'locality').map((a) => a.area_code);
    const fetchAll = async (app: typeof app0) =>
      new Map(await Promise.all([la, ...localities].map(async (a) => [a, await getJson<JourneyResponse>(app, `/api/analytics/journey?area=${a}&period=${period}`)] as const)));
    const findings = audit(journeyTable(await fetchAll(app0), la, localities), journeyTable(await fetchAll(app7), la, localities), 7);
    expect(findings.small).toEqual([]);
    expect(findings.lone).toEqual([]);
    expect(findings.recoverable).toEqual([]);
    expect(findings.published).toBeGreaterThan(findings.suppressed);
  });

  it.each(['2023', '2024'])('provision gaps: disclosure control holds in %s', async (period) => {
    const truth = await getJson<ProvisionGapsResponse>(app0, `/api/analytics/provision-gaps?period=${period}`);
    const shown = await getJson<ProvisionGapsResponse>(app7, `/api/analytics/provision-gaps?period=${period}`);
    const findings = audit(provisionTable(truth), provisionTable(shown), 7);
    expect(findings.small).toEqual([]);
    expect(findings.lone).toEqual([]);
    expect(findings.recoverable).toEqual([]);
    expect(findings.published).toBeGreaterThan(findings.suppressed);
  });

  it('adds up: grid margins, capacity over localities, and the largest gaps in order', async () => {
    const r = await getJson<ProvisionGapsResponse>(app0, '/api/analytics/provision-gaps?period=2024');
    const cell = (category: string, area: string, band: string) => r.grid.find((c) => c.category === category && c.area_code === area && c.age_band === band);
    const bands = r.age_bands.filter((b) => b !== 'all');
    for (const category of new Set(r.grid.map((c) => c.category))) {
      for (const area of [r.la, ...r.localities]) {
        const total = cell(category, area.area_code, 'all');
        const sum = bands.reduce((s, b) => s + (cell(category, area.area_code, b)?.demand.value ?? 0), 0);
        expect(sum).toBe(total?.demand.value);
        const capacity = bands.reduce((s, b) => s + (cell(category, area.area_code, b)?.capacity.value ?? 0), 0);
        expect(capacity).toBeCloseTo(total?.capacity.value ?? NaN, 6);
      }
      // Every generated child has a locality, so the localities add up to the LA, demand and capacity alike.
      const la = cell(category, r.la.area_code, 'all');
      expect(r.localities.reduce((s, l) => s + (cell(category, l.area_code, 'all')?.demand.value ?? 0), 0)).toBe(la?.demand.value);
      expect(r.localities.reduce((s, l) => s + (cell(category, l.area_code, 'all')?.capacity.value ?? 0), 0)).toBeCloseTo(la?.capacity.value ?? NaN, 6);
    }
    const gapsInOrder = r.largest_gaps.map((g) => g.gap);
    expect(gapsInOrder).toEqual([...gapsInOrder].sort((a, b) => b - a));
    expect(r.largest_gaps.length).toBeGreaterThan(0);
    for (const g of r.largest_gaps) expect(g.gap).toBeCloseTo(g.demand - g.capacity, 9);
  });
});
