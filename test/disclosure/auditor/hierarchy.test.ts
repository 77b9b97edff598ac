import { describe, expect, it } from 'vitest';
import { auditPublication } from '../../../server/disclosure/auditor/audit.ts';
import type { Observation, Publication } from '../../../server/disclosure/auditor/publication.ts';

// Issue 19: the auditor knows the area hierarchy of an extract of several LAs (England, a region
// or an ICB = the sum of its LAs, cell by cell), so "region − the other LAs' published totals"
// is an attack it tries. Hand-made publications, answers worked out by hand.

const LEEDS = 'E08000035';
const BRADFORD = 'E08000032';
const REGION = 'E12000003';
const rate = 'indicator:ehc-plans-rate';
const byNeed = 'indicator:ehc-plans-by-need';

function publication(observations: Omit<Observation, 'source' | 'period'>[]): Publication {
  return {
    areas: [
      { area_code: REGION, area_type: 'region', parent_code: null, las: [BRADFORD, LEEDS] },
      { area_code: BRADFORD, area_type: 'la', parent_code: null },
      { area_code: LEEDS, area_type: 'la', parent_code: null },
    ],
    periods: [{ period: '2024', period_type: 'calendar-year', start_date: '2024-01-01', end_date: '2024-12-31', complete: true }],
    observations: observations.map((o) => ({ ...o, period: '2024', source: 'hand-made' })),
    inconsistencies: [],
  };
}
const total = (output: string, area: string, count: number | null, field = 'numerator') => ({ output, field, area, breakdown: 'all', value: 'all', count });
const findingsOf = (p: Publication) => auditPublication(p).findings.map((f) => ({ variable: f.variable, value: f.value, route: f.route }));

describe('auditor: the area hierarchy', () => {
  it('pins an LA hidden alone under a published region: Yorkshire 21 − Leeds 16 = Bradford 5', () => {
    const p = publication([total(rate, REGION, 21), total(rate, LEEDS, 16), total(rate, BRADFORD, null)]);
    expect(findingsOf(p)).toEqual([{ variable: `${rate}|numerator|${BRADFORD}|2024|all=all`, value: 5, route: 'additivity' }]);
  });

  it('pins nothing when two LAs are hidden under the region', () => {
    expect(findingsOf(publication([total(rate, REGION, 21), total(rate, LEEDS, null), total(rate, BRADFORD, null)]))).toEqual([]);
  });

  it('a share of the area total (by need) adds up on the total row only', () => {
    // Every by-need denominator is the area's total: Yorkshire's ASD denominator 21 is not Leeds' 16
    // plus Bradford's ASD denominator; only the total rows add up (21 = 16 + 5).
    const need = (area: string, count: number | null) => ({ output: byNeed, field: 'denominator', area, breakdown: 'primary_need', value: 'ASD', count });
    const p = publication([total(byNeed, REGION, 21, 'denominator'), total(byNeed, LEEDS, 16, 'denominator'), total(byNeed, BRADFORD, null, 'denominator'), need(REGION, 21), need(LEEDS, 16), need(BRADFORD, null)]);
    expect(findingsOf(p)).toContainEqual({ variable: `${byNeed}|denominator|${BRADFORD}|2024|all=all`, value: 5, route: 'additivity' });
    expect(auditPublication(p).inconsistencies).toEqual([]);
  });

  it('a crawl of some areas only (--areas): an aggregate\'s LAs left out are an unknown, not zero', () => {
    // Bradford is not crawled and Leeds is hidden: Yorkshire 5 = Leeds + (LAs not crawled) pins
    // nothing; read as Yorkshire = Leeds alone, it would "pin" Leeds to 5.
    const p = publication([total(rate, REGION, 5), total(rate, LEEDS, null)]);
    p.areas = p.areas.filter((a) => a.area_code !== BRADFORD);
    expect(findingsOf(p)).toEqual([]);
    expect(auditPublication(p).inconsistencies).toEqual([]);
  });
});
