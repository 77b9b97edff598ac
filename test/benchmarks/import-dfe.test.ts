import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { areasCsv, benchmarksCsv, buildReferenceTables } from '../../server/benchmarks/import-dfe.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import type { AreaOut, BenchmarkOut } from '../../server/benchmarks/import-dfe.ts';

// Importer output checked against figures read by hand from the published
// files in ../shared/data (each expectation names its source cell).

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = join(repoRoot, '..', 'shared', 'data');
const reference = join(repoRoot, 'data', 'reference');

describe.skipIf(!existsSync(join(source, 'dfe-ehc-plans-2025')))('DfE benchmark import (real files)', () => {
  let benchmarks: BenchmarkOut[];
  let areas: AreaOut[];

  beforeAll(async () => {
    ({ benchmarks, areas } = await buildReferenceTables(source, catalogue));
  });

  const row = (indicator: string, period: number, area: string, breakdown = 'all') => {
    const found = benchmarks.filter(
      (r) => r.indicator_id === indicator && r.period === period && r.area_code === area && r.breakdown === breakdown,
    );
    expect(found).toHaveLength(1);
    return found[0] as BenchmarkOut;
  };

  it('matches the committed data/reference files byte for byte (deterministic and up to date)', async () => {
    expect(benchmarksCsv(benchmarks)).toBe(readFileSync(join(reference, 'dfe-ehc-benchmarks.csv'), 'utf8'));
    expect(areasCsv(areas)).toBe(readFileSync(join(reference, 'areas.csv'), 'utf8'));
    const again = await buildReferenceTables(source, catalogue);
    expect(benchmarksCsv(again.benchmarks)).toBe(benchmarksCsv(benchmarks));
  });

  it('has England, 9 regions and the 153 current LAs, and no other area', () => {
    expect(areas).toHaveLength(163);
    expect(areas.filter((a) => a.geographic_level === 'Regional')).toHaveLength(9);
    const codes = new Set(areas.map((a) => a.area_code));
    expect(new Set(benchmarks.map((r) => r.area_code)).size).toBe(163);
    for (const r of benchmarks) expect(codes.has(r.area_code)).toBe(true);
    // Legacy DfE codes never appear: Cumbria, Northamptonshire, old Dorset,
    // and the DfE codes of North Yorkshire / Somerset / Buckinghamshire.
    for (const legacy of ['E10000006', 'E10000021', 'E10000009', 'E10000023', 'E10000027', 'E10000002']) {
      expect(codes.has(legacy)).toBe(false);
    }
    expect(areas.find((a) => a.area_code === 'E08000035')).toEqual({
      area_code: 'E08000035',
      old_la_code: '383',
      area_name: 'Leeds',
      geographic_level: 'Local authority',
      region_code: 'E12000003',
      region_name: 'Yorkshire and The Humber',
    });
  });

  it('20-week timeliness, England 2024, excluding exceptions', () => {
    // timeliness_20_week.csv, 2024 National "All EHC plans issued":
    // plans_issued_20_weeks_ex 39407, plans_issued_den_ex 84866, PC_plans_issued_20_weeks_ex 46.4
    const r = row('ehc-20-week-timeliness', 2024, 'E92000001');
    expect([r.numerator, r.denominator]).toEqual([39407, 84866]);
    expect(r.value).toBeCloseTo((100 * 39407) / 84866, 9);
    expect(r.value?.toFixed(1)).toBe('46.4');
    expect(r.time_identifier).toBe('Calendar year');
  });

  it('20-week timeliness is NULL for Dorset and City of London 2024 (all plans were exceptions: x)', () => {
    // timeliness_20_week.csv, 2024 Dorset (838) and City of London (201):
    // plans_issued_den_ex 0, plans_issued_20_weeks_ex 0, PC_plans_issued_20_weeks_ex x
    for (const code of ['E06000059', 'E09000001']) {
      const r = row('ehc-20-week-timeliness', 2024, code);
      expect(r.value).toBeNull();
      expect(r.denominator).toBe(0);
    }
  });

  it('EHC plans rate: Leeds January 2025 caseload = 6,093 plans, period 2024', () => {
    // caseload.csv, 202425 Leeds (383, E08000035) "All EHC plans": ehcplans 6093.
    // ons-mye-2021-la-age0-25.csv: Leeds ages 0–25, female + male = 275,323.
    const r = row('ehc-plans-rate', 2024, 'E08000035');
    expect(r).toMatchObject({ time_period: '202425', time_identifier: 'Academic year', numerator: 6093, denominator: 275323 });
    expect(r.value).toBeCloseTo((1000 * 6093) / 275323, 4);
    // England: caseload 202425 ehcplans 638,745; ONS England 0–25 = 17,153,473.
    expect(row('ehc-plans-rate', 2024, 'E92000001')).toMatchObject({ numerator: 638745, denominator: 17153473 });
  });

  it('maps Buckinghamshire (DfE E10000002 / E06000060) and North Yorkshire (E10000023) to current codes', () => {
    // caseload.csv, Buckinghamshire (825): 202425 ehcplans 7217 (new_la_code E10000002),
    // 202021 ehcplans 4910 (new_la_code E06000060). North Yorkshire (815, E10000023): 202425 ehcplans 5486.
    expect(row('ehc-plans-rate', 2024, 'E06000060')).toMatchObject({ numerator: 7217, old_la_code: '825', area_name: 'Buckinghamshire' });
    expect(row('ehc-plans-rate', 2020, 'E06000060')).toMatchObject({ numerator: 4910, time_period: '202021' });
    expect(row('ehc-plans-rate', 2024, 'E06000065')).toMatchObject({ numerator: 5486, old_la_code: '815', denominator: 158253 });
    // Somerset (933, DfE E10000027) → E06000066.
    expect(row('ehc-plans-rate', 2024, 'E06000066').old_la_code).toBe('933');
  });

  it('requests: England 2024 rate per 10,000 and refusals of decided requests', () => {
    // requests.csv, 2024 National: requests_received_in_year 154489, requests_decided_to_assess 101045,
    // requests_decided_not_to_assess 38889, request_not_assess_pc 25.2 (of all requests: not our measure).
    const rate = row('ehc-requests-rate', 2024, 'E92000001');
    expect([rate.numerator, rate.denominator]).toEqual([154489, 17153473]);
    expect(rate.value).toBeCloseTo((10000 * 154489) / 17153473, 4);
    const refused = row('ehc-requests-refused', 2024, 'E92000001');
    expect([refused.numerator, refused.denominator]).toEqual([38889, 101045 + 38889]);
    expect(refused.value).toBeCloseTo(27.791, 3);
    // "Decided to assess" is x before 2023, so refusals start in 2023.
    expect(benchmarks.some((r) => r.indicator_id === 'ehc-requests-refused' && r.period < 2023)).toBe(false);
  });

  it('primary need breakdowns use our codes and recompute % from counts', () => {
    // sen_needs_all_plans.csv, 202425 National "All EHC plans": ehc_plans 638745, number_asd 201183 (asd_pc 31.5),
    // number_semh 132217; Leeds number_asd 1623 (asd_pc 26.6).
    const asd = row('ehc-plans-by-need', 2024, 'E92000001', 'ASD');
    expect([asd.numerator, asd.denominator, asd.value?.toFixed(1)]).toEqual([201183, 638745, '31.5']);
    expect(row('ehc-plans-by-need', 2024, 'E92000001', 'SEMH').numerator).toBe(132217);
    expect(row('ehc-plans-by-need', 2024, 'E08000035', 'ASD').value?.toFixed(1)).toBe('26.6');
    const needs = new Set(benchmarks.filter((r) => r.indicator_id === 'ehc-plans-by-need').map((r) => r.breakdown));
    expect([...needs].sort()).toEqual(['ASD', 'HI', 'MLD', 'MSI', 'OTH', 'PD', 'PMLD', 'SEMH', 'SLCN', 'SLD', 'SPLD', 'VI']);
    expect(benchmarks.filter((r) => r.indicator_id === 'ehc-plans-by-need')).toHaveLength(163 * 12);
  });

  it('placements, personal budgets, ceased plans and annual reviews, England', () => {
    // caseload.csv 202425 National: special_independent 29647, special_non_maintained 4381, ehcplans 638745.
    expect(row('independent-special-placements', 2024, 'E92000001')).toMatchObject({ numerator: 29647 + 4381, denominator: 638745 });
    // personal_budgets.csv 202425 National: personal_budget 19596 (over the same snapshot's caseload).
    expect(row('personal-budget-take-up', 2024, 'E92000001')).toMatchObject({ numerator: 19596, denominator: 638745 });
    // ceased_plans.csv 2024 National: needs_met 3955, total_ceased 44862.
    expect(row('ceased-needs-met', 2024, 'E92000001')).toMatchObject({ numerator: 3955, denominator: 44862 });
    // annual_reviews.csv 2024 National: review_meeting_24 318369, review_expected 524654.
    expect(row('annual-reviews-on-time', 2024, 'E92000001')).toMatchObject({ numerator: 318369, denominator: 524654 });
    // Blackpool (890) annual reviews are x (data guidance footnote).
    expect(row('annual-reviews-on-time', 2024, 'E06000009').value).toBeNull();
    // Hackney 202324 personal_budget is x (totals only that year).
    expect(row('personal-budget-take-up', 2023, 'E09000012')).toMatchObject({ numerator: null, value: null, denominator: 3525 });
  });

  it('tribunal appeal rate from the MoJ spreadsheet export', () => {
    // "SEND Tribunals and appeal rate 2014-2024.csv", row "England Total4,9", 2024: 22,276 / 689,739, 3.20%.
    const england = row('tribunal-appeal-rate', 2024, 'E92000001');
    expect([england.numerator, england.denominator, england.value?.toFixed(1)]).toEqual([22276, 689739, '3.2']);
    // Row "Durham" (DfE "County Durham", E06000047), 2024: 344 / "5,827", 5.90%.
    expect(row('tribunal-appeal-rate', 2024, 'E06000047')).toMatchObject({ numerator: 344, denominator: 5827 });
    // Row "Nottingham" (its "LA code" cell says 891, which is DfE's Nottinghamshire), 2024: 52 / "2,102".
    expect(row('tribunal-appeal-rate', 2024, 'E06000018')).toMatchObject({ numerator: 52, denominator: 2102 });
    // Row "Cumberland8", 2024: 65 / "3,191"; no Cumberland rows before 2023 ('..').
    expect(row('tribunal-appeal-rate', 2024, 'E06000063')).toMatchObject({ numerator: 65, denominator: 3191 });
    expect(benchmarks.some((r) => r.indicator_id === 'tribunal-appeal-rate' && r.area_code === 'E06000063' && r.period < 2023)).toBe(false);
    // Row "Darlington", 2014: " - " (nil) / 450.
    expect(row('tribunal-appeal-rate', 2014, 'E06000005')).toMatchObject({ numerator: 0, denominator: 450, value: 0 });
    // Cambridgeshire 2024: appeals 169 kept; denominator dropped (swapped with Central Bedfordshire).
    expect(row('tribunal-appeal-rate', 2024, 'E10000003')).toMatchObject({ numerator: 169, denominator: null, value: null });
    expect(row('tribunal-appeal-rate', 2023, 'E10000003')).toMatchObject({ numerator: 126, denominator: 7655 });
    // No regional rows: MoJ publishes none.
    expect(benchmarks.some((r) => r.indicator_id === 'tribunal-appeal-rate' && r.geographic_level === 'Regional')).toBe(false);
  });

  it('is sorted and has one row per indicator, period, area and breakdown', () => {
    const keys = benchmarks.map((r) => `${r.indicator_id}|${r.period}|${r.area_code}|${r.breakdown}`);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = benchmarks.map((r) => r.indicator_id);
    expect(ids).toEqual([...ids].sort());
  });
});
