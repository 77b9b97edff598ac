import type { IndicatorDefinition } from '../types.ts';

export const feedbackSatisfaction: IndicatorDefinition = {
  id: 'feedback-satisfaction',
  title: 'Local Offer feedback rated good or very good',
  group: 'outcomes',
  description:
    'Of the feedback on the Local Offer received during the calendar year that gave a rating, the percentage rating it 4 (good) or 5 (very good). Feedback is not linked to a child: the LA figure uses all feedback; a locality figure only feedback about services based in that locality.',
  numerator: 'feedback received in the year rated 4 or 5',
  denominator: 'feedback received in the year with a rating from 1 to 5',
  unit: 'percent',
  polarity: 'higher-better',
  ciMethod: 'wilson',
  sources: ['local_offer_feedback', 'local_offer_services'],
  periodType: 'calendar-year',
  breakdowns: ['provision_category'],
  query: { file: 'feedback-rating', params: { lowest: 4, highest: 5 } },
  denominatorIsCount: true,
  // The LA row counts all feedback; a locality only feedback on services based there.
  nonAdditive: { localities: true },
  placement: { headline: 10, theme: { page: 'local-offer', order: 3 } },
  disclosure: 'Numerators or denominators of 1 to 7 responses are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
