import { describe, expect, it } from 'vitest';
import { CountTable } from '../../server/disclosure/tables.ts';
import { demandCapacityRatio } from '../../server/indicators/definitions/demand-capacity-ratio.ts';
import { suppressRows } from '../../server/indicators/engine.ts';
import type { SourceRow } from '../../server/indicators/types.ts';
import type { Area } from '../../contract/common.ts';

// Two leaks the auditor found on a 2,000-child generated extract (issue 13), on tables worked by hand.

const areas: Area[] = [
  { area_code: 'LA', area_name: 'The LA', area_type: 'la', parent_code: null },
  { area_code: 'N', area_name: 'North', area_type: 'locality', parent_code: 'LA' },
  { area_code: 'S', area_name: 'South', area_type: 'locality', parent_code: 'LA' },
];

describe('an indicator whose localities do not add up in the denominator but do in the numerator', () => {
  // demand-capacity-ratio: places (the denominator) are shared out to localities by population,
  // so they do not add up; provision lines (the numerator) do. North has 5 lines, South 25, the
  // LA 30: publishing the LA and South gives North = 30 - 25 = 5.
  const row = (area: string, numerator: number, denominator: number, breakdown = 'provision_category'): SourceRow => ({
    area_code: area,
    period: '2022',
    breakdown,
    breakdown_value: breakdown === 'all' ? 'all' : 'PERSONAL_CARE',
    numerator,
    denominator,
  });
  // Each area's total is the one category here (the breakdown adds up to it).
  const totals = (la: number, n: number, s: number) => [row('LA', la, 12, 'all'), row('N', n, 4.5, 'all'), row('S', s, 9.1, 'all')];
  const rows = [...totals(30, 5, 25), row('LA', 30, 12), row('N', 5, 4.5), row('S', 25, 9.1)];

  it('hides a second cell of LA = North + South when North (5 lines) is suppressed', () => {
    const results = suppressRows(rows, areas, demandCapacityRatio, 7);
    const hidden = (area: string) => results.get(`${area}|2022|provision_category|PERSONAL_CARE`)?.suppressed;
    expect(hidden('N')).toBe(true);
    expect(hidden('LA') || hidden('S')).toBe(true);
  });

  it('builds no locality equation where the numerators do not add up either', () => {
    // Lines on plans of children with no locality: the LA counts 40, the localities 5 + 25.
    const results = suppressRows([...totals(40, 5, 25), row('LA', 40, 12), row('N', 5, 4.5), row('S', 25, 9.1)], areas, demandCapacityRatio, 7);
    expect(results.get('N|2022|provision_category|PERSONAL_CARE')?.suppressed).toBe(true);
    expect(results.get('S|2022|provision_category|PERSONAL_CARE')?.suppressed).toBe(false);
    expect(results.get('LA|2022|provision_category|PERSONAL_CARE')?.suppressed).toBe(false);
  });
});

describe('the share cells of an analytics table: the complement is a count', () => {
  // 20 young people, 17 reviewed: the share 17/20 publishes the 3 not reviewed.
  const table = (): CountTable => {
    const t = new CountTable();
    t.set('LA', 'young', 20);
    t.set('LA', 'reviewed', 17);
    t.share('LA', 'reviewed', 'young');
    return t;
  };

  it('suppresses the numerator or the denominator when denominator - numerator is 1 to 7', () => {
    const published = table().publish(7, [areas[0] as Area]);
    expect(published.get('LA', 'reviewed').suppressed || published.get('LA', 'young').suppressed).toBe(true);
    expect(published.audit()).toEqual([]);
  });

  it('publishes both when the complement is 0 or above the threshold', () => {
    const t = new CountTable();
    t.set('LA', 'young', 20);
    t.set('LA', 'reviewed', 12);
    t.set('LA', 'decided', 20);
    t.share('LA', 'reviewed', 'young');
    t.share('LA', 'decided', 'young');
    const published = t.publish(7, [areas[0] as Area]);
    expect(published.get('LA', 'reviewed').suppressed).toBe(false);
    expect(published.get('LA', 'decided').suppressed).toBe(false);
    expect(published.get('LA', 'young').suppressed).toBe(false);
  });

  it('protects the complement across localities: the LA share cannot fill a locality gap', () => {
    // LA 40 young, 27 reviewed (complement 13, fine); North 20/17 (complement 3), South 20/10.
    const t = new CountTable();
    for (const [area, young, reviewed] of [['LA', 40, 27], ['N', 20, 17], ['S', 20, 10]] as const) {
      t.set(area, 'young', young);
      t.set(area, 'reviewed', reviewed);
      t.share(area, 'reviewed', 'young');
    }
    const published = t.publish(7, areas);
    const shown = (area: string, scope: string) => published.get(area, scope).value;
    // North's complement must not follow from any published figures: neither directly, nor
    // through LA - South.
    const northYoung = shown('N', 'young') ?? (shown('LA', 'young') !== null && shown('S', 'young') !== null ? (shown('LA', 'young') as number) - (shown('S', 'young') as number) : null);
    const northReviewed = shown('N', 'reviewed') ?? (shown('LA', 'reviewed') !== null && shown('S', 'reviewed') !== null ? (shown('LA', 'reviewed') as number) - (shown('S', 'reviewed') as number) : null);
    expect(northYoung !== null && northReviewed !== null).toBe(false);
    expect(published.audit()).toEqual([]);
  });
});
