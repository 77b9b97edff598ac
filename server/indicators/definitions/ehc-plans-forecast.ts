import { forecastRows } from '../../forecast/forecast.ts';
import type { IndicatorDefinition } from '../types.ts';

export const ehcPlansForecast: IndicatorDefinition = {
  id: 'ehc-plans-forecast',
  title: 'Active EHC plans: projection for the next five years',
  group: 'needs',
  description:
    'Active education, health and care (EHC) plans on 31 December: every complete year as counted, then a projection for each of the next five years if the last three years\' patterns, and the recent trend in the rates (damped), carried on. A cohort model by single year of age (0-25) ages plan holders by a year, adds new plans at each age\'s joining rate (against the ONS population without a plan) and takes away plans at each age\'s leaving rate. The band is from simulation (95% and 99.8%); a backtest is in GET /api/forecast.',
  numerator: 'EHC plans active on 31 December (projected years: the projected number, rounded)',
  denominator: 'None: a count of plans',
  unit: 'count',
  polarity: 'no-judgement',
  ciMethod: 'none',
  sources: ['ehc_plans', 'children', 'population'],
  periodType: 'snapshot',
  referenceDate: '31 December of the year',
  breakdowns: ['age_band', 'primary_need'],
  denominatorIsCount: false,
  disclosure: 'Counts of 1 to 7 plans, counted or projected, are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
  model: forecastRows,
};
