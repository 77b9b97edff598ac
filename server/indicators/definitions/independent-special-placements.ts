import type { IndicatorDefinition } from '../types.ts';

export const independentSpecialPlacements: IndicatorDefinition = {
  id: 'independent-special-placements',
  title: 'EHC plans in independent or non-maintained special schools',
  group: 'gaps',
  description:
    'The percentage of active EHC plans on 31 December whose setting is an independent special school or a non-maintained special school. Plans with no setting recorded stay in the total, as in the DfE figure.',
  numerator: 'EHC plans active on 31 December in an independent special school or a non-maintained special school',
  denominator: 'all EHC plans active on 31 December',
  unit: 'percent',
  polarity: 'no-judgement',
  ciMethod: 'wilson',
  sources: ['ehc_plans', 'children'],
  periodType: 'snapshot',
  referenceDate: '31 December of the year',
  breakdowns: ['primary_need', 'sex', 'age_band'],
  denominatorIsCount: true,
  disclosure: 'Numerators or denominators of 1 to 7 plans are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'DfE Education, health and care plans: (special_independent + special_non_maintained) / ehcplans, caseload at January of the following year',
  benchmarkBasis: {
    importedFrom: { publisher: 'dfe', table: 'caseload', numerator: ['special_independent', 'special_non_maintained'], denominator: ['ehcplans'] },
    source: 'DfE Education, health and care plans, table ehcplans: (special_independent + special_non_maintained) / ehcplans',
    numerator: 'EHC plans in January of the following year placed in independent or non-maintained special schools',
    denominator: 'all EHC plans in January of the following year',
    referenceDate: 'January of the following year',
    populationBase: null,
    comparison: { kind: 'headline', why: 'A share of the caseload by setting, counted on 31 December, the snapshot nearest the January census.' },
  },
};
