import { commissionerWords, count, placesOf, provisionInSentence, provisionLabel, ratio } from '../../analytics-format.ts';
import { CategoryBars, type BarRow } from '../../charts/category-bars.tsx';
import { AnalyticsSection, SymbolKey, symbolLegend } from '../../components/analytics-ui.tsx';
import { analyticsCsvPath } from '../../export-links.ts';
import { ChartBlock } from '../../components/chart-block.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import type { Data } from './shared.ts';
import { query, gap } from './shared.ts';

// Categories (LA-wide)

export function Categories({ data, narrow }: { data: Data; narrow: boolean }) {
  const shown = data.categories.filter((c) => c.demand.value !== 0 || (c.capacity.value ?? 0) > 0 || c.services > 0);
  const rows: BarRow[] = shown.map((c) => ({
    key: c.category,
    label: provisionLabel(c.category),
    values: [c.demand.value, c.capacity.value === null ? null : Math.round(c.capacity.value)],
    symbols: [c.demand.symbol, c.capacity.symbol],
  }));
  const short = data.categories.filter((c) => c.gap.value !== null && c.gap.value > 0);
  const top = short[0];
  const summary =
    shown.length === 0
      ? `No EHC plan in ${data.la.area_name} specifies provision of these kinds, and the Local Offer lists no places.`
      : `On ${formatDate(data.period.end_date)}, ${short.length} of ${shown.length} kinds of provision had more children needing them than Local Offer places in ${data.la.area_name}` +
        (top ? `; the widest gap was ${provisionInSentence(top.category)}: ${count(top.demand)} children, ${top.capacity.value === 0 ? 'no' : placesOf(top.capacity)} places.` : '.');
  const symbols = data.categories.flatMap((c) => [c.demand.symbol, c.capacity.symbol, c.ratio.symbol, c.gap.symbol]);
  return (
    <AnalyticsSection id="categories" title="Demand and places by provision" testId="categories">
      {shown.length === 0 ? (
        <EmptyState title="There is no provision to show for this year." />
      ) : (
        <ChartBlock
          title={`Children and places a year by provision, ${data.la.area_name}`}
          summary={summary}
          legend={[{ kind: 'bar', label: 'Children with the provision in their plan' }, { kind: 'hatch', label: 'Local Offer places a year' }, ...symbolLegend(rows.flatMap((r) => r.symbols))]}
          chart={<CategoryBars rows={rows} series={[{ name: 'Children', style: 'solid' }, { name: 'Places', style: 'hatch' }]} format={(v) => v.toLocaleString('en-GB')} narrow={narrow} />}
          table={
            <>
              <ScrollTable caption={`Demand and Local Offer places by provision, ${data.la.area_name}, ${formatDate(data.period.end_date)}`}>
                <thead>
                  <tr>
                    <th scope="col">Provision</th>
                    <th scope="col" className="numeric">Children</th>
                    <th scope="col" className="numeric">Places a year</th>
                    <th scope="col" className="numeric">Gap</th>
                    <th scope="col" className="numeric">Children per place</th>
                    <th scope="col" className="numeric">Services</th>
                    <th scope="col" className="numeric">Places listed</th>
                    <th scope="col">Commissioned by</th>
                  </tr>
                </thead>
                <tbody>
                  {data.categories.map((c) => (
                    <tr key={c.category} data-category={c.category}>
                      <th scope="row">{provisionLabel(c.category)}</th>
                      <td className="numeric">{count(c.demand)}</td>
                      <td className="numeric">{placesOf(c.capacity)}</td>
                      <td className="numeric">{gap(c)}</td>
                      <td className="numeric">{ratio(c.ratio)}</td>
                      <td className="numeric">{c.services}</td>
                      <td className="numeric">
                        {c.places_listed === null ? 'not stated' : placesOf({ value: c.places_listed, symbol: null })}
                        {c.places_unapportioned > 0 ? ` (${placesOf({ value: c.places_unapportioned, symbol: null })} with no population to share over)` : ''}
                      </td>
                      <td>{c.commissioners.length === 0 ? 'None recorded' : c.commissioners.map((x) => commissionerWords(x, data.la)).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
              <SymbolKey symbols={symbols} />
            </>
          }
          download={analyticsCsvPath('provision-gaps-categories', query(data))}
        />
      )}
    </AnalyticsSection>
  );
}
