import { count, percent, outOfAreaStatement, settingLabel } from '../../analytics-format.ts';
import { AnalyticsSection, SymbolKey, TableDownload } from '../../components/analytics-ui.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import { categoryLabel, formatDate } from '../../format.ts';
import type { Data } from './shared.ts';
import { query } from './shared.ts';

// Placements

export function CrossTab({ title, tab, caption }: { title: string; tab: Data['placements']['out_of_area']; caption: string }) {
  const isZero = (v: { value: number | null }) => v.value === 0;
  const settings = [...new Set(tab.cells.map((c) => c.setting_type))].filter((s) => s !== 'all');
  const needs = [...new Set(tab.cells.map((c) => c.primary_need))].filter((n) => n !== 'all');
  const cell = new Map(tab.cells.map((c) => [`${c.setting_type}|${c.primary_need}`, c.plans]));
  const keepSettings = settings.filter((s) => needs.some((n) => !isZero(cell.get(`${s}|${n}`) ?? { value: 0 })) || !isZero(cell.get(`${s}|all`) ?? { value: 0 }));
  const keepNeeds = needs.filter((n) => settings.some((s) => !isZero(cell.get(`${s}|${n}`) ?? { value: 0 })) || !isZero(cell.get(`all|${n}`) ?? { value: 0 }));
  const total = cell.get('all|all');
  const at = (s: string, n: string) => {
    const v = cell.get(`${s}|${n}`);
    return v ? count(v) : '–';
  };
  return (
    <>
      <h3>{title}</h3>
      <p className="hint analytics-text">{tab.definition}</p>
      {keepSettings.length === 0 && keepNeeds.length === 0 ? (
        <EmptyState title={`There are no such placements${total ? ` (${count(total)})` : ''}.`} />
      ) : (
        <>
          <ScrollTable caption={caption}>
            <thead>
              <tr>
                <th scope="col">Setting type</th>
                {keepNeeds.map((n) => (
                  <th key={n} scope="col" className="numeric">
                    <abbr title={categoryLabel(n)}>{n}</abbr>
                  </th>
                ))}
                <th scope="col" className="numeric">All needs</th>
              </tr>
            </thead>
            <tbody>
              {keepSettings.map((s) => (
                <tr key={s}>
                  <th scope="row">{settingLabel(s)}</th>
                  {keepNeeds.map((n) => (
                    <td key={n} className="numeric">
                      {at(s, n)}
                    </td>
                  ))}
                  <td className="numeric">{at(s, 'all')}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All setting types</th>
                {keepNeeds.map((n) => (
                  <td key={n} className="numeric">
                    {at('all', n)}
                  </td>
                ))}
                <td className="numeric" data-testid="crosstab-total">
                  {at('all', 'all')}
                </td>
              </tr>
            </tfoot>
          </ScrollTable>
          <p className="hint">
            Setting types and primary needs with no placements are left out. Needs:{' '}
            {keepNeeds.map((n, i) => (
              <span key={n}>
                {i > 0 ? '; ' : ''}
                {n} {categoryLabel(n).toLowerCase()}
              </span>
            ))}
            .
          </p>
          <SymbolKey symbols={tab.cells.map((c) => c.plans.symbol)} />
        </>
      )}
    </>
  );
}

export function Placements({ data }: { data: Data }) {
  const { active_plans, out_of_area, independent } = data.placements;
  const total = (tab: typeof out_of_area) => tab.cells.find((c) => c.setting_type === 'all' && c.primary_need === 'all')?.plans ?? { value: null, symbol: 'x' as const };
  const share = (part: { value: number | null }) =>
    part.value !== null && active_plans.value ? ` (${percent({ value: (100 * part.value) / active_plans.value, symbol: null })})` : '';
  const ind = total(independent);
  const end = formatDate(data.period.end_date);
  return (
    <AnalyticsSection id="placements" title="Out-of-area and independent placements" testId="placements">
      <ul className="statements">
        <li>
          <p data-testid="out-of-area-statement">{outOfAreaStatement(data.placements.out_of_area_share, active_plans, end, data.la.area_name)}</p>
        </li>
        <li>
          <p data-testid="independent-statement">
            {count(ind)} of {count(active_plans)}
            {share(ind)} were in an independent or non-maintained special school.
          </p>
        </li>
      </ul>
      <CrossTab title="Placed out of area" tab={out_of_area} caption={`EHC plans placed out of area by setting type and primary need, ${end}`} />
      <CrossTab title="Independent and non-maintained special schools" tab={independent} caption={`EHC plans in independent or non-maintained special schools by setting type and primary need, ${end}`} />
      <TableDownload table="placements" params={query(data)} />
    </AnalyticsSection>
  );
}
