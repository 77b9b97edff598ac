import type { IndicatorDefinition } from '../types.ts';

export const continuingCareWithHealthProvision: IndicatorDefinition = {
  id: 'continuing-care-with-health-provision',
  title: 'Continuing-care children whose EHC plan has health provision',
  group: 'needs',
  description:
    'Of the children and young people eligible for NHS children\'s continuing care who have an active EHC plan on 31 December, the percentage whose plan has health provision (section G) in force that day. The continuing-care flag has no dates, so it is taken as it stands in the extract.',
  numerator: 'continuing-care children and young people whose active plan has a section G line specified on or before 31 December and not ended by it',
  denominator: 'continuing-care children and young people with an EHC plan active on 31 December',
  unit: 'percent',
  polarity: 'higher-better',
  ciMethod: 'wilson',
  sources: ['children', 'ehc_plans', 'ehc_provision'],
  periodType: 'snapshot',
  referenceDate: '31 December of the year',
  breakdowns: ['sex', 'age_band'],
  denominatorIsCount: true,
  disclosure: 'Numerators or denominators of 1 to 7 children are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
