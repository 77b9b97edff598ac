import type { IndicatorDefinition } from '../types.ts';

export const feedbackDissatisfaction: IndicatorDefinition = {
  id: 'feedback-dissatisfaction',
  title: 'Local Offer feedback rated poor or very poor',
  group: 'gaps',
  description:
    'Of the feedback on the Local Offer received during the calendar year that gave a rating, the percentage rating it 1 (very poor) or 2 (poor), by type of provision. Feedback is not linked to a child: the LA figure uses all feedback; a locality figure only feedback about services based in that locality.',
  numerator: 'feedback received in the year rated 1 or 2',
  denominator: 'feedback received in the year with a rating from 1 to 5',
  unit: 'percent',
  polarity: 'lower-better',
  ciMethod: 'wilson',
  sources: ['local_offer_feedback', 'local_offer_services'],
  periodType: 'calendar-year',
  breakdowns: ['provision_category'],
  query: { file: 'feedback-rating', params: { lowest: 1, highest: 2 } },
  denominatorIsCount: true,
  // The LA row counts all feedback; a locality only feedback on services based there.
  nonAdditive: { localities: true },
  placement: { theme: { page: 'local-offer', order: 4 } },
  disclosure: 'Numerators or denominators of 1 to 7 responses are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
