import { ageBandText, count, provisionLabel } from '../../analytics-format.ts';
import { AnalyticsSection, SymbolKey, TableDownload } from '../../components/analytics-ui.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import { formatDate, joinWords } from '../../format.ts';
import type { Data } from './shared.ts';
import { query } from './shared.ts';

// Age coverage

export const agesText = (ages: number[]): string => {
  // Runs of consecutive ages: [16, 17, 19] -> "16 to 17 and 19".
  const runs: string[] = [];
  let start = ages[0];
  for (let i = 0; i < ages.length; i++) {
    const a = ages[i] as number;
    const next = ages[i + 1];
    if (next !== a + 1) {
      runs.push(start === a ? String(a) : `${start} to ${a}`);
      start = next;
    }
  }
  return joinWords(runs);
};

export function AgeCoverage({ data }: { data: Data }) {
  const { gaps, rows } = data.age_coverage;
  const categories = [...new Set(rows.map((r) => r.category))];
  const bands = [...new Set(rows.map((r) => r.age_band))];
  const byKey = new Map(rows.map((r) => [`${r.category}|${r.age_band}`, r]));
  const symbols = rows.map((r) => r.children.symbol);
  return (
    <AnalyticsSection id="age-coverage" title="Local Offer age coverage" testId="age-coverage">
      <p className="analytics-text">
        Ages for which children have a kind of provision in their plans but no Local Offer service of that kind is open to them, with the children in
        each age band who have that provision.
      </p>
      {gaps.length === 0 ? (
        <EmptyState title="Every age band with children needing a kind of provision has a Local Offer service open to all of its ages." />
      ) : (
        <ul className="statements" data-testid="coverage-gaps">
          {[...new Set(gaps.map((g) => g.category))].map((category) => {
            const parts = gaps
              .filter((g) => g.category === category)
              .map((g) =>
                g.coverage === 'none'
                  ? `ages ${ageBandText(g.age_band)} (${count(g.children)} children)`
                  : `age${g.ages_not_covered.length === 1 ? '' : 's'} ${agesText(g.ages_not_covered)} (${count(g.children)} children aged ${ageBandText(g.age_band)}; ${g.services_open} ${g.services_open === 1 ? 'service covers' : 'services cover'} the rest of the band)`,
              );
            return (
              <li key={category} data-category={category}>
                <p>
                  <strong>{provisionLabel(category)}</strong>: no Local Offer service is open to {joinWords(parts)}.
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <details className="details analytics-details">
        <summary className="details__summary">
          <span className="details__summary-text">Coverage of every provision and age band</span>
        </summary>
        <div className="details__text">
          <ScrollTable caption={`Local Offer services open to each age band, by provision, ${formatDate(data.period.end_date)}`}>
            <thead>
              <tr>
                <th scope="col">Provision</th>
                {bands.map((b) => (
                  <th key={b} scope="col">
                    Ages {ageBandText(b)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <tr key={c}>
                  <th scope="row">{provisionLabel(c)}</th>
                  {bands.map((b) => {
                    const r = byKey.get(`${c}|${b}`);
                    if (!r) return <td key={b}>–</td>;
                    return (
                      <td key={b}>
                        <span className={`coverage coverage--${r.coverage}`}>
                          {r.coverage === 'full' ? 'All ages' : r.coverage === 'none' ? 'None' : `Not ${agesText(r.ages_not_covered)}`}
                        </span>
                        <br />
                        {count(r.children)} children
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <SymbolKey symbols={symbols} />
        </div>
      </details>
      <TableDownload table="provision-age-coverage" params={query(data)} />
    </AnalyticsSection>
  );
}
