import { annualReviewsOnTime } from './definitions/annual-reviews-on-time.ts';
import { ceasedNeedsMet } from './definitions/ceased-needs-met.ts';
import { cnaDisabledChildren } from './definitions/cna-disabled-children.ts';
import { continuingCareWithHealthProvision } from './definitions/continuing-care-with-health-provision.ts';
import { demandCapacityRatio } from './definitions/demand-capacity-ratio.ts';
import { ehc20WeekTimeliness } from './definitions/ehc-20-week-timeliness.ts';
import { ehcPlansByNeed } from './definitions/ehc-plans-by-need.ts';
import { ehcPlansForecast } from './definitions/ehc-plans-forecast.ts';
import { ehcPlansRate } from './definitions/ehc-plans-rate.ts';
import { ehcRequestsRate } from './definitions/ehc-requests-rate.ts';
import { ehcRequestsRefused } from './definitions/ehc-requests-refused.ts';
import { feedbackDissatisfaction } from './definitions/feedback-dissatisfaction.ts';
import { feedbackSatisfaction } from './definitions/feedback-satisfaction.ts';
import { independentSpecialPlacements } from './definitions/independent-special-placements.ts';
import { localOfferAgeCoverage } from './definitions/local-offer-age-coverage.ts';
import { outOfAreaPlacements } from './definitions/out-of-area-placements.ts';
import { personalBudgetTakeUp } from './definitions/personal-budget-take-up.ts';
import { pfaEmployment } from './definitions/pfa-employment.ts';
import { provisionNotDelivered } from './definitions/provision-not-delivered.ts';
import { provisionWaitWeeks } from './definitions/provision-wait-weeks.ts';
import { transitionAssessmentGap } from './definitions/transition-assessment-gap.ts';
import { tribunalAppealRate } from './definitions/tribunal-appeal-rate.ts';
import type { IndicatorDefinition } from './types.ts';

// The catalogue: adding an indicator = a definition here + sql/indicators/<id>.sql.
// In the order of the indicator specification: needs, gaps, outcomes. ehc-plans-forecast comes
// with the forecasting model.
export const catalogue: readonly IndicatorDefinition[] = [
  // needs
  ehcPlansRate,
  ehcPlansByNeed,
  ehcRequestsRate,
  ehcRequestsRefused,
  cnaDisabledChildren,
  continuingCareWithHealthProvision,
  ehcPlansForecast,
  // gaps
  provisionNotDelivered,
  provisionWaitWeeks,
  demandCapacityRatio,
  localOfferAgeCoverage,
  outOfAreaPlacements,
  independentSpecialPlacements,
  transitionAssessmentGap,
  feedbackDissatisfaction,
  // outcomes
  ehc20WeekTimeliness,
  annualReviewsOnTime,
  ceasedNeedsMet,
  pfaEmployment,
  personalBudgetTakeUp,
  tribunalAppealRate,
  feedbackSatisfaction,
];

export const indicatorById: ReadonlyMap<string, IndicatorDefinition> = new Map(catalogue.map((d) => [d.id, d]));

/** A list of indicators and the same by id: the shipped catalogue, or one a test adds to. */
export interface IndicatorCatalogue {
  readonly list: readonly IndicatorDefinition[];
  readonly byId: ReadonlyMap<string, IndicatorDefinition>;
}

export function indicatorCatalogue(list: readonly IndicatorDefinition[]): IndicatorCatalogue {
  const byId = new Map(list.map((d) => [d.id, d]));
  if (byId.size !== list.length) throw new Error('two indicators with the same id');
  return { list, byId };
}

export const shippedCatalogue: IndicatorCatalogue = { list: catalogue, byId: indicatorById };

/** The definition of a known indicator id (an unknown one is a programming error, not a request). */
export function definitionOf(id: string): IndicatorDefinition {
  const definition = indicatorById.get(id);
  if (!definition) throw new Error(`no indicator ${id} in the catalogue`);
  return definition;
}
