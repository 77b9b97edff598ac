import type { IndicatorDefinition } from '../types.ts';

export const ehcRequestsRefused: IndicatorDefinition = {
  id: 'ehc-requests-refused',
  title: 'Requests refused an EHC needs assessment',
  group: 'needs',
  description:
    'Of the requests for an EHC needs assessment decided during the calendar year (the council agreed or refused to assess), the percentage refused. Withdrawn and undecided requests are left out. Age is the age when the request was received.',
  numerator: 'requests refused an assessment, with the decision dated in the year',
  denominator: 'requests with an assessment decision (agreed or refused) dated in the year',
  unit: 'percent',
  polarity: 'no-judgement',
  ciMethod: 'wilson',
  sources: ['ehc_requests', 'children'],
  periodType: 'calendar-year',
  breakdowns: ['sex', 'age_band', 'ethnic_group'],
  denominatorIsCount: true,
  disclosure: 'Numerators or denominators of 1 to 7 requests are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'DfE Education, health and care plans: requests_decided_not_to_assess / (requests_decided_to_assess + requests_decided_not_to_assess), from 2023 (DfE\'s own request_not_assess_pc is of all requests received, so it is lower)',
  benchmarkBasis: {
    importedFrom: { publisher: 'dfe', table: 'requests', numerator: ['requests_decided_not_to_assess'], denominator: ['requests_decided_to_assess', 'requests_decided_not_to_assess'], fromYear: 2023 },
    source: 'DfE Education, health and care plans, table requests: requests_decided_not_to_assess / (requests_decided_to_assess + requests_decided_not_to_assess), from 2023',
    numerator: 'requests received in the calendar year that the LA decided not to assess',
    denominator: 'requests received in the calendar year with an assessment decision (to assess or not to assess)',
    referenceDate: 'requests received in the calendar year, by their outcome',
    populationBase: null,
    comparison: {
      kind: 'benchmark-basis',
      numerator: 'requests received in the year and refused an assessment (whenever decided)',
      denominator: 'requests received in the year and agreed or refused an assessment',
      why: 'The headline counts decisions dated in the year; DfE splits the requests received in the year by their outcome.',
    },
  },
};
