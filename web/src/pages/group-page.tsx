import type { IndicatorMeta } from '../../../contract/indicators.ts';
import { SectionContents } from '../components/analytics-ui.tsx';
import { IndicatorSection } from '../components/indicator-section/index.tsx';
import { IntervalNote } from '../components/interval-note.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { EmptyState } from '../components/states.tsx';
import { breakdownsOf, useAppData, useFilters } from '../filters.ts';
import type { PageDef } from '../page-list.ts';

/** GOV.UK contents list: links to each indicator's section on the page, then any other sections. */
export function ContentsList({ indicators, extra = [] }: { indicators: IndicatorMeta[]; extra?: { id: string; title: string }[] }) {
  return <SectionContents items={[...indicators.map((m) => ({ id: m.id, title: m.title })), ...extra]} />;
}

/** Needs, Gaps or Outcomes: a section per indicator of the group in the catalogue, in catalogue order. */
export function GroupPage({ page, group }: { page: PageDef; group: IndicatorMeta['group'] }) {
  const data = useAppData();
  const indicators = data.catalogue.indicators.filter((m) => m.group === group);
  const breakdowns = breakdownsOf(indicators);
  const filters = useFilters(breakdowns, undefined, true);
  return (
    <PageShell page={page} filters={filters} breakdowns={breakdowns}>
      {indicators.length === 0 ? (
        <EmptyState title={`There are no ${page.title.toLowerCase()} indicators in the catalogue yet.`} />
      ) : (
        <>
          <IntervalNote meta={indicators[0]} filters={filters} />
          <ContentsList indicators={indicators} />
          {indicators.map((meta) => (
            <IndicatorSection key={meta.id} meta={meta} filters={filters} />
          ))}
        </>
      )}
    </PageShell>
  );
}
