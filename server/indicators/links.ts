import { ehcPlansByNeed } from './definitions/ehc-plans-by-need.ts';
import { ehcPlansRate } from './definitions/ehc-plans-rate.ts';
import { feedbackSatisfaction } from './definitions/feedback-satisfaction.ts';
import type { IndicatorDefinition } from './types.ts';
import type { BreakdownId } from '../../contract/vocabularies.ts';

/**
 * Indicators whose cells count the same population as another indicator's (active plans on
 * a day, issue 13 route 1): the follower hides at least what the owner hides in those cells
 * (server/disclosure/linked.ts), so one cannot fill the other's gap. Owners come first (no
 * cycles): ehc-plans-by-need owns active plans in total and by need; ehc-plans-rate follows
 * its total and owns them by sex and age band; independent-special-placements' denominators
 * (active plans of each need, sex and age band) follow both. feedback-dissatisfaction follows
 * feedback-satisfaction: both divide by the same responses (found by the auditor on the default extract).
 * ehc-plans-forecast's counted history follows ehc-plans-rate (total, age band) and ehc-plans-by-need (need).
 */
export const indicatorLinks: Readonly<Record<string, readonly { owner: IndicatorDefinition; breakdowns: readonly BreakdownId[] }[]>> = {
  'ehc-plans-rate': [{ owner: ehcPlansByNeed, breakdowns: ['all'] }],
  'independent-special-placements': [
    { owner: ehcPlansByNeed, breakdowns: ['all', 'primary_need'] },
    { owner: ehcPlansRate, breakdowns: ['sex', 'age_band'] },
  ],
  'feedback-dissatisfaction': [{ owner: feedbackSatisfaction, breakdowns: ['all', 'provision_category'] }],
  // The forecast's counted years are active plans on 31 December: ehc-plans-rate's numerator in
  // total and by age band, ehc-plans-by-need's by need (the projected years match no owner's period).
  // It has no England, region or ICB rows (a model does not add up over LAs), so unlinked it also
  // published LAs the hierarchy hides: Yorkshire 21 (ehc-plans-rate) − Leeds 16 (forecast) =
  // Bradford 5 (issue 19, test/disclosure/auditor/multi-la.test.ts).
  'ehc-plans-forecast': [
    { owner: ehcPlansRate, breakdowns: ['all', 'age_band'] },
    { owner: ehcPlansByNeed, breakdowns: ['primary_need'] },
  ],
};
