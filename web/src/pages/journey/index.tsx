import { fetchJourney } from '../../analytics-api.ts';
import { AnalyticsSection, SectionContents } from '../../components/analytics-ui.tsx';
import { PageShell } from '../../components/page-shell.tsx';
import { Await } from '../../components/states.tsx';
import { useFilters } from '../../filters.ts';
import type { PageDef } from '../../page-list.ts';
import { useMediaQuery } from '../../use-media-query.ts';
import { useRequest } from '../../use-request.ts';
import { Overlap } from './overlap.tsx';
import { Steps } from './steps.tsx';
import { Waiting } from './waiting.tsx';

// Single view of the child: the EHC journey from request to plan ceasing (children entering each step and the
// weeks spent at it), children waiting now, and how EHC plans, child needs assessments and personal budgets
// overlap. GET /api/analytics/journey?area=&period=. A section per file.

const sections = [
  { id: 'steps', title: 'Steps of the EHC journey' },
  { id: 'waiting', title: 'Children waiting now' },
  { id: 'overlap', title: 'Plans, assessments and budgets together' },
  { id: 'notes', title: 'About these figures' },
];

export function JourneyPage({ page }: { page: PageDef }) {
  const filters = useFilters();
  const narrow = useMediaQuery('(max-width: 640px)');
  const params = { area: filters.area.area_code, period: filters.period };
  const state = useRequest(`journey|${params.area}|${params.period}`, (signal) => fetchJourney(params, signal));
  return (
    <PageShell page={page} filters={filters}>
      <Await state={state} what="the EHC journey">
        {(data) => (
          <>
            <SectionContents items={sections} />
            <Steps data={data} narrow={narrow} />
            <Waiting data={data} narrow={narrow} />
            <Overlap data={data} />
            <AnalyticsSection id="notes" title="About these figures">
              <ul className="list">
                {data.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </AnalyticsSection>
          </>
        )}
      </Await>
    </PageShell>
  );
}
