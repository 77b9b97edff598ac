import type { IndicatorDefinition } from '../types.ts';

export const provisionWaitWeeks: IndicatorDefinition = {
  id: 'provision-wait-weeks',
  title: 'Median wait for provision to start',
  group: 'gaps',
  description:
    'For provision in EHC plans that started during the calendar year, the median number of weeks between the provision being written into the plan and its start. Half waited longer, half less. Children still waiting are not included here, so this median is shorter than the wait of the children still waiting on the last day of the year, which the Provision gaps page gives (how many, and how long they have waited so far; see also provision not delivered).',
  numerator: 'provision lines that started in the year (the value is their median wait)',
  denominator: 'none: the value is a median, not a ratio',
  unit: 'weeks',
  polarity: 'lower-better',
  ciMethod: 'none',
  sources: ['ehc_provision', 'ehc_plans', 'children'],
  periodType: 'calendar-year',
  breakdowns: ['provision_category', 'commissioner'],
  denominatorIsCount: false,
  emptyDenominator: null, // a median has no denominator
  disclosure: 'Medians of 1 to 7 provision lines are suppressed, with secondary suppression of the line counts across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
