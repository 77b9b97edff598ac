import type { TransitionsResponse } from '../../../../contract/transitions.ts';
import { count, percent } from '../../analytics-format.ts';
import { SymbolKey } from '../../components/analytics-ui.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDate } from '../../format.ts';

type Data = TransitionsResponse;
type Row = Data['preparing_for_adulthood']['rows'][number];

/** The four preparing-for-adulthood outcomes recorded at an annual review. */
export const outcomes = [
  { key: 'employment', label: 'Paid work, supported internship or apprenticeship' },
  { key: 'independent_living', label: 'Independent living' },
  { key: 'community', label: 'Friends, relationships and community' },
  { key: 'health', label: 'Good health' },
] as const;

const groupText = (g: string): string => (g === 'all' ? 'All aged 14 to 25' : /^\d+$/.test(g) ? `Age ${g}` : `Ages ${g.replace('-', '–')}`);

/** The outcomes by age band or single year of age (`pfa_by`), all aged 14 to 25 as the footer. */
export function PfaByAge({ data, all }: { data: Data; all: Row }) {
  const date = formatDate(data.snapshot_date);
  const rows = data.preparing_for_adulthood.rows;
  const by = data.query.by;
  const symbols = rows.flatMap((r) => [r.young_people.symbol, r.reviewed.symbol, ...outcomes.map((o) => r.outcomes[o.key].symbol)]);
  return (
    <>
      <h3>By {by === 'age' ? 'single year of age' : 'age band'}</h3>
      <ScrollTable caption={`Preparing for adulthood outcomes by ${by === 'age' ? 'single year of age' : 'age band'}, ${data.area.area_name}, ${date}`}>
        <thead>
          <tr>
            <th scope="col">Age</th>
            <th scope="col" className="numeric">Young people with a plan</th>
            <th scope="col" className="numeric">With a review</th>
            {outcomes.map((o) => (
              <th key={o.key} scope="col" className="numeric">
                {o.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows
            .filter((r) => r.group !== 'all')
            .map((r) => (
              <tr key={r.group} data-group={r.group}>
                <th scope="row">{groupText(r.group)}</th>
                <td className="numeric">{count(r.young_people)}</td>
                <td className="numeric">{percent(r.reviewed)}</td>
                {outcomes.map((o) => (
                  <td key={o.key} className="numeric">
                    {percent(r.outcomes[o.key])}
                  </td>
                ))}
              </tr>
            ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{groupText('all')}</th>
            <td className="numeric">{count(all.young_people)}</td>
            <td className="numeric">{percent(all.reviewed)}</td>
            {outcomes.map((o) => (
              <td key={o.key} className="numeric" data-testid={`pfa-all-${o.key}`}>
                {percent(all.outcomes[o.key])}
              </td>
            ))}
          </tr>
        </tfoot>
      </ScrollTable>
      <p className="hint">&ldquo;With a review&rdquo; is a share of the young people with a plan; each outcome is a share of those with a review.</p>
      <SymbolKey symbols={symbols} />
    </>
  );
}
