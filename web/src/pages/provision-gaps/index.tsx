import { fetchProvisionGaps } from '../../analytics-api.ts';
import { SectionContents } from '../../components/analytics-ui.tsx';
import { FoldOnNarrow } from '../../components/fold-on-narrow.tsx';
import { PageShell } from '../../components/page-shell.tsx';
import { Await } from '../../components/states.tsx';
import { useFilters } from '../../filters.ts';
import { formatDate } from '../../format.ts';
import type { PageDef } from '../../page-list.ts';
import { useLocation } from '../../router.tsx';
import { useMediaQuery } from '../../use-media-query.ts';
import { useRequest } from '../../use-request.ts';
import { sections } from './shared.ts';
import { LargestGaps } from './largest-gaps.tsx';
import { heatViews, HeatMapSection } from './heat-map-section.tsx';
import { Categories } from './categories.tsx';
import { commissionerChoices, Waits } from './waits.tsx';
import { AgeCoverage } from './age-coverage.tsx';
import { Placements } from './placements.tsx';
import { Method } from './method.tsx';

// Provision gaps: demand (children whose EHC plans specify a kind of provision) against Local Offer capacity (places
// shared out by population), by provision category, locality and age band; who commissions it and how long children
// wait for it to start; Local Offer age coverage; out-of-area and independent placements. GET /api/analytics/provision-gaps.

export function ProvisionGapsPage({ page }: { page: PageDef }) {
  const filters = useFilters();
  const { query } = useLocation();
  const narrow = useMediaQuery('(max-width: 640px)');
  const state = useRequest(`provision-gaps|${filters.period}`, (signal) => fetchProvisionGaps(filters.period, signal));
  return (
    <PageShell page={page} filters={filters}>
      <Await state={state} what="the provision gaps">
        {(data) => {
          const views = heatViews(data);
          const heat = query.get('heat');
          const view = views.find((v) => v.value === heat) ?? views[0];
          const type = query.get('commissioner') ?? 'all';
          const notices: string[] = [];
          if (heat && !views.some((v) => v.value === heat)) notices.push(`The heat map view in the link (${heat}) is not available, so ${views[0]?.label} is shown.`);
          const validType = commissionerChoices.some((c) => c.value === type) ? type : 'all';
          if (validType !== type) notices.push(`The commissioner in the link (${type}) is not recognised, so all commissioners are shown.`);
          return (
            <>
              {notices.length > 0 ? (
                <div className="warning-text" role="note">
                  <span className="warning-text__icon" aria-hidden="true">
                    !
                  </span>
                  <div className="warning-text__text">
                    <span className="visually-hidden">Warning: </span>
                    {notices.map((n) => (
                      <p key={n}>{n}</p>
                    ))}
                  </div>
                </div>
              ) : null}
              {/* At 360 px the first of the largest gaps must be on the first screen (issue 17): the notes fold away there. */}
              <FoldOnNarrow summary="About these figures">
                <p className="inset-text">
                  Figures for {data.la.area_name} and its {data.localities.length === 1 ? 'locality' : `${data.localities.length} localities`} on{' '}
                  {formatDate(data.period.end_date)}, the last day of {data.period.period_type === 'financial-year' ? `financial year ${data.period.period}` : data.period.period}
                  {data.period.complete ? '' : ' (a year not yet complete)'}. Provision gaps are always for the whole local authority: choose a locality in the heat map.
                </p>
              </FoldOnNarrow>
              <SectionContents items={sections} />
              <LargestGaps data={data} narrow={narrow} />
              {view ? <HeatMapSection data={data} view={view} views={views} /> : null}
              <Categories data={data} narrow={narrow} />
              <Waits data={data} type={validType} narrow={narrow} />
              <AgeCoverage data={data} />
              <Placements data={data} />
              <Method data={data} />
            </>
          );
        }}
      </Await>
    </PageShell>
  );
}
