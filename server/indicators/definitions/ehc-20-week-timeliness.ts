import type { IndicatorDefinition } from '../types.ts';

export const ehc20WeekTimeliness: IndicatorDefinition = {
  id: 'ehc-20-week-timeliness',
  title: 'New EHC plans issued within 20 weeks',
  group: 'outcomes',
  description:
    'Percentage of EHC plans issued in the calendar year within 20 weeks (140 days) of the request for assessment, excluding plans where a statutory exception applied.',
  numerator: 'plans issued in the year within 20 weeks of the request, excluding exceptions',
  denominator: 'all plans issued in the year, excluding exceptions',
  unit: 'percent',
  polarity: 'higher-better',
  ciMethod: 'wilson',
  sources: ['ehc_requests', 'children'],
  periodType: 'calendar-year',
  breakdowns: ['sex', 'age_band'],
  denominatorIsCount: true,
  placement: { headline: 3 },
  disclosure: 'Numerators or denominators of 1 to 7 plans are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'DfE Education, health and care plans: timeliness_20_week.csv, PC_plans_issued_20_weeks_ex',
  benchmarkBasis: {
    importedFrom: { publisher: 'dfe', table: 'timeliness_20_week', numerator: ['plans_issued_20_weeks_ex'], denominator: ['plans_issued_den_ex'], publishedValue: 'pc_plans_issued_20_weeks_ex' },
    source: 'DfE Education, health and care plans, timeliness_20_week: PC_plans_issued_20_weeks_ex',
    numerator: 'new EHC plans issued in the calendar year within 20 weeks, excluding exception cases',
    denominator: 'new EHC plans issued in the calendar year, excluding exception cases',
    referenceDate: 'the calendar year',
    populationBase: null,
    comparison: { kind: 'headline', why: 'The headline is the same measure: plans issued in the year within 20 weeks of the request, exceptions left out.' },
  },
};
