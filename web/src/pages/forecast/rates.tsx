import { ageBandText, oneDp, wholeNumber } from '../../analytics-format.ts';
import { AnalyticsSection, SymbolKey, TableDownload } from '../../components/analytics-ui.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import { type Data, query } from './shared.ts';

type Rate = Data['rates'][number];

/** New plans a year per 1,000 people without one; `c` withheld, `x` not calculable. */
const joining = (r: Rate): string =>
  r.joining_suppressed ? 'c' : r.joining_rate === null ? 'x' : (1000 * r.joining_rate).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** The share of plans held that end in a year. */
const leaving = (r: Rate): string => (r.leaving_suppressed ? 'c' : r.leaving_rate === null ? 'x' : `${oneDp(100 * r.leaving_rate)}%`);

/** The fitted joining and leaving rates by single year of age, folded away under a summary. */
export function Rates({ data }: { data: Data }) {
  return (
    <AnalyticsSection id="rates" title="Fitted rates by age" testId="rates">
      <p className="analytics-text">
        The rates the projection uses, measured over {data.model.fit_years.join(', ') || 'no complete year'}: new plans a year per 1,000 people of each age who do
        not already hold one, and the share of plans held at each age that end in a year.
      </p>
      {data.rates.length === 0 ? (
        <EmptyState title="There are no fitted rates." />
      ) : (
        <details className="details analytics-details">
          <summary className="details__summary">
            <span className="details__summary-text">Rates for each age, 0 to 25</span>
          </summary>
          <div className="details__text">
            <RatesTable data={data} />
          </div>
        </details>
      )}
      {data.rates.length > 0 ? <TableDownload table="forecast-rates" params={query(data)} /> : null}
    </AnalyticsSection>
  );
}

function RatesTable({ data }: { data: Data }) {
  const symbols = data.rates.flatMap((r) => [joining(r), leaving(r)].filter((s) => s === 'c' || s === 'x'));
  return (
    <>
      <ScrollTable caption={`Joining and leaving rates by age, ${data.area.area_name}`}>
        <thead>
          <tr>
            <th scope="col" className="numeric">Age</th>
            <th scope="col">Age band</th>
            <th scope="col" className="numeric">Population</th>
            <th scope="col" className="numeric">New plans a year per 1,000 without a plan</th>
            <th scope="col" className="numeric">Plans ending a year</th>
          </tr>
        </thead>
        <tbody>
          {data.rates.map((r) => (
            <tr key={r.age}>
              <th scope="row" className="numeric">
                {r.age}
              </th>
              <td>{ageBandText(r.age_band)}</td>
              <td className="numeric">{r.population === null ? 'x' : wholeNumber(r.population)}</td>
              <td className="numeric">{joining(r)}</td>
              <td className="numeric">{leaving(r)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <SymbolKey symbols={symbols} />
    </>
  );
}
