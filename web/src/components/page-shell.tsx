import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Filters } from '../filters.ts';
import type { PageDef } from '../page-list.ts';
import { LinkedText } from '../glossary/linked-text.tsx';
import { PageTerms } from '../glossary/page-terms.tsx';
import { FilterForm } from './filter-form.tsx';
import { FoldOnNarrow } from './fold-on-narrow.tsx';

type Extra = Parameters<typeof FilterForm>[0]['extra'];

/** What the figures on the page are for, in words ("Leeds, 2024, compared with England"). */
export function describeFilters(filters: Filters, page: PageDef): string {
  const parts: string[] = [];
  if (page.filters.includes('area')) parts.push(filters.area.area_type === 'locality' ? `${filters.area.area_name} locality, ${filters.la.area_name}` : filters.area.area_name);
  if (page.filters.includes('period')) parts.push(filters.periodType === 'financial-year' ? `financial year ${filters.period}` : filters.period);
  if (page.filters.includes('compare')) {
    const label = filters.comparators.find((c) => c.id === filters.compare)?.label;
    if (label) parts.push(`compared with ${label}`);
  }
  return parts.join(', ');
}

/**
 * The frame of every page: caption, heading, lead paragraph (its glossary terms linked), the page's filters and
 * notices about the URL; then the page; then links to the glossary for the words and symbols the page uses. At
 * 640 px and below the filters sit behind "Change what is shown", so the first screen shows figures (issue 17).
 */
export function PageShell({
  page,
  filters,
  breakdowns = ['all'],
  extra,
  periodTypes,
  children,
}: {
  page: PageDef;
  filters: Filters | null;
  breakdowns?: string[];
  extra?: Extra;
  periodTypes?: Filters['periodType'][];
  children: ReactNode;
}) {
  const description = filters ? describeFilters(filters, page) : '';
  // Announce a change of filters to screen-reader users (not on first render: the page title covers that).
  const [announcement, setAnnouncement] = useState('');
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setAnnouncement(description ? `Showing ${description}` : '');
  }, [description]);
  return (
    <>
      {description ? <span className="caption-l">{description}</span> : null}
      <h1 className="heading-xl">{page.title}</h1>
      <p className="lead">
        <LinkedText text={page.description} />
      </p>
      {filters && filters.notices.length > 0 ? (
        <div className="warning-text" role="note">
          <span className="warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="warning-text__text">
            <span className="visually-hidden">Warning: </span>
            {filters.notices.map((n) => (
              <p key={n}>{n}</p>
            ))}
          </div>
        </div>
      ) : null}
      {filters && (page.filters.length > 0 || extra) ? (
        <FoldOnNarrow summary="Change what is shown" className="filter-details">
          <FilterForm filters={filters} show={page.filters} breakdowns={breakdowns} extra={extra} periodTypes={periodTypes} />
        </FoldOnNarrow>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="filter-announcement">
        {announcement}
      </p>
      {children}
      <PageTerms page={page.id} />
    </>
  );
}
