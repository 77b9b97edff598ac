import type { IndicatorDefinition } from '../types.ts';

export const ehcRequestsRate: IndicatorDefinition = {
  id: 'ehc-requests-rate',
  title: 'Requests for an EHC needs assessment per 10,000 aged 0-25',
  group: 'needs',
  description:
    'Requests for an education, health and care (EHC) needs assessment received during the calendar year, per 10,000 residents aged 0 to 25. Every request received counts, whatever was decided. Age is the age when the request was received.',
  numerator: 'requests for an EHC needs assessment received in the year',
  denominator: 'ONS mid-year population estimate aged 0-25 (the latest year not after the period)',
  unit: 'per_10000',
  polarity: 'no-judgement',
  ciMethod: 'byar',
  sources: ['ehc_requests', 'children', 'population'],
  periodType: 'calendar-year',
  breakdowns: ['sex', 'age_band'],
  denominatorIsCount: false,
  emptyDenominator: null, // a population: unknown where there is none
  placement: { headline: 2 },
  disclosure: 'Counts of 1 to 7 requests are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'DfE Education, health and care plans: requests_received_in_year, over ONS mid-2021 population aged 0-25',
  benchmarkBasis: {
    importedFrom: { publisher: 'dfe', table: 'requests', numerator: ['requests_received_in_year'], denominator: 'population' },
    source: 'DfE Education, health and care plans, table requests: requests_received_in_year',
    numerator: 'initial requests for an EHC needs assessment received in the calendar year',
    denominator: 'ONS mid-2021 population estimate aged 0-25 of the LA',
    referenceDate: 'the calendar year',
    populationBase: 'ONS mid-2021 population estimates, aged 0-25',
    comparison: {
      kind: 'benchmark-basis',
      numerator: 'requests received in the calendar year',
      denominator: 'the extract\'s mid-2021 population aged 0-25 (not the latest year, which the headline uses)',
      why: 'The headline uses the latest population, the published rates mid-2021.',
    },
  },
};
