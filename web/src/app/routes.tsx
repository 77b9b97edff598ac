import { lazy } from 'react';
import type { PageDef } from '../page-list.ts';
import { Overview } from '../pages/overview.tsx';
import { Link } from '../router.tsx';

// The Overview is in the first bundle; every other page is a separate chunk loaded when it is first visited.
const GroupPage = lazy(() => import('../pages/group-page.tsx').then((m) => ({ default: m.GroupPage })));
const ThemePage = lazy(() => import('../pages/theme-page.tsx').then((m) => ({ default: m.ThemePage })));
const BenchmarksPage = lazy(() => import('../pages/benchmarks/index.tsx').then((m) => ({ default: m.BenchmarksPage })));
const CompareAreasPage = lazy(() => import('../pages/compare/index.tsx').then((m) => ({ default: m.CompareAreasPage })));
const OverviewGridPage = lazy(() => import('../pages/overview-grid/index.tsx').then((m) => ({ default: m.OverviewGridPage })));
const SearchPage = lazy(() => import('../pages/search/index.tsx').then((m) => ({ default: m.SearchPage })));
const DataQualityPage = lazy(() => import('../pages/data-quality.tsx').then((m) => ({ default: m.DataQualityPage })));
const ExportPage = lazy(() => import('../pages/export/index.tsx').then((m) => ({ default: m.ExportPage })));
const BoardPackPage = lazy(() => import('../pages/board-pack/index.tsx').then((m) => ({ default: m.BoardPackPage })));
const ProvisionGapsPage = lazy(() => import('../pages/provision-gaps/index.tsx').then((m) => ({ default: m.ProvisionGapsPage })));
const JourneyPage = lazy(() => import('../pages/journey/index.tsx').then((m) => ({ default: m.JourneyPage })));
const ForecastPage = lazy(() => import('../pages/forecast/index.tsx').then((m) => ({ default: m.ForecastPage })));
const UsersPage = lazy(() => import('../pages/users/index.tsx').then((m) => ({ default: m.UsersPage })));
const WorkloadPage = lazy(() => import('../pages/workload.tsx').then((m) => ({ default: m.WorkloadPage })));
const GlossaryPage = lazy(() => import('../pages/glossary.tsx').then((m) => ({ default: m.GlossaryPage })));
const UploadPage = lazy(() => import('../pages/upload/index.tsx').then((m) => ({ default: m.UploadPage })));

/** The page for a route: the Overview at once, any other page from its chunk. */
export function PageContent({ page }: { page: PageDef }) {
  switch (page.id) {
    case 'overview':
      return <Overview page={page} />;
    case 'needs':
    case 'gaps':
    case 'outcomes':
      return <GroupPage page={page} group={page.id} />;
    case 'local-offer':
    case 'personal-budgets':
    case 'preparing-for-adulthood':
      return <ThemePage page={page} />;
    case 'provision-gaps':
      return <ProvisionGapsPage page={page} />;
    case 'journey':
      return <JourneyPage page={page} />;
    case 'forecast':
      return <ForecastPage page={page} />;
    case 'workload':
      return <WorkloadPage page={page} />;
    case 'benchmarks':
      return <BenchmarksPage page={page} />;
    case 'compare':
      return <CompareAreasPage page={page} />;
    case 'overview-grid':
      return <OverviewGridPage page={page} />;
    case 'search':
      return <SearchPage page={page} />;
    case 'data-quality':
      return <DataQualityPage page={page} />;
    case 'export':
      return <ExportPage page={page} />;
    case 'board-pack':
      return <BoardPackPage page={page} />;
    case 'users':
      return <UsersPage page={page} />;
    case 'upload':
      return <UploadPage page={page} />;
    case 'glossary':
      return <GlossaryPage page={page} />;
  }
}

/** A path no page has. */
export function NotFound() {
  return (
    <>
      <h1 className="heading-xl">Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>
        Go to the <Link href="/">Overview</Link> or choose a page from the menu.
      </p>
    </>
  );
}
