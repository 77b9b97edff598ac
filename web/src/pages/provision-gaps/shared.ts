import type { GridCell, ProvisionGapsResponse } from '../../../../contract/analytics.ts';
import { count, places } from '../../analytics-format.ts';

// What the provision-gaps sections share: the API's answer, the CSV query, the sections list, a signed gap.

export type Data = ProvisionGapsResponse;

/** The query the page's figures answer, for the CSV downloads. */
export const query = (data: Data) => ({ period: data.period.period });

export const sections = [
  { id: 'largest-gaps', title: 'Largest gaps' },
  { id: 'heat-map', title: 'Demand and places by age band and locality' },
  { id: 'categories', title: 'Demand and places by provision' },
  { id: 'waits', title: 'Provision not yet delivered, by commissioner' },
  { id: 'age-coverage', title: 'Local Offer age coverage' },
  { id: 'placements', title: 'Out-of-area and independent placements' },
  { id: 'method', title: 'How these figures are worked out' },
];

/** A gap with its sign: "+24", "−53.2" (children minus places). */
export const gap = (c: Pick<GridCell, 'gap'>): string => {
  const v = c.gap.value;
  if (v === null) return count(c.gap);
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${places(Math.abs(v))}`;
};
