import { useId } from 'react';
import type { BenchmarkResponse, IndicatorMeta } from '../../../../contract/indicators.ts';
import { ChartBlock } from '../../components/chart-block.tsx';
import { PageShell } from '../../components/page-shell.tsx';
import { Await, EmptyState } from '../../components/states.tsx';
import { useAppData, useFilters, type Filters } from '../../filters.ts';
import { joinWords, withUnit } from '../../format.ts';
import { GlossaryLink } from '../../glossary/glossary-link.tsx';
import type { PageDef } from '../../page-list.ts';
import { useLocation } from '../../router.tsx';
import { useMediaQuery } from '../../use-media-query.ts';
import { useRequest } from '../../use-request.ts';
import '../../components/analytics.css';
import '../new-pages.css';
import { AreaChoice } from './area-choice.tsx';
import { chartOrder, CompareChart, compareLegend } from './compare-chart.tsx';
import { AllIndicatorsTable, IndicatorCompareTable } from './compare-tables.tsx';
import { allLas, chosenLas, compareRows, loadPublished, type LaChoice, type Published } from './model.ts';

function compareSummary(meta: IndicatorMeta, rows: ReturnType<typeof compareRows>, selfName: string): string {
  const ordered = chartOrder(rows).filter((r) => r.value !== null && (r.kind === 'la' || r.kind === 'self'));
  const self = rows.find((r) => r.kind === 'self');
  const england = rows.find((r) => r.kind === 'england');
  if (!self || self.value === null) return `${selfName} has no published figure for this indicator; the other areas are shown highest first.`;
  const position = ordered.findIndex((r) => r.kind === 'self') + 1;
  const top = ordered[0];
  return (
    `On the published figures, ${selfName} is ${withUnit(self.value, meta)}, ${position === 1 ? 'the highest' : `number ${position}`} of the ${ordered.length} local authorities compared` +
    (top && top.kind !== 'self' ? ` (highest: ${top.name}, ${withUnit(top.value, meta)})` : '') +
    (england?.value != null ? `; England is ${withUnit(england.value, meta)}.` : '.')
  );
}

function ChosenIndicator({ item, chosen, filters, selfName }: { item: Published & { benchmark: BenchmarkResponse }; chosen: LaChoice[]; filters: Filters; selfName: string }) {
  const patternId = `compare-hatch-${useId().replace(/[^a-z0-9]/gi, '')}`;
  const narrow = useMediaQuery('(max-width: 640px)');
  const rows = compareRows(item.benchmark, chosen);
  return (
    <ChartBlock
      title={`${item.meta.title}, ${filters.period}`}
      summary={compareSummary(item.meta, rows, selfName)}
      headingLevel={3}
      testId="compare-chart"
      legend={compareLegend(selfName)}
      chart={<CompareChart meta={item.meta} rows={rows} patternId={patternId} narrow={narrow} />}
      table={<IndicatorCompareTable meta={item.meta} benchmark={item.benchmark} rows={rows} period={filters.period} />}
    />
  );
}

function Comparison({ published, filters, chosenId }: { published: Published[]; filters: Filters; chosenId: string | undefined }) {
  const { query } = useLocation();
  const las = allLas(published);
  const self = las.find((l) => l.self);
  const selfName = self?.area_name ?? filters.la.area_name;
  const { chosen, unknown } = chosenLas(query.get('areas'), las);
  const item = published.find((p): p is Published & { benchmark: BenchmarkResponse } => p.meta.id === chosenId && p.benchmark !== null);
  const failed = published.filter((p) => p.error);
  if (las.length === 0) return <EmptyState title={`No published figures for ${filters.period}.`} />;
  return (
    <>
      {failed.length > 0 ? (
        <div className="state state--error" role="alert">
          <p className="state__title">Some published figures could not be loaded</p>
          <p>{joinWords(failed.map((p) => p.meta.title))}. Try again later, or reload the page.</p>
        </div>
      ) : null}
      {unknown.length > 0 ? <p className="inset-text">Some areas in the link have no published figures for {filters.period} and are left out.</p> : null}
      <section className="page-section" aria-labelledby="compare-one-heading">
        <h2 className="heading-l" id="compare-one-heading">
          One indicator
        </h2>
        {item ? <ChosenIndicator item={item} chosen={chosen} filters={filters} selfName={selfName} /> : <EmptyState title="This indicator has no published figures for this year." />}
      </section>
      <AboutFigures />
      <AreaChoice las={las} chosen={chosen} selfName={selfName} />
      <section className="page-section" aria-labelledby="compare-all-heading">
        <h2 className="heading-l" id="compare-all-heading">
          Every published indicator
        </h2>
        <AllIndicatorsTable published={published} chosen={chosen} period={filters.period} />
      </section>
    </>
  );
}

function AboutFigures() {
  return (
    <p>
      These are the figures the Department for Education published for every local authority, so every area is counted the same way. Published
      figures have no <GlossaryLink id="ci">confidence interval</GlossaryLink>, so small differences may not mean much.{' '}
      <GlossaryLink id="statistical-neighbours">Statistical neighbours</GlossaryLink> are the local authorities most like this one.
    </p>
  );
}

/** Compare areas: the published DfE figures of any LAs next to this LA's, England's and the region's. */
export function CompareAreasPage({ page }: { page: PageDef }) {
  const data = useAppData();
  // Published figures are by calendar year only.
  const filters = useFilters(['all'], ['calendar-year']);
  const { query } = useLocation();
  const benchmarked = data.catalogue.indicators.filter((m) => m.benchmark !== null);
  const chosenId = benchmarked.some((m) => m.id === query.get('indicator')) ? (query.get('indicator') ?? undefined) : benchmarked[0]?.id;
  const state = useRequest(`compare|${filters.period}|${benchmarked.map((m) => m.id).join(',')}`, (signal) => loadPublished(benchmarked, filters.period, signal));
  const extra =
    benchmarked.length > 0
      ? [{ name: 'indicator', label: 'Indicator for the chart', value: chosenId ?? '', options: benchmarked.map((m) => ({ value: m.id, label: m.title })) }]
      : undefined;
  return (
    <PageShell page={page} filters={filters} extra={extra} periodTypes={['calendar-year']}>
      {benchmarked.length === 0 ? (
        <EmptyState title="No indicator in the catalogue has published figures to compare." />
      ) : (
        <Await state={state} what="the published figures">
          {(published) => <Comparison published={published} filters={filters} chosenId={chosenId} />}
        </Await>
      )}
    </PageShell>
  );
}
