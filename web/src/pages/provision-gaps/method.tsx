import { AnalyticsSection, SummaryList } from '../../components/analytics-ui.tsx';
import type { Data } from './shared.ts';

/** How the figures are worked out, in plain words; the API's technical definitions go with each CSV's metadata. */
export function Method({ data }: { data: Data }) {
  const items: [string, string][] = [
    ['Children (demand)', 'Children whose EHC plans, active on the last day of the year, include at least one piece of provision of that kind. Each child counts once, however many pieces of provision they have.'],
    ['Places', 'The places a year that Local Offer services of each kind list, for the ages they serve. A service open to several localities or ages has its places shared among them in proportion to how many children and young people live there (ONS population estimates). Places are shown as whole numbers.'],
    ['Why places are shared by population', 'Sharing places by the number of children with plans would let a reader work out a suppressed count from the places shown beside it; the population does not. The Local Offer indicator of demand against places uses the same method.'],
    ['Shortfall (gap)', 'Children minus places. Above zero, more children need the provision than there are places.'],
    ['Children per place', 'Children divided by places; above 1 there are more children than places. It cannot be calculated (x) where there are no places.'],
    ['Commissioner', 'The body recorded on each line of provision in the plan: the local authority or the integrated care board, named from the ONS and NHS lists of codes.'],
    ['Largest gaps', 'The locality and age band combinations with the largest published shortfall, largest first. Suppressed figures are never ranked.'],
    ['Waits', 'For provision in force on the last day of the year: children still waiting for some of it to start, and how long they had waited (median and quartiles, in weeks); for provision that started during the year, how long it took to start.'],
    ['Age coverage', 'Whether Local Offer services of each kind are open to all, some or none of the ages in each age band, and which ages no service covers.'],
    ['Disclosure control', `Counts from 1 to ${data.threshold} are suppressed (c), with further counts suppressed where they would let a suppressed one be worked out. Gaps, ratios and waits are hidden with the counts they come from; places are never suppressed (they come from the Local Offer directory and population estimates).`],
  ];
  return (
    <AnalyticsSection id="method" title="How these figures are worked out">
      <SummaryList items={items} />
      <p className="hint">The exact technical definitions are in the metadata file that comes with each table’s CSV download.</p>
    </AnalyticsSection>
  );
}
