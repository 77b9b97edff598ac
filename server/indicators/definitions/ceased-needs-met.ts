import type { IndicatorDefinition } from '../types.ts';

export const ceasedNeedsMet: IndicatorDefinition = {
  id: 'ceased-needs-met',
  title: 'EHC plans ended because needs were met',
  group: 'outcomes',
  description:
    'Of the EHC plans that ended during the calendar year, the percentage that ended because the child or young person no longer needed one (needs met). Plans ending for any other reason, or with no reason recorded, count in the total. Age is the age when the plan ended.',
  numerator: 'plans that ceased in the year because the child’s needs were met without a plan',
  denominator: 'all plans that ceased in the year',
  unit: 'percent',
  polarity: 'no-judgement',
  ciMethod: 'wilson',
  sources: ['ehc_plans', 'children'],
  periodType: 'calendar-year',
  breakdowns: ['sex', 'age_band', 'primary_need'],
  denominatorIsCount: true,
  disclosure: 'Numerators or denominators of 1 to 7 plans are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'DfE Education, health and care plans: needs_met / total_ceased (ceased_plans)',
  benchmarkBasis: {
    importedFrom: { publisher: 'dfe', table: 'ceased_plans', numerator: ['needs_met'], denominator: ['total_ceased'] },
    source: 'DfE Education, health and care plans, table ceased_plans: needs_met / total_ceased',
    numerator: 'EHC plans that ceased in the calendar year because the needs were met',
    denominator: 'all EHC plans that ceased in the calendar year',
    referenceDate: 'the calendar year',
    populationBase: null,
    comparison: { kind: 'headline', why: 'The headline is the same measure: plans ceased in the year, the share whose needs were met.' },
  },
};
