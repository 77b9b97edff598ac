import { describe, expect, it } from 'vitest';
import { auditPublication } from '../../../server/disclosure/auditor/audit.ts';
import type { Observation, PeriodInfo, Publication } from '../../../server/disclosure/auditor/publication.ts';

// The four routes of issue 13, each on a hand-made publication fed through the same relation
// model and solver the HTTP auditor uses, with the answers worked out by hand. They do not
// depend on today's protection: they show the auditor finds each route when the figures allow it.

const LA = 'E08000035';
const EAST = 'E08000035:inner-east';
const calendar = (y: number): PeriodInfo => ({ period: String(y), period_type: 'calendar-year', start_date: `${y}-01-01`, end_date: `${y}-12-31`, complete: true });
const financial = (y: number): PeriodInfo => ({
  period: `${y}-${String((y + 1) % 100).padStart(2, '0')}`,
  period_type: 'financial-year',
  start_date: `${y}-04-01`,
  end_date: `${y + 1}-03-31`,
  complete: true,
});

type Cell = [breakdown: string, value: string, count: number | null];
function rows(output: string, field: string, area: string, period: string, cells: Cell[]): Observation[] {
  return cells.map(([breakdown, value, count]) => ({ output, field, area, period, breakdown, value, count, source: 'hand-made' }));
}
function publication(observations: Observation[], periods: PeriodInfo[] = [calendar(2024)]): Publication {
  return {
    areas: [
      { area_code: LA, area_type: 'la', parent_code: null },
      { area_code: EAST, area_type: 'locality', parent_code: LA },
    ],
    periods,
    observations,
    inconsistencies: [],
  };
}
const findingsOf = (p: Publication) => auditPublication(p).findings.map((f) => ({ variable: f.variable, value: f.value, route: f.route }));

describe('auditor routes (hand-made publications)', () => {
  it('route 1, one population in several outputs: by-need VI = 978 - 950 - PMLD 23 from independent-special-placements = 5', () => {
    // ehc-plans-by-need alone: VI + PMLD = 978 - 500 - 450 = 28 (two unknowns). independent-special-placements
    // alone: ASD + VI = 978 - 450 - 23 = 505. Each output hides two cells; together PMLD = 23 gives VI = 5.
    const byNeed = 'indicator:ehc-plans-by-need';
    const isp = 'indicator:independent-special-placements';
    const needs: Cell[] = [['all', 'all', 978], ['primary_need', 'ASD', 500], ['primary_need', 'SEMH', 450], ['primary_need', 'VI', null], ['primary_need', 'PMLD', null]];
    const p = publication([
      ...rows(byNeed, 'numerator', EAST, '2024', needs),
      ...rows(byNeed, 'denominator', EAST, '2024', needs.map(([b, v]) => [b, v, 978])),
      ...rows(isp, 'denominator', EAST, '2024', [['all', 'all', 978], ['primary_need', 'ASD', null], ['primary_need', 'SEMH', 450], ['primary_need', 'VI', null], ['primary_need', 'PMLD', 23]]),
    ]);
    const found = findingsOf(p);
    expect(found).toContainEqual({ variable: `${byNeed}|numerator|${EAST}|2024|primary_need=VI`, value: 5, route: 'linked' });
    expect(found).toContainEqual({ variable: `${isp}|denominator|${EAST}|2024|primary_need=VI`, value: 5, route: 'linked' });
  });

  it('route 1 must not fire when the linked outputs hide the same cells', () => {
    const byNeed = 'indicator:ehc-plans-by-need';
    const isp = 'indicator:independent-special-placements';
    const p = publication([
      ...rows(byNeed, 'numerator', EAST, '2024', [['all', 'all', 978], ['primary_need', 'ASD', 500], ['primary_need', 'SEMH', 450], ['primary_need', 'VI', null], ['primary_need', 'PMLD', null]]),
      ...rows(isp, 'denominator', EAST, '2024', [['all', 'all', 978], ['primary_need', 'ASD', 500], ['primary_need', 'SEMH', 450], ['primary_need', 'VI', null], ['primary_need', 'PMLD', null]]),
    ]);
    expect(findingsOf(p)).toEqual([]);
  });

  it('route 2, complements: 15 requests decided, 8 refused => 7 agreed', () => {
    const out = 'indicator:ehc-requests-refused';
    const p = publication([...rows(out, 'numerator', LA, '2024', [['all', 'all', 8]]), ...rows(out, 'denominator', LA, '2024', [['all', 'all', 15]])]);
    expect(findingsOf(p)).toEqual([{ variable: `${out}|complement(numerator)|${LA}|2024|all=all`, value: 7, route: 'complement' }]);
  });

  it('route 3, endpoint against indicator: turned_18 13 - assessed_before_18 12 = 1 young person not assessed', () => {
    const gap = 'indicator:transition-assessment-gap';
    const p = publication(
      [
        ...rows(gap, 'numerator', LA, '2022', [['all', 'all', null]]),
        ...rows(gap, 'denominator', LA, '2022', [['all', 'all', null]]),
        ...rows('transitions', 'turned_18', LA, '2022', [['all', 'all', 13]]),
        ...rows('transitions', 'assessed_before_18', LA, '2022', [['all', 'all', 12]]),
      ],
      [calendar(2022)],
    );
    // The endpoint publishes the complement of the indicator's numerator: both routes are needed.
    expect(findingsOf(p)).toContainEqual({ variable: `${gap}|numerator|${LA}|2022|all=all`, value: 1, route: 'combined:endpoint+complement' });
  });

  it('route 3, endpoint against indicator: /api/budgets publishes what personal-budget-take-up hides (6 plans with a budget)', () => {
    const take = 'indicator:personal-budget-take-up';
    const p = publication([
      ...rows(take, 'numerator', EAST, '2024', [['all', 'all', null]]),
      ...rows(take, 'denominator', EAST, '2024', [['all', 'all', 400]]),
      ...rows('budgets', 'with_budget', EAST, '2024', [['all', 'all', 6]]),
      ...rows('budgets', 'active_plans', EAST, '2024', [['all', 'all', 400]]),
    ]);
    expect(findingsOf(p)).toContainEqual({ variable: `${take}|numerator|${EAST}|2024|all=all`, value: 6, route: 'endpoint' });
  });

  it('route 4, overlapping periods: a published zero year pins its pieces, and the financial years around it the next pieces', () => {
    // Requests received: 2022 = 40, 2023 = 0, 2021-22 = 38, 2022-23 = 5, 2023-24 = 9. Non-negative pieces
    // of 2023 are both 0, so Apr-Dec 2022 = 5 - 0 = 5, Jan-Mar 2022 = 40 - 5 = 35, Apr-Dec 2021 = 38 - 35 = 3,
    // Jan-Mar 2024 = 9 - 0 = 9.
    const out = 'indicator:ehc-requests-rate';
    const counts: [string, number][] = [['2022', 40], ['2023', 0], ['2021-22', 38], ['2022-23', 5], ['2023-24', 9]];
    const p = publication(
      counts.flatMap(([period, n]) => rows(out, 'numerator', LA, period, [['all', 'all', n]])),
      [calendar(2022), calendar(2023), financial(2021), financial(2022), financial(2023)],
    );
    const found = findingsOf(p);
    expect(found).toEqual([
      { variable: `${out}|numerator|${LA}|piece 2021-04-01..2022-01-01|all=all`, value: 3, route: 'periods' },
      { variable: `${out}|numerator|${LA}|piece 2022-04-01..2023-01-01|all=all`, value: 5, route: 'periods' },
    ]);
  });

  it('route 4 must not fire on a chain of published years with no zero: one degree of freedom is left', () => {
    const out = 'indicator:ehc-requests-rate';
    const counts: [string, number][] = [['2022', 40], ['2023', 30], ['2021-22', 38], ['2022-23', 35], ['2023-24', 29]];
    const p = publication(
      counts.flatMap(([period, n]) => rows(out, 'numerator', LA, period, [['all', 'all', n]])),
      [calendar(2022), calendar(2023), financial(2021), financial(2022), financial(2023)],
    );
    expect(auditPublication(p).findings).toEqual([]);
  });
});

describe('auditor: populations linked by issue 13 (journey, benchmark basis)', () => {
  it('journey cease exits are ceased-needs-met denominators: 45 plans ceased - 40 of women = 5 of men', () => {
    // ceased-needs-met hides the LA total (40 of 45 met: 5 not met) and men (3 of 5); women 37 of 40 are
    // published. Alone that is safe (two hidden cells). The journey publishes the plans that ceased in the
    // LA, 45: men's denominator = 45 - 40 = 5.
    const ceased = 'indicator:ceased-needs-met';
    const p = publication([
      ...rows(ceased, 'numerator', LA, '2024', [['all', 'all', null], ['sex', 'F', 37], ['sex', 'M', null]]),
      ...rows(ceased, 'denominator', LA, '2024', [['all', 'all', null], ['sex', 'F', 40], ['sex', 'M', null]]),
      ...rows('journey', 'step_exits:cease', LA, '2024', [['all', 'all', 45]]),
    ]);
    expect(findingsOf(p)).toContainEqual({ variable: `${ceased}|denominator|${LA}|2024|sex=M`, value: 5, route: 'endpoint' });
  });

  it('a figure on the benchmark basis is the headline count: 43 requests received - 40 of boys = 3 of girls', () => {
    // ehc-requests-rate hides girls (3) and, as their second suppression, the LA total; the comparison
    // with England on the benchmark's basis (requests received over the mid-2021 population) shows 43.
    const rate = 'indicator:ehc-requests-rate';
    const p = publication([
      ...rows(rate, 'numerator', LA, '2024', [['all', 'all', null], ['sex', 'F', null], ['sex', 'M', 40]]),
      ...rows(`${rate}:benchmark-basis`, 'numerator', LA, '2024', [['all', 'all', 43]]),
    ]);
    expect(findingsOf(p)).toContainEqual({ variable: `${rate}|numerator|${LA}|2024|sex=F`, value: 3, route: 'linked' });
  });
});
