import { ageBandText, commissionerWords, largestGapSentence, places, placesOf, provisionLabel } from '../../analytics-format.ts';
import { AnalyticsSection } from '../../components/analytics-ui.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import type { Data } from './shared.ts';

// Largest gaps

/** `narrow`: the gaps come before the paragraph on how they are counted, so the first is on a phone's first screen. */
export function LargestGaps({ data, narrow = false }: { data: Data; narrow?: boolean }) {
  const end = formatDate(data.period.end_date);
  const about = (
    <p className="analytics-text">
      Where most children have a kind of provision in their EHC plans compared with the places the Local Offer lists for their age and
      locality, on {end}. Ordered by the shortfall, largest first: the children who have the provision in their plans minus the places a year
      listed for them. A gap is counted only where the figures can be published.
    </p>
  );
  return (
    <AnalyticsSection id="largest-gaps" title="Largest gaps" testId="largest-gaps">
      {narrow ? null : about}
      {data.largest_gaps.length === 0 ? (
        <EmptyState title="No gaps can be listed for this year.">
          <p>
            Either every locality and age band has at least as many places as children, or the gaps rest on figures too small to publish (fewer
            than {data.threshold + 1} children).
          </p>
        </EmptyState>
      ) : (
        <ol className="statements statements--gaps" data-testid="largest-gap-list">
          {data.largest_gaps.slice(0, 10).map((g) => (
            <li key={`${g.category}|${g.area_code}|${g.age_band}`}>
              <p data-testid="largest-gap">{largestGapSentence(g, data.la)}</p>
            </li>
          ))}
        </ol>
      )}
      {narrow ? about : null}
      {data.largest_gaps.length > 10 ? (
        <details className="details analytics-details">
          <summary className="details__summary">
            <span className="details__summary-text">All {data.largest_gaps.length} gaps listed as a table</span>
          </summary>
          <div className="details__text">
            <ScrollTable caption={`Largest gaps by locality and age band, ${end}`}>
              <thead>
                <tr>
                  <th scope="col" className="numeric">Rank</th>
                  <th scope="col">Provision</th>
                  <th scope="col">Locality</th>
                  <th scope="col">Ages</th>
                  <th scope="col" className="numeric">Children</th>
                  <th scope="col" className="numeric">Places</th>
                  <th scope="col" className="numeric">Shortfall (children − places)</th>
                  <th scope="col">Commissioned by</th>
                </tr>
              </thead>
              <tbody>
                {data.largest_gaps.map((g) => (
                  <tr key={`${g.category}|${g.area_code}|${g.age_band}`}>
                    <td className="numeric">{g.rank}</td>
                    <th scope="row">{provisionLabel(g.category)}</th>
                    <td>{g.area_name}</td>
                    <td>{ageBandText(g.age_band)}</td>
                    <td className="numeric">{g.demand}</td>
                    <td className="numeric">{placesOf({ value: g.capacity, symbol: null })}</td>
                    <td className="numeric">{places(g.gap)}</td>
                    <td>{g.commissioners.map((c) => commissionerWords(c, data.la)).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </div>
        </details>
      ) : null}
    </AnalyticsSection>
  );
}
