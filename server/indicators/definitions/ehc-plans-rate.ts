import type { IndicatorDefinition } from '../types.ts';

export const ehcPlansRate: IndicatorDefinition = {
  id: 'ehc-plans-rate',
  title: 'EHC plans per 1,000 children and young people aged 0-25',
  group: 'needs',
  description: 'Active education, health and care (EHC) plans at the end of the year, per 1,000 residents aged 0 to 25.',
  numerator: 'EHC plans active on 31 December (started on or before it and not ceased by it)',
  denominator: 'ONS mid-year population estimate aged 0-25 (the latest year not after the period)',
  unit: 'per_1000',
  polarity: 'no-judgement',
  ciMethod: 'byar',
  sources: ['ehc_plans', 'children', 'population'],
  periodType: 'snapshot',
  referenceDate: '31 December of the year',
  breakdowns: ['sex', 'age_band'],
  denominatorIsCount: false,
  emptyDenominator: null, // a population: unknown where there is none
  placement: { headline: 1 },
  disclosure: 'Counts of 1 to 7 plans are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'DfE Education, health and care plans: caseload at January of the following year (ehcplans), over ONS mid-2021 population aged 0-25',
  benchmarkBasis: {
    importedFrom: { publisher: 'dfe', table: 'caseload', numerator: ['ehcplans'], denominator: 'population' },
    source: 'DfE Education, health and care plans, table ehcplans: caseload of EHC plans',
    numerator: 'EHC plans maintained by the LA in January of the following year (2024 → January 2025)',
    denominator: 'ONS mid-2021 population estimate aged 0-25 of the LA (the same base for every year and every area)',
    referenceDate: 'January of the following year',
    populationBase: 'ONS mid-2021 population estimates, aged 0-25',
    comparison: {
      kind: 'benchmark-basis',
      numerator: 'EHC plans active on 31 December (the snapshot nearest the January census)',
      denominator: 'the extract\'s mid-2021 population aged 0-25 (not the latest year, which the headline uses)',
      why: 'The headline uses the latest population, the published rates mid-2021; a rate over a larger base reads lower without any change in plans.',
    },
  },
};
