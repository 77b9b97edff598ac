import type { IndicatorDefinition } from '../types.ts';

export const outOfAreaPlacements: IndicatorDefinition = {
  id: 'out-of-area-placements',
  title: 'EHC plans placed out of area',
  group: 'gaps',
  description:
    'Of the active EHC plans on 31 December whose setting is recorded as inside or outside the council area, the percentage placed in a setting outside it. Plans with this not recorded are left out.',
  numerator: 'EHC plans active on 31 December with the setting outside the responsible LA',
  denominator: 'EHC plans active on 31 December with setting in or out of area recorded',
  unit: 'percent',
  polarity: 'lower-better',
  ciMethod: 'wilson',
  sources: ['ehc_plans', 'children'],
  periodType: 'snapshot',
  referenceDate: '31 December of the year',
  breakdowns: ['setting_type', 'primary_need', 'sex', 'age_band'],
  denominatorIsCount: true,
  placement: { headline: 6 },
  disclosure: 'Numerators or denominators of 1 to 7 plans are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
