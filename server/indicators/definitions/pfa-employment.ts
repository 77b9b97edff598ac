import type { IndicatorDefinition } from '../types.ts';

export const pfaEmployment: IndicatorDefinition = {
  id: 'pfa-employment',
  title: 'Young people in work, internships or apprenticeships at review',
  group: 'outcomes',
  description:
    'Young people aged 16 to 25 who had an EHC plan annual review during the calendar year: the percentage whose latest review that year recorded them in paid work, a supported internship or an apprenticeship (the preparing-for-adulthood employment outcome). Age is the age at that latest review; a blank outcome counts as not recorded.',
  numerator: 'young people whose latest review held in the year records paid employment as a preparing-for-adulthood outcome',
  denominator: 'young people aged 16-25 at their latest review held in the year',
  unit: 'percent',
  polarity: 'higher-better',
  ciMethod: 'wilson',
  sources: ['annual_reviews', 'ehc_plans', 'children'],
  periodType: 'calendar-year',
  breakdowns: ['sex', 'age_band', 'primary_need'],
  denominatorIsCount: true,
  placement: { theme: { page: 'preparing-for-adulthood', order: 1 } },
  disclosure: 'Numerators or denominators of 1 to 7 young people are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
