import { IndicatorSection } from '../components/indicator-section.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { EmptyState } from '../components/states.tsx';
import { breakdownsOf, useAppData, useFilters } from '../filters.ts';
import { themeIndicators, type PageDef } from '../pages.ts';
import { ContentsList } from './group-page.tsx';

/** Local Offer, personal budgets, preparing for adulthood: the theme's indicators that the catalogue has. */
export function ThemePage({ page }: { page: PageDef }) {
  const data = useAppData();
  const wanted = themeIndicators[page.id] ?? [];
  const indicators = wanted.flatMap((id) => data.catalogue.indicators.find((m) => m.id === id) ?? []);
  const breakdowns = breakdownsOf(indicators);
  const filters = useFilters(breakdowns);
  return (
    <PageShell page={page} filters={indicators.length > 0 ? filters : null} breakdowns={breakdowns}>
      {indicators.length === 0 ? (
        <EmptyState title="There are no indicators for this topic yet.">
          <p>
            This page will show {wanted.length === 1 ? 'the indicator' : 'the indicators'} <code>{wanted.join(', ')}</code> as soon as{' '}
            {wanted.length === 1 ? 'it is' : 'they are'} added to the indicator catalogue.
          </p>
        </EmptyState>
      ) : (
        <>
          <ContentsList indicators={indicators} />
          {indicators.map((meta) => (
            <IndicatorSection key={meta.id} meta={meta} filters={filters} />
          ))}
        </>
      )}
    </PageShell>
  );
}
