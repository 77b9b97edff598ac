import type { ReactNode } from 'react';
import { IndicatorSection } from '../components/indicator-section/index.tsx';
import { IntervalNote } from '../components/interval-note.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { EmptyState } from '../components/states.tsx';
import { breakdownsOf, useAppData, useFilters, type Filters } from '../filters.ts';
import type { PageDef, PageId } from '../page-list.ts';
import { ContentsList } from './group-page.tsx';
import { BudgetsInsight, budgetsSections } from './insights/budgets.tsx';
import { FeedbackThemes, feedbackSection } from './insights/feedback-themes.tsx';
import { TransitionsInsight, transitionsSections } from './insights/transitions.tsx';

/** Each theme's sections from the commissioning insight endpoints, after its indicators. */
const insights: Partial<Record<PageId, { sections: { id: string; title: string }[]; render: (filters: Filters) => ReactNode }>> = {
  'local-offer': { sections: [feedbackSection], render: (filters) => <FeedbackThemes filters={filters} /> },
  'personal-budgets': { sections: budgetsSections, render: (filters) => <BudgetsInsight filters={filters} /> },
  'preparing-for-adulthood': { sections: transitionsSections, render: (filters) => <TransitionsInsight filters={filters} /> },
};

/** Local Offer, personal budgets, preparing for adulthood: the theme's indicators that the catalogue has, then its insight sections. */
export function ThemePage({ page }: { page: PageDef }) {
  const data = useAppData();
  // The catalogue says which indicators each theme page shows, and in what order (the definitions' placement).
  const indicators = data.catalogue.indicators
    .filter((m) => m.placement.theme_page === page.id)
    .sort((a, b) => (a.placement.theme_order ?? 0) - (b.placement.theme_order ?? 0));
  const breakdowns = breakdownsOf(indicators);
  const filters = useFilters(breakdowns);
  const insight = insights[page.id];
  return (
    <PageShell page={page} filters={indicators.length > 0 || insight ? filters : null} breakdowns={breakdowns}>
      {indicators.length === 0 ? (
        <EmptyState title="There are no indicators for this topic yet.">
          <p>This page shows the indicators the catalogue places on it as soon as there are any.</p>
        </EmptyState>
      ) : (
        <>
          <IntervalNote meta={indicators[0]} filters={filters} />
          <ContentsList indicators={indicators} extra={insight?.sections} />
          {indicators.map((meta) => (
            <IndicatorSection key={meta.id} meta={meta} filters={filters} />
          ))}
        </>
      )}
      {insight ? insight.render(filters) : null}
    </PageShell>
  );
}
