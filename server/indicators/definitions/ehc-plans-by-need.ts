import type { IndicatorDefinition } from '../types.ts';

export const ehcPlansByNeed: IndicatorDefinition = {
  id: 'ehc-plans-by-need',
  title: 'EHC plans by primary need',
  group: 'needs',
  description:
    'The share of active education, health and care (EHC) plans on 31 December whose primary need is each type of special educational need (autism, speech and language, social emotional and mental health, and so on). Read the breakdown by primary need; the total row is all active plans and is always 100%.',
  numerator: 'EHC plans active on 31 December with that primary need (the total row: all active plans)',
  denominator: 'all EHC plans active on 31 December',
  unit: 'percent',
  polarity: 'no-judgement',
  ciMethod: 'wilson',
  sources: ['ehc_plans', 'children'],
  periodType: 'snapshot',
  referenceDate: '31 December of the year',
  breakdowns: ['primary_need'],
  denominatorIsCount: true,
  denominatorIsAreaTotal: true,
  disclosure: 'Numerators or denominators of 1 to 7 plans are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'DfE Education, health and care plans: plans by primary need (sen_needs_all_plans, number_<need> / ehc_plans), January 2025 compared with the 31 December 2024 snapshot',
  benchmarkBasis: {
    importedFrom: { publisher: 'dfe', table: 'sen_needs_all_plans', numerator: ['number_{need}'], denominator: ['ehc_plans'], publishedValue: '{need}_pc', byNeed: true },
    source: 'DfE Education, health and care plans, table sen_needs_all_plans: number_<need> / ehc_plans',
    numerator: 'EHC plans in January of the following year with that primary need',
    denominator: 'all EHC plans in January of the following year',
    referenceDate: 'January of the following year',
    populationBase: null,
    comparison: { kind: 'headline', why: 'A share of the caseload by primary need, counted on 31 December, the snapshot nearest the January census.' },
  },
};
