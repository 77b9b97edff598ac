import type { IndicatorDefinition } from '../types.ts';

export const demandCapacityRatio: IndicatorDefinition = {
  id: 'demand-capacity-ratio',
  title: 'Provision in plans per Local Offer place',
  group: 'gaps',
  description:
    'On 31 December, the number of provision lines in force in active EHC plans for each type of provision, divided by the places per year commissioned in active Local Offer services of that type. A ratio of 1 means as many lines as places; above 1, more demand than commissioned capacity. Where no service of the type is listed there is no ratio. For a locality, the places are those of services based there plus a population share of services that cover the whole LA.',
  numerator: 'provision lines specified on or before 31 December and not ended by it, on plans active that day',
  denominator: 'places per year of Local Offer services active on 31 December (localities: their own services plus a population share of LA-wide services)',
  unit: 'count',
  polarity: 'lower-better',
  ciMethod: 'none',
  sources: ['ehc_provision', 'ehc_plans', 'children', 'local_offer_services', 'population'],
  periodType: 'snapshot',
  referenceDate: '31 December of the year',
  breakdowns: ['provision_category'],
  denominatorIsCount: false,
  // Localities get a population share of LA-wide places, so they do not add up to the LA.
  nonAdditive: { localities: true },
  placement: { theme: { page: 'local-offer', order: 2 } },
  disclosure: 'Counts of 1 to 7 provision lines are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
