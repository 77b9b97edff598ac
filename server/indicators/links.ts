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
 */
export const indicatorLinks: Readonly<Record<string, readonly { owner: IndicatorDefinition; breakdowns: readonly BreakdownId[] }[]>> = {
  'ehc-plans-rate': [{ owner: ehcPlansByNeed, breakdowns: ['all'] }],
  'independent-special-placements': [
    { owner: ehcPlansByNeed, breakdowns: ['all', 'primary_need'] },
    { owner: ehcPlansRate, breakdowns: ['sex', 'age_band'] },
  ],
  'feedback-dissatisfaction': [{ owner: feedbackSatisfaction, breakdowns: ['all', 'provision_category'] }],
};
