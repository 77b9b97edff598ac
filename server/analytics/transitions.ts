// Preparing for adulthood and transitions (GET /api/transitions): PfA outcomes at the latest
// review of young people aged 14-25 with active plans, by single year of age and age band;
// Care Act transition assessments started before 18; plans ceasing at 19-25 by reason.
// Single years, bands and the total are protected together, as a reader could add them up.
import { linkKey, noLinks, type LinkedPattern } from '../disclosure/linked.ts';
import type { Database } from '../db/database.ts';
import { vocabularies } from '../../contract/vocabularies.ts';
import type { Area, Period } from '../../contract/common.ts';
import { queryEachPeriod } from './sql.ts';
import { snapshotHeader } from '../disclosure/cells.ts';
import type { CountCell } from '../../contract/cells.ts';
import { CountTable, shareOf, type PublishedCounts } from '../disclosure/tables.ts';
import { pfaOutcomes, type TransitionsResponse } from '../../contract/transitions.ts';

export const PFA_AGES = { min: 14, max: 25 } as const;
export const CEASE_AGES = { min: 19, max: 25 } as const;
/** The age_band macro's bands from 14 (its 11-15 band cut at 14). */
export const PFA_BANDS = [
  { band: '14-15', from: 14, to: 15 },
  { band: '16-19', from: 16, to: 19 },
  { band: '20-25', from: 20, to: 25 },
] as const;
const AGES = Array.from({ length: PFA_AGES.max - PFA_AGES.min + 1 }, (_, i) => PFA_AGES.min + i);
const MEASURES = ['young_people', 'reviewed', ...pfaOutcomes] as const;
type Measure = (typeof MEASURES)[number];

interface PfaRow extends Record<string, unknown> {
  area_code: string;
  period: string;
  age: number;
  age_band: string | null;
  young_people: number;
  reviewed: number;
  employment: number;
  independent_living: number;
  community: number;
  health: number;
}
interface CareActRow extends Record<string, unknown> {
  area_code: string;
  period: string;
  turned_18: number;
  assessed_before_18: number;
}
interface CeasedRow extends Record<string, unknown> {
  area_code: string;
  period: string;
  cease_reason: string;
  plans: number;
}

export type TransitionsView = Omit<TransitionsResponse, 'data' | 'query'>;
export interface TransitionsModel {
  view(area: Area, period: Period, by: 'age' | 'age_band'): TransitionsView;
  /** Suppressed counts still exactly recoverable from the published ones (none expected). */
  audit(): string[];
}

export const transitionDefinitions = {
  preparing_for_adulthood: `Young people aged ${PFA_AGES.min} to ${PFA_AGES.max} on the period's last day with an EHC plan active that day. Outcomes (paid work, supported internship or apprenticeship; independent living; friends, relationships and community; good health) are those recorded at their latest annual review of an active plan held on or before that day, as shares of the young people with such a review; a blank outcome counts as not recorded. Age from the month of birth.`,
  care_act_transition_assessments: 'Young people who turned 18 in the period (the 18th birthday taken as the first of the birth month) and on that day had an active EHC plan with social care provision (section H1 or H2) in force, and the share of them with a Care Act transition assessment started before their 18th birthday (the complement of the transition-assessment-gap indicator).',
  plans_ceased_19_to_25: `EHC plans that ceased in the period when the young person was aged ${CEASE_AGES.min} to ${CEASE_AGES.max}, by the recorded cease reason ('unknown' when blank), as shares of all such plans.`,
};

const pfaScope = (period: string, measure: Measure, group: string) => `${period}|pfa|${measure}|${group}`;
const careScope = (period: string, measure: 'turned_18' | 'assessed') => `${period}|care-act|${measure}`;
const ceasedScope = (period: string, reason = 'all') => `${period}|ceased|${reason}`;
const REASONS = [...vocabularies.cease_reason, 'unknown'] as const;

/** Transitions of `periods` (one, for a request: nothing links one period's counts to another's). */
export async function computeTransitions(db: Database, areas: readonly Area[], periods: readonly Period[], threshold: number, linked: LinkedPattern = noLinks): Promise<TransitionsModel> {
  const [pfa, careAct, ceased] = await Promise.all([
    queryEachPeriod<PfaRow>(db, 'transitions-pfa', periods, { min_age: PFA_AGES.min, max_age: PFA_AGES.max }),
    queryEachPeriod<CareActRow>(db, 'transitions-care-act', periods),
    queryEachPeriod<CeasedRow>(db, 'transitions-ceased', periods, { min_age: CEASE_AGES.min, max_age: CEASE_AGES.max }),
  ]);
  // The age_band macro's bands, its 11-15 band starting at 14 here.
  const bandOf = (r: PfaRow) => (r.age_band === '11-15' ? '14-15' : (r.age_band ?? 'unknown'));
  const table = new CountTable();
  for (const r of pfa) {
    for (const m of MEASURES) {
      table.add(r.area_code, pfaScope(r.period, m, 'all'), r[m]);
      table.add(r.area_code, pfaScope(r.period, m, String(r.age)), r[m]);
      table.add(r.area_code, pfaScope(r.period, m, bandOf(r)), r[m]);
    }
  }
  for (const r of careAct) {
    table.set(r.area_code, careScope(r.period, 'turned_18'), r.turned_18);
    table.set(r.area_code, careScope(r.period, 'assessed'), r.assessed_before_18);
  }
  for (const r of ceased) {
    table.add(r.area_code, ceasedScope(r.period), r.plans);
    table.set(r.area_code, ceasedScope(r.period, r.cease_reason), r.plans);
  }
  declareSums(table, areas, periods);
  const published = table.publish(threshold, areas);
  return { audit: () => published.audit(), view: (area, period, by) => transitionsView(published, linked, threshold, area, period, by) };
}

/** Ages add up to their band and to the total, bands to the total, reasons to all ceased; and the shares published. */
function declareSums(table: CountTable, areas: readonly Area[], periods: readonly Period[]): void {
  for (const a of areas) {
    for (const p of periods) {
      for (const m of MEASURES) {
        table.additive(a.area_code, pfaScope(p.period, m, 'all'), AGES.map((age) => pfaScope(p.period, m, String(age))));
        table.additive(a.area_code, pfaScope(p.period, m, 'all'), PFA_BANDS.map((b) => pfaScope(p.period, m, b.band)));
        for (const b of PFA_BANDS) {
          const ages = AGES.filter((age) => age >= b.from && age <= b.to);
          table.additive(a.area_code, pfaScope(p.period, m, b.band), ages.map((age) => pfaScope(p.period, m, String(age))));
        }
      }
      table.additive(a.area_code, ceasedScope(p.period), REASONS.map((r) => ceasedScope(p.period, r)));
      // Shares published below: reviewed of young people, each outcome of those reviewed
      // (their complements are counts). Cease reasons need none: their complement is a sum of
      // the other reasons, already in the equation above.
      for (const group of ['all', ...AGES.map(String), ...PFA_BANDS.map((b) => b.band)]) {
        table.share(a.area_code, pfaScope(p.period, 'reviewed', group), pfaScope(p.period, 'young_people', group));
        for (const outcome of pfaOutcomes) table.share(a.area_code, pfaScope(p.period, outcome, group), pfaScope(p.period, 'reviewed', group));
      }
    }
  }
}

function transitionsView(published: PublishedCounts, linked: LinkedPattern, threshold: number, area: Area, period: Period, by: 'age' | 'age_band'): TransitionsView {
  const get = (s: string): CountCell => published.get(area.area_code, s);
  const p = period.period;
  const groups = ['all', ...(by === 'age' ? AGES.map(String) : PFA_BANDS.map((b) => b.band))];
  const ceasedAll = get(ceasedScope(p));
  // The same young people as transition-assessment-gap's row: its pattern (server/disclosure/linked.ts).
  const gapRow = linked.get(linkKey('transition-assessment-gap', area.area_code, p, 'all', 'all'));
  const turned18 = published.linked(area.area_code, careScope(p, 'turned_18'), gapRow);
  return {
    ...snapshotHeader(area, period, threshold, transitionDefinitions),
    preparing_for_adulthood: {
      rows: groups.map((group) => {
        const youngPeople = get(pfaScope(p, 'young_people', group));
        const reviewed = get(pfaScope(p, 'reviewed', group));
        return {
          group,
          young_people: youngPeople,
          reviewed: shareOf(reviewed, youngPeople),
          outcomes: {
            employment: shareOf(get(pfaScope(p, 'employment', group)), reviewed),
            independent_living: shareOf(get(pfaScope(p, 'independent_living', group)), reviewed),
            community: shareOf(get(pfaScope(p, 'community', group)), reviewed),
            health: shareOf(get(pfaScope(p, 'health', group)), reviewed),
          },
        };
      }),
    },
    care_act_transition_assessments: {
      turned_18: turned18,
      assessed_before_18: shareOf(published.linked(area.area_code, careScope(p, 'assessed'), gapRow), turned18),
    },
    plans_ceased_19_to_25: {
      plans: ceasedAll,
      // Every reason; 'unknown' (blank) only when there are some.
      by_reason: REASONS.filter((r) => {
        const n = get(ceasedScope(p, r));
        return r !== 'unknown' || n.suppressed || (n.value ?? 0) > 0;
      }).map((cease_reason) => ({ cease_reason, plans: shareOf(get(ceasedScope(p, cease_reason)), ceasedAll) })),
    },
  };
}
