import type { IndicatorDefinition } from '../types.ts';

export const annualReviewsOnTime: IndicatorDefinition = {
  id: 'annual-reviews-on-time',
  title: 'EHC plan annual reviews held on time',
  group: 'outcomes',
  description:
    'Of the annual reviews of EHC plans due during the calendar year, the percentage held on or before the date they were due. Reviews not held at all count as not on time. Age is the age on the due date.',
  numerator: 'reviews due in the year and held on or before the due date',
  denominator: 'reviews due in the year',
  unit: 'percent',
  polarity: 'higher-better',
  ciMethod: 'wilson',
  sources: ['annual_reviews', 'ehc_plans', 'children'],
  periodType: 'calendar-year',
  breakdowns: ['sex', 'age_band', 'primary_need'],
  denominatorIsCount: true,
  placement: { headline: 4 },
  disclosure: 'Numerators or denominators of 1 to 7 reviews are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'DfE Education, health and care plans: review_meeting_24 / review_expected (annual_reviews) - a proxy: it counts any review meeting recorded in the year as held, so it overstates timeliness',
  benchmarkBasis: {
    importedFrom: { publisher: 'dfe', table: 'annual_reviews', numerator: ['review_meeting_24'], denominator: ['review_expected'] },
    source: 'DfE Education, health and care plans, table annual_reviews: review_meeting_24 / review_expected',
    numerator: 'plans with a review meeting recorded in the calendar year, whenever it was due',
    denominator: 'plans whose annual review was expected in the calendar year',
    referenceDate: 'the calendar year',
    populationBase: null,
    comparison: {
      kind: 'not-compared',
      reason: 'The published figure counts any review meeting held in the year, on time or late, so it overstates timeliness; the extract measures reviews held by their due date. Shown for context only.',
    },
  },
};
