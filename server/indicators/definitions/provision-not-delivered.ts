import type { IndicatorDefinition } from '../types.ts';

export const provisionNotDelivered: IndicatorDefinition = {
  id: 'provision-not-delivered',
  title: 'Provision in EHC plans not started after 12 weeks',
  group: 'gaps',
  description:
    'Of the provision written into active EHC plans at least 12 weeks (84 days) before 31 December, the percentage that had not started by 31 December. Each line of provision in sections F (education), G (health) and H1/H2 (social care) counts once. Lines that started and have since ended count as delivered.',
  numerator: 'provision lines specified at least 84 days before 31 December with no start date on or before 31 December',
  denominator: 'provision lines on plans active on 31 December, specified at least 84 days before it',
  unit: 'percent',
  polarity: 'lower-better',
  ciMethod: 'wilson',
  sources: ['ehc_provision', 'ehc_plans', 'children'],
  periodType: 'snapshot',
  referenceDate: '31 December of the year',
  breakdowns: ['provision_category', 'commissioner'],
  denominatorIsCount: true,
  placement: { headline: 5 },
  disclosure: 'Numerators or denominators of 1 to 7 provision lines are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
