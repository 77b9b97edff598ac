import { spinePoint } from '../../charts/spine-chart.tsx';
import { PageShell } from '../../components/page-shell.tsx';
import { Await, EmptyState } from '../../components/states.tsx';
import { useAppData, useFilters } from '../../filters.ts';
import { joinWords } from '../../format.ts';
import type { PageDef } from '../../page-list.ts';
import { useLocation } from '../../router.tsx';
import { useRequest } from '../../use-request.ts';
import { loadAll } from './load.ts';
import { RankedSection } from './ranked-section.tsx';
import { SpineSection } from './spine-section.tsx';

// Benchmarks: the spine chart of every benchmarked indicator (spine-section.tsx) and the ranking of every LA for one
// (ranked-section.tsx), from the published distributions (load.ts).

export function BenchmarksPage({ page }: { page: PageDef }) {
  const data = useAppData();
  // Published benchmarks are by calendar year only.
  const filters = useFilters(['all'], ['calendar-year']);
  const { query } = useLocation();
  const benchmarked = data.catalogue.indicators.filter((m) => m.benchmark !== null);
  const chosenId = benchmarked.some((m) => m.id === query.get('indicator')) ? (query.get('indicator') as string) : benchmarked[0]?.id;
  const la = filters.la.area_code;
  const state = useRequest(`benchmarks|${la}|${filters.period}|${benchmarked.map((m) => m.id).join(',')}`, (signal) => loadAll(benchmarked, la, filters.period, signal));
  const extra =
    benchmarked.length > 0
      ? [{ name: 'indicator', label: 'Indicator to rank', value: chosenId ?? '', options: benchmarked.map((m) => ({ value: m.id, label: m.title })) }]
      : undefined;
  return (
    <PageShell page={page} filters={filters} extra={extra} periodTypes={['calendar-year']}>
      <p>
        The ranges, England, the region and the statistical neighbours are the figures the Department for Education published for every
        local authority. In the spine chart, {filters.la.area_name}’s circle is its figure calculated from the loaded extract; in the ranking,
        every bar (including {filters.la.area_name}’s) is the published figure, so all are compared like for like.
      </p>
      {benchmarked.length === 0 ? (
        <EmptyState title="No indicator in the catalogue has a published benchmark." />
      ) : (
        <Await state={state} what="the published benchmarks">
          {(outcomes) => {
            if (outcomes.every((o) => o.missing === 'no-route')) {
              return (
                <EmptyState title="Benchmarks are not available from this server yet.">
                  <p>This page will show them once the server offers published benchmark distributions.</p>
                </EmptyState>
              );
            }
            const failed = outcomes.filter((o) => o.error);
            // No distribution to draw: no benchmark at all, or one without a published range for the whole LA (such as
            // a breakdown-only benchmark), which would be a row of x.
            const without = outcomes.filter((o) => o.missing === 'none' || (o.benchmark !== null && spinePoint({ id: o.meta.id, title: o.meta.title, benchmark: o.benchmark, significance: 'not-compared', direction: 'none', laText: '' }) === null));
            const chosen = outcomes.find((o) => o.meta.id === chosenId);
            return (
              <>
                {failed.length > 0 ? (
                  <div className="state state--error" role="alert">
                    <p className="state__title">Some benchmarks could not be loaded</p>
                    <ul>
                      {failed.map((o) => (
                        <li key={o.meta.id}>
                          {o.meta.title}: {o.error}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                <section aria-labelledby="spine-heading" className="page-section">
                  <h2 className="heading-l" id="spine-heading">
                    All benchmarked indicators
                  </h2>
                  <SpineSection outcomes={outcomes} filters={filters} />
                  {without.length > 0 ? (
                    <p className="hint">
                      No published distribution for {filters.period}: {joinWords(without.map((o) => o.meta.title))}.
                    </p>
                  ) : null}
                </section>
                <section aria-labelledby="ranked-heading" className="page-section">
                  <h2 className="heading-l" id="ranked-heading">
                    Ranking of every local authority
                  </h2>
                  {chosen ? <RankedSection outcome={chosen} filters={filters} /> : null}
                </section>
              </>
            );
          }}
        </Await>
      )}
    </PageShell>
  );
}
