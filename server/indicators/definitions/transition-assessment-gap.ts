import type { IndicatorDefinition } from '../types.ts';

export const transitionAssessmentGap: IndicatorDefinition = {
  id: 'transition-assessment-gap',
  title: 'Young people turning 18 without a Care Act transition assessment',
  group: 'gaps',
  description:
    'Young people with an active EHC plan that includes social care provision (sections H1 or H2) who turned 18 during the calendar year: the percentage who had no Care Act transition assessment started before their 18th birthday. The 18th birthday is taken as the first day of the birth month, as only the month of birth is held.',
  numerator: 'of those young people, the ones with no Care Act transition assessment started before their 18th birthday',
  denominator: 'young people who turned 18 in the year and on their birthday had an active plan with an H1 or H2 line in force',
  unit: 'percent',
  polarity: 'lower-better',
  ciMethod: 'wilson',
  sources: ['children', 'ehc_plans', 'ehc_provision', 'child_needs_assessments'],
  periodType: 'calendar-year',
  breakdowns: ['sex', 'primary_need'],
  denominatorIsCount: true,
  placement: { headline: 7, theme: { page: 'preparing-for-adulthood', order: 2 } },
  disclosure: 'Numerators or denominators of 1 to 7 young people are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
