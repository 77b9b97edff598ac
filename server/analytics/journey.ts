import type { Additivity, Cell } from '../disclosure/index.ts';
import type { Database } from '../db/database.ts';
import type { DataContext } from '../data-context.ts';
import type { Area, Period } from '../../contract/common.ts';
import { ceasedNeedsMet } from '../indicators/definitions/ceased-needs-met.ts';
import { ehcRequestsRate } from '../indicators/definitions/ehc-requests-rate.ts';
import { ehcRequestsRefused } from '../indicators/definitions/ehc-requests-refused.ts';
import { computeIndicator } from '../indicators/engine.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import { cached } from './cache.ts';
import { journeyStepIds, overlapIds, type JourneyResponse, type JourneyStep, type JourneyStepId, type OverlapId, type OverlapRow, type WaitingRow } from '../../contract/analytics.ts';
import { ageBands } from '../../contract/vocabularies.ts';
import { countCell, derived, group, published, ratioCell, suppressTable, type Results } from '../disclosure/tables.ts';
import { localitiesOf, servedAreas } from './periods.ts';
import { runAnalyticsQuery } from './sql.ts';

// Single view of the child: the EHC journey of the children of an area in a period, the
// children waiting now, and where plans, child needs assessments and personal budgets overlap.
// Computed for every area of a period at once (computeJourney, cached per data version,
// threshold and period by the registry, registry.ts), so an LA and its localities are suppressed
// together (a locality's small count cannot be recovered as the LA minus the other localities);
// a request then slices its area out (journeyView).

export const stepText: Record<JourneyStepId, { label: string; entered: string; measure: string }> = {
  request: {
    label: 'Request for an EHC needs assessment',
    entered: 'children with a request received in the period',
    measure: 'weeks from the request to the decision whether to assess (agreed, refused or withdrawn), for decisions made in the period',
  },
  assessment: {
    label: 'EHC needs assessment',
    entered: 'children with a decision to assess (agreed) made in the period',
    measure: 'weeks from the decision to assess to the plan decision (issued, not issued or withdrawn), for plan decisions made in the period',
  },
  plan: {
    label: 'EHC plan issued',
    entered: 'children with an EHC plan issued in the period',
    measure:
      'weeks from the plan being issued to its first annual review held (or to the plan ceasing, if sooner), for those dated in the period; plans issued before the extract begins are left out, as their first review may predate it',
  },
  annual_review: {
    label: 'Annual review',
    entered: 'children with an annual review held in the period',
    measure: 'weeks from a review held to the next review held (or to the plan ceasing, if sooner), for those dated in the period',
  },
  cease: {
    label: 'Plan ceased',
    entered: 'children whose EHC plan ceased in the period',
    measure: 'weeks from the plan being issued to it ceasing (the whole time on the plan), for plans ceased in the period',
  },
};

export const overlapText: Record<OverlapId, { label: string; definition: string; of_label: string }> = {
  cna_disability_no_ehc: {
    label: 'Disabled children assessed by social care with no EHC request',
    definition:
      'Children with a child needs assessment recording disability open in the period (started by its end, not completed before its start), with no EHC needs assessment request received and no EHC plan started by the end of the period.',
    of_label: 'children with a child needs assessment recording disability open in the period',
  },
  social_care_plan_no_cna: {
    label: 'EHC plans with social care provision and no child needs assessment',
    definition:
      'Children with an EHC plan active on the last day of the period that has social care provision (section H1 or H2) in force that day, and no child needs assessment started by then.',
    of_label: 'children with an active EHC plan with social care provision (H1/H2)',
  },
  cna_budget_no_plan: {
    label: 'Personal budgets from a child needs assessment, with no EHC plan',
    definition:
      'Children with a personal budget from a child needs assessment only (not linked to an EHC plan) active on the last day of the period, and no EHC plan active that day.',
    of_label: 'children with a personal budget from a child needs assessment active on the last day',
  },
  integrated_budget: {
    label: 'Integrated personal budgets',
    definition:
      'Children whose personal budgets active on the last day of the period have elements from more than one of education, health and social care.',
    of_label: 'children with a personal budget active on the last day',
  },
};

const waitingDefinition =
  'Children with an open EHC needs assessment request at the extract date, by age on that date: a request is open when it has no plan decision (issued, not issued or withdrawn), was not refused or withdrawn at the assessment stage, and no plan points to it. "Past 6 weeks" = received more than 42 days before and no decision whether to assess; "past 20 weeks" = received more than 140 days before (statutory exceptions are not taken out). A child with several open requests counts once.';

const notes = [
  'Children are counted once per step and area: a child who entered a step twice in the period counts once; times count every exit.',
  'Times are in weeks (days divided by 7), unrounded; the median and quartiles are interpolated between the two nearest children’s times, as Excel’s PERCENTILE.INC does.',
  'Areas: the LA counts every child it is responsible for; a locality counts its children (children with no locality count in the LA only).',
  'Disclosure control: counts of 1 to the threshold are suppressed (null, symbol c), with secondary suppression so no suppressed count can be recovered from the LA and its other localities or the other age bands; times are shown only with their count.',
];

interface StepSqlRow extends Record<string, unknown> {
  area_code: string;
  step: JourneyStepId;
  children: number;
  n: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
}
interface OverlapSqlRow extends Record<string, unknown> {
  area_code: string;
  measure: OverlapId;
  numerator: number;
  denominator: number;
}
interface WaitingSqlRow extends Record<string, unknown> {
  area_code: string;
  age_band: string;
  open_requests: number;
  past_6_weeks: number;
  past_20_weeks: number;
}

/**
 * Groups saying an LA's cell is the sum of its localities' cells, and England's, a region's or an
 * ICB's the sum of its parts' (servedAreas), for cells keyed by `key(area)`: children are counted
 * in one LA, so every level adds up exactly and is protected with the others.
 */
function areaGroups(context: DataContext, key: (areaCode: string) => string): Additivity[] {
  const localities = context.areas
    .filter((a) => a.area_type === 'la')
    .map((la) => group(key(la.area_code), localitiesOf(context, la.area_code).map((l) => key(l.area_code))));
  const aggregates = servedAreas(context).map((a) => group(key(a.area_code), (a.parts ?? []).map(key)));
  return [...localities, ...aggregates].filter((g) => g.parts.length > 0);
}

interface PeriodJourney {
  steps: Map<string, JourneyStep[]>;
  overlap: Map<string, OverlapRow[]>;
}

type StepMetric = 'children' | 'n';
const stepKey = (metric: StepMetric, step: JourneyStepId, area: string) => `${metric}|${step}|${area}`;

/**
 * Journey counts of an indicator's population (issue 13, linked outputs): the cease step's exits
 * are ceased-needs-met's denominator exactly; children entering the request, assessment and cease
 * steps differ from the requests received, requests agreed and plans ceased the indicators count
 * only where a child has two in a year (a child counts once). Each is hidden wherever the
 * indicator hides (or rounds) its total for the area and year, then protected like any suppressed
 * cell, so neither output fills the other's gap. Not followed: decisions on requests (they include
 * withdrawals, published nowhere) and plans issued (ehc-20-week-timeliness leaves out exceptions).
 */
const journeyLinks: readonly { indicator: IndicatorDefinition; cells: readonly [StepMetric, JourneyStepId][] }[] = [
  { indicator: ceasedNeedsMet, cells: [['n', 'cease'], ['children', 'cease']] },
  { indicator: ehcRequestsRate, cells: [['children', 'request']] },
  { indicator: ehcRequestsRefused, cells: [['children', 'assessment']] },
];

async function linkedStepCells(db: Database, context: DataContext, threshold: number, period: Period): Promise<Set<string>> {
  const forced = new Set<string>();
  for (const { indicator, cells } of journeyLinks) {
    for (const area of servedAreas(context)) {
      const query = { area: area.area_code, period: period.period, periodType: period.period_type, by: 'all' } as const;
      // A period the indicator does not publish hides nothing there.
      const [row] = await computeIndicator(db, context, indicator, query, { threshold, reference: null }).catch(() => []);
      if (row && (row.suppressed || row.rounded === true)) for (const [metric, step] of cells) forced.add(stepKey(metric, step, area.area_code));
    }
  }
  return forced;
}

async function journeyForPeriod(db: Database, context: DataContext, threshold: number, period: Period): Promise<PeriodJourney> {
  const params = { start: period.start_date, end: period.end_date };
  const [stepRows, overlapRows] = await Promise.all([
    runAnalyticsQuery<StepSqlRow>(db, 'journey-steps', params),
    runAnalyticsQuery<OverlapSqlRow>(db, 'journey-overlap', params),
  ]);
  const areas = servedAreas(context).map((a) => a.area_code);

  // Steps: children entering, and exits timed, each LA = sum of its localities.
  const byAreaStep = new Map(stepRows.map((r) => [`${r.area_code}|${r.step}`, r]));
  const stepCells: Cell[] = [];
  const stepGroups: Additivity[] = [];
  for (const step of journeyStepIds) {
    for (const metric of ['children', 'n'] as const) {
      for (const area of areas) stepCells.push(countCell(stepKey(metric, step, area), byAreaStep.get(`${area}|${step}`)?.[metric] ?? 0));
      stepGroups.push(...areaGroups(context, (area) => stepKey(metric, step, area)));
    }
  }
  const stepResults = suppressTable(stepCells, stepGroups, threshold, await linkedStepCells(db, context, threshold, period));

  // Overlap: children with the combination out of a group of children; both counts are disclosive.
  const overlapKey = (measure: OverlapId, area: string) => `overlap|${measure}|${area}`;
  const byAreaMeasure = new Map(overlapRows.map((r) => [`${r.area_code}|${r.measure}`, r]));
  const overlapCells: Cell[] = [];
  const overlapGroups: Additivity[] = [];
  for (const measure of overlapIds) {
    for (const area of areas) {
      const r = byAreaMeasure.get(`${area}|${measure}`);
      overlapCells.push(ratioCell(overlapKey(measure, area), r?.numerator ?? 0, r?.denominator ?? 0));
    }
    overlapGroups.push(...areaGroups(context, (area) => overlapKey(measure, area)));
  }
  const overlapResults = suppressTable(overlapCells, overlapGroups, threshold);

  const steps = new Map<string, JourneyStep[]>();
  const overlap = new Map<string, OverlapRow[]>();
  for (const area of areas) {
    steps.set(
      area,
      journeyStepIds.map((step) => {
        const r = byAreaStep.get(`${area}|${step}`);
        const children = published(r?.children ?? 0, stepResults.get(stepKey('children', step, area)));
        const n = published(r?.n ?? 0, stepResults.get(stepKey('n', step, area)));
        return {
          step,
          label: stepText[step].label,
          entered: stepText[step].entered,
          children,
          time: { measure: stepText[step].measure, n, q1: derived(r?.q1, n), median: derived(r?.median, n), q3: derived(r?.q3, n) },
        };
      }),
    );
    overlap.set(
      area,
      overlapIds.map((measure) => {
        const r = byAreaMeasure.get(`${area}|${measure}`);
        const result = overlapResults.get(overlapKey(measure, area));
        return {
          measure,
          ...overlapText[measure],
          children: published(r?.numerator ?? 0, result),
          of: published(r?.denominator ?? 0, result),
        };
      }),
    );
  }
  return { steps, overlap };
}

const waitingMeasures = ['open_requests', 'past_6_weeks', 'past_20_weeks'] as const;

function waitingNow(db: Database, context: DataContext, threshold: number): Promise<Map<string, WaitingRow[]>> {
  return cached(context, `journey-waiting|${threshold}`, async () => {
    const asAt = context.notice.extract_date ?? '';
    const rows = await runAnalyticsQuery<WaitingSqlRow>(db, 'journey-waiting', { as_at: asAt });
    const bands: string[] = [...ageBands, ...(rows.some((r) => r.age_band === 'unknown') ? ['unknown'] : [])];
    const areas = servedAreas(context).map((a) => a.area_code);
    const byCell = new Map(rows.map((r) => [`${r.area_code}|${r.age_band}`, r]));
    const key = (measure: string, area: string, band: string) => `wait|${measure}|${area}|${band}`;
    const cells: Cell[] = [];
    const groups: Additivity[] = [];
    for (const measure of waitingMeasures) {
      for (const area of areas) {
        for (const band of [...bands, 'all']) cells.push(countCell(key(measure, area, band), byCell.get(`${area}|${band}`)?.[measure] ?? 0));
        // The age bands add up to all ages.
        groups.push(group(key(measure, area, 'all'), bands.map((b) => key(measure, area, b))));
      }
      // The LA is the sum of its localities, in every band and in all ages.
      for (const band of [...bands, 'all']) groups.push(...areaGroups(context, (area) => key(measure, area, band)));
    }
    const results: Results = suppressTable(cells, groups, threshold);
    const out = new Map<string, WaitingRow[]>();
    for (const area of areas) {
      out.set(
        area,
        ['all', ...bands].map((band) => {
          const value = (measure: (typeof waitingMeasures)[number]) =>
            published(byCell.get(`${area}|${band}`)?.[measure] ?? 0, results.get(key(measure, area, band)));
          return {
            age_band: band,
            open_requests: value('open_requests'),
            past_6_weeks_no_assessment_decision: value('past_6_weeks'),
            past_20_weeks_no_plan_decision: value('past_20_weeks'),
          };
        }),
      );
    }
    return out;
  });
}

export interface JourneyModel {
  forPeriod: PeriodJourney;
  /** Waiting at the extract date: the same whatever the period (cached once). */
  waiting: Map<string, WaitingRow[]>;
}

/** Every area of one period, disclosure control applied. */
export async function computeJourney(db: Database, context: DataContext, threshold: number, period: Period): Promise<JourneyModel> {
  const [forPeriod, waiting] = await Promise.all([journeyForPeriod(db, context, threshold, period), waitingNow(db, context, threshold)]);
  return { forPeriod, waiting };
}

/** One area's journey out of the period's model. */
export function journeyView(context: DataContext, threshold: number, { forPeriod, waiting }: JourneyModel, area: Area, period: Period): JourneyResponse {
  return {
    data: context.notice,
    area,
    period,
    threshold,
    steps: forPeriod.steps.get(area.area_code) ?? [],
    waiting: { as_at: context.notice.extract_date ?? '', definition: waitingDefinition, rows: waiting.get(area.area_code) ?? [] },
    overlap: forPeriod.overlap.get(area.area_code) ?? [],
    notes,
  };
}
