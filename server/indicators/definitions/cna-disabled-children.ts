import type { IndicatorDefinition } from '../types.ts';

export const cnaDisabledChildren: IndicatorDefinition = {
  id: 'cna-disabled-children',
  title: 'Disabled children\'s needs assessments per 10,000 aged 0-17',
  group: 'needs',
  description:
    'Social care assessments of children (child in need and short breaks assessments) completed during the calendar year that recorded disability as a factor, for children aged 0 to 17 when the assessment was completed, per 10,000 residents aged 0 to 17. Assessments are counted, so a child assessed twice counts twice. Care Act transition assessments for young adults are not included.',
  numerator: 'child in need and short breaks assessments completed in the year with disability recorded, child aged 0-17 at completion',
  denominator: 'ONS mid-year population estimate aged 0-17 (the latest year not after the period)',
  unit: 'per_10000',
  polarity: 'no-judgement',
  ciMethod: 'byar',
  sources: ['child_needs_assessments', 'children', 'population'],
  periodType: 'calendar-year',
  breakdowns: ['sex', 'age_band'],
  denominatorIsCount: false,
  emptyDenominator: null, // a population: unknown where there is none
  disclosure: 'Counts of 1 to 7 assessments are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
