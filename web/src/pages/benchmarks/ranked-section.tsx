import { useId } from 'react';
import { rankLas, RankedChart } from '../../charts/ranked-chart.tsx';
import { ChartBlock } from '../../components/chart-block.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import type { Filters } from '../../filters.ts';
import { formatValue, ordinal, withUnit } from '../../format.ts';
import { useMediaQuery } from '../../use-media-query.ts';
import type { Outcome } from './load.ts';

/** One indicator's published figure for every LA, highest first, the LA solid and its neighbours hatched. */
export function RankedSection({ outcome, filters }: { outcome: Outcome; filters: Filters }) {
  const patternId = `hatch-${useId().replace(/[^a-z0-9]/gi, '')}`;
  const narrow = useMediaQuery('(max-width: 640px)');
  const { meta, benchmark } = outcome;
  if (!benchmark) return <EmptyState title={`${meta.title} has no published benchmark for ${filters.period}.`} />;
  const ranked = rankLas(benchmark.las);
  const selfIndex = ranked.findIndex((l) => l.self);
  const self = ranked[selfIndex];
  const neighbours = ranked.filter((l) => l.neighbour);
  const nValues = neighbours.map((n) => n.value ?? 0);
  const summary = self
    ? `On the published figures, ${self.area_name} ranks ${ordinal(selfIndex + 1)} highest of ${ranked.length} local authorities at ${withUnit(self.value, meta)} (England ${withUnit(benchmark.england, meta)})` +
      (neighbours.length > 0 ? `; its ${neighbours.length} statistical neighbours range from ${withUnit(Math.min(...nValues), meta)} to ${withUnit(Math.max(...nValues), meta)}.` : '.')
    : `${ranked.length} local authorities have a published figure; ${filters.la.area_name} has none.`;
  return (
    <ChartBlock
      title={`${meta.title}: every local authority, ${filters.period}`}
      summary={summary}
      testId="ranked-chart"
      legend={[
        { kind: 'self', label: `${filters.la.area_name} (solid, labelled)` },
        { kind: 'hatch', label: 'Statistical neighbour (hatched, with a triangle above)' },
        { kind: 'bar', label: 'Other local authorities' },
        { kind: 'dashed', label: `England (${withUnit(benchmark.england, meta)})` },
      ]}
      chart={<RankedChart meta={meta} las={benchmark.las} england={benchmark.england} patternId={patternId} narrow={narrow} />}
      table={
        <ScrollTable caption={`${meta.title}, ${filters.period}: every local authority, highest first`}>
          <thead>
            <tr>
              <th scope="col" className="numeric">Rank</th>
              <th scope="col">Local authority</th>
              <th scope="col" className="numeric">Value</th>
              <th scope="col">Statistical neighbour</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((l, i) => (
              <tr key={l.area_code} className={l.self ? 'table__row--self' : undefined}>
                <td className="numeric">{i + 1}</td>
                <th scope="row">
                  {l.area_name}
                  {l.self ? ' (this local authority)' : ''}
                </th>
                <td className="numeric">{formatValue(l.value, meta)}</td>
                <td>{l.neighbour ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      }
    />
  );
}
