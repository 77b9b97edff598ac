import type { IndicatorMeta } from '../../../contract/indicators.ts';
import { IndicatorSection } from '../components/indicator-section.tsx';
import { IntervalNote } from '../components/interval-note.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { EmptyState } from '../components/states.tsx';
import { breakdownsOf, useAppData, useFilters } from '../filters.ts';
import type { PageDef } from '../pages.ts';

/** GOV.UK contents list: links to each indicator's section on the page. */
export function ContentsList({ indicators, extra = [] }: { indicators: IndicatorMeta[]; extra?: { id: string; title: string }[] }) {
  if (indicators.length + extra.length < 2) return null;
  return (
    <nav className="contents-list" aria-labelledby="contents-heading">
      <h2 className="contents-list__title" id="contents-heading">
        Contents
      </h2>
      <ol className="contents-list__list">
        {indicators.map((m) => (
          <li key={m.id}>
            <a href={`#${m.id}`}>{m.title}</a>
          </li>
        ))}
        {extra.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{s.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
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
