import type { IndicatorDefinition } from '../types.ts';

export const localOfferAgeCoverage: IndicatorDefinition = {
  id: 'local-offer-age-coverage',
  title: 'Needs with a Local Offer service for that age',
  group: 'gaps',
  description:
    'Where children with active EHC plans need a type of provision at a given age band on 31 December, is there a Local Offer service of that type open to them? Each combination of provision type and age band that at least one child needs counts once; it is covered when an active Local Offer service of that type accepts the age of every child needing it (for a locality, a service based there or covering the whole LA). The figure is the percentage of such combinations covered. It shows where the directory has gaps, not how many children fall into them.',
  numerator: '(provision type, age band) combinations needed on 31 December with an active Local Offer service open to every age needing it',
  denominator: '(provision type, age band) combinations needed on 31 December: at least one child with an active plan has a line of that type in force at an age in that band',
  unit: 'percent',
  polarity: 'higher-better',
  ciMethod: 'none',
  sources: ['ehc_provision', 'ehc_plans', 'children', 'local_offer_services'],
  periodType: 'snapshot',
  referenceDate: '31 December of the year',
  breakdowns: ['provision_category', 'age_band'],
  denominatorIsCount: false,
  // Cells are (category, age band) pairs judged separately in each area.
  nonAdditive: { breakdowns: ['provision_category', 'age_band'], localities: true },
  placement: { theme: { page: 'local-offer', order: 1 } },
  disclosure: 'Counts of 1 to 7 covered combinations are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: null,
  benchmarkBasis: null,
};
