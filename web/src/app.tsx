import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { fetchAreas, fetchCatalogue, fetchPeriods } from './api.ts';
import { roleAtLeast, type Role } from '../../contract/auth.ts';
import { clearForbidden, refreshSession, roleLabels, safeNext, signInUrl, signOut, useForbidden, useSession } from './auth.ts';
import './components/auth.css';
import { SyntheticBanner } from './components/synthetic-banner.tsx';
import { ErrorState, Loading } from './components/states.tsx';
import { AppDataContext, type AppData } from './filters.ts';
import { pageByPath, pages, sections, type PageDef } from './pages.ts';
import { Overview } from './pages/overview.tsx';
import { AccessDenied, SignInPage } from './pages/sign-in.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import { useRequest } from './use-request.ts';

// The Overview is in the first bundle; every other page is a separate chunk loaded when it is first visited.
const GroupPage = lazy(() => import('./pages/group-page.tsx').then((m) => ({ default: m.GroupPage })));
const ThemePage = lazy(() => import('./pages/theme-page.tsx').then((m) => ({ default: m.ThemePage })));
const BenchmarksPage = lazy(() => import('./pages/benchmarks.tsx').then((m) => ({ default: m.BenchmarksPage })));
const CompareAreasPage = lazy(() => import('./pages/compare/index.tsx').then((m) => ({ default: m.CompareAreasPage })));
const OverviewGridPage = lazy(() => import('./pages/overview-grid/index.tsx').then((m) => ({ default: m.OverviewGridPage })));
const SearchPage = lazy(() => import('./pages/search/index.tsx').then((m) => ({ default: m.SearchPage })));
const DataQualityPage = lazy(() => import('./pages/data-quality.tsx').then((m) => ({ default: m.DataQualityPage })));
const ExportPage = lazy(() => import('./pages/export.tsx').then((m) => ({ default: m.ExportPage })));
const BoardPackPage = lazy(() => import('./pages/board-pack/index.tsx').then((m) => ({ default: m.BoardPackPage })));
const ProvisionGapsPage = lazy(() => import('./pages/provision-gaps/index.tsx').then((m) => ({ default: m.ProvisionGapsPage })));
const JourneyPage = lazy(() => import('./pages/journey.tsx').then((m) => ({ default: m.JourneyPage })));
const ForecastPage = lazy(() => import('./pages/forecast/index.tsx').then((m) => ({ default: m.ForecastPage })));
const UsersPage = lazy(() => import('./pages/users.tsx').then((m) => ({ default: m.UsersPage })));
const WorkloadPage = lazy(() => import('./pages/workload.tsx').then((m) => ({ default: m.WorkloadPage })));
const GlossaryPage = lazy(() => import('./pages/glossary.tsx').then((m) => ({ default: m.GlossaryPage })));
const UploadPage = lazy(() => import('./pages/upload.tsx').then((m) => ({ default: m.UploadPage })));

async function loadAppData(signal: AbortSignal): Promise<AppData> {
  const [catalogue, areas, periods] = await Promise.all([fetchCatalogue(signal), fetchAreas(signal), fetchPeriods(signal)]);
  return { catalogue, areas: areas.areas, periods: periods.periods, defaultPeriod: periods.default_period };
}

const SERVICE = 'SEND Joint Commissioning Dashboard';

function PageContent({ page }: { page: PageDef }) {
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

function NotFound() {
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

/** The menu for a role: pages the role may open, each section (commissioning analytics, admin) as one item. */
interface MenuItem {
  label: string;
  /** The section's name, for its own menu ("Commissioning analytics pages"). */
  sectionLabel: string | null;
  href: string;
  pages: PageDef[];
}

export function menuItems(role: Role): MenuItem[] {
  const items: MenuItem[] = [];
  for (const page of pages) {
    if (page.nav === false || !roleAtLeast(role, page.role)) continue;
    const section = page.section ? sections[page.section] : null;
    const existing = section ? items.find((i) => i.label === section.navLabel) : undefined;
    if (existing) existing.pages.push(page);
    else items.push({ label: section?.navLabel ?? page.navLabel, sectionLabel: section?.label ?? null, href: page.path, pages: [page] });
  }
  return items;
}

/** GOV.UK service navigation: a row of links, collapsed behind a Menu button on narrow screens. */
function ServiceNavigation({ current, role }: { current: PageDef | undefined; role: Role }) {
  const { query } = useLocation();
  const [open, setOpen] = useState(false);
  // Filters carry over between pages; a page that does not use one simply ignores it.
  const search = query.toString();
  const withSearch = (path: string) => (search ? `${path}?${search}` : path);
  const items = menuItems(role);
  const section = items.find((i) => i.sectionLabel !== null && i.pages.length > 1 && current !== undefined && i.pages.includes(current));
  return (
    <>
      <nav className="service-navigation" aria-label="Dashboard pages">
        <div className="width-container">
          <button
            type="button"
            className="service-navigation__toggle"
            aria-controls="service-navigation-list"
            aria-expanded={open}
            onClick={() => setOpen((v) => !v)}
          >
            Menu
          </button>
          <ul className={`service-navigation__list${open ? ' service-navigation__list--open' : ''}`} id="service-navigation-list">
            {items.map((item) => {
              const active = current !== undefined && item.pages.includes(current);
              return (
                <li key={item.label} className={`service-navigation__item${active ? ' service-navigation__item--active' : ''}`}>
                  <Link
                    className="service-navigation__link"
                    href={withSearch(item.href)}
                    aria-current={item.pages.length === 1 && active ? 'page' : active ? 'true' : undefined}
                    onClick={() => setOpen(false)}
                  >
                    {active ? <strong>{item.label}</strong> : item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      </nav>
      {section ? (
        <nav className="sub-navigation" aria-label={`${section.sectionLabel ?? section.label} pages`}>
          <div className="width-container">
            <ul className="sub-navigation__list">
              {section.pages.map((p) => (
                <li key={p.id} className={`sub-navigation__item${p === current ? ' sub-navigation__item--active' : ''}`}>
                  <Link className="sub-navigation__link" href={withSearch(p.path)} aria-current={p === current ? 'page' : undefined}>
                    {p === current ? <strong>{p.navLabel}</strong> : p.navLabel}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      ) : null}
    </>
  );
}

/**
 * Brings the element with this id to the top and focuses it, then keeps it there while the page grows: sections
 * above it load their figures after it appears, which would otherwise push it thousands of pixels down. Stops at
 * the user's first scroll, key or click, once nothing has been loading for a second, or after 20 s.
 */
function keepInView(id: string): () => void {
  let frame = 0;
  let observer: ResizeObserver | null = null;
  let quietTimer = 0;
  const started = performance.now();
  const align = (target: HTMLElement) => target.scrollIntoView({ block: 'start' });
  const stop = () => {
    cancelAnimationFrame(frame);
    observer?.disconnect();
    window.clearTimeout(quietTimer);
    for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown'] as const) window.removeEventListener(type, stop, true);
  };
  for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown'] as const) window.addEventListener(type, stop, { capture: true, passive: true });
  const settleLater = () => {
    window.clearTimeout(quietTimer);
    quietTimer = window.setTimeout(() => (document.querySelector('.state--loading') ? settleLater() : stop()), 1000);
  };
  const seek = () => {
    const target = document.getElementById(id);
    if (!target) {
      // The section may be in a chunk that is still loading: look for it for a few seconds.
      if (performance.now() - started < 5000) frame = requestAnimationFrame(seek);
      else stop();
      return;
    }
    align(target);
    target.focus({ preventScroll: true });
    observer = new ResizeObserver(() => {
      if (performance.now() - started > 20_000) return stop();
      align(target);
      settleLater();
    });
    observer.observe(document.body);
    settleLater();
  };
  seek();
  return stop;
}

/** After an in-app navigation: set the title, then move focus to the new page (or to the #section asked for). */
function useNavigationFocus(page: PageDef | undefined) {
  const location = useLocation();
  const previousPath = useRef<string | null>(null);
  useEffect(() => {
    document.title = page ? `${page.title} – ${SERVICE}` : `Page not found – ${SERVICE}`;
  }, [page]);
  useEffect(() => {
    const firstRender = previousPath.current === null;
    const pathChanged = previousPath.current !== location.path;
    previousPath.current = location.path;
    if (location.hash) return keepInView(location.hash);
    if (pathChanged && !firstRender) {
      window.scrollTo(0, 0);
      document.getElementById('main')?.focus({ preventScroll: true });
    }
    return undefined;
  }, [location.path, location.hash]);
}

/** Header, menu and footer around every page, the sign-in page included. */
function Layout({ user, nav, banner, children }: { user: { name: string; role: Role } | null; nav?: ReactNode; banner?: ReactNode; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="header">
        <div className="width-container header__container">
          <Link className="header__service-name" href="/">
            {SERVICE}
          </Link>
          <p className="header__subtitle">Joint Strategic Needs Assessment: children and young people aged 0 to 25 with SEND</p>
          {user ? (
            <div className="header__account">
              <p className="header__user" data-testid="signed-in-user">
                Signed in as <strong>{user.name}</strong> ({roleLabels[user.role]})
              </p>
              <button type="button" className="header__sign-out" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
          ) : null}
        </div>
      </header>
      {nav}
      {banner}
      <div className="width-container">
        <main id="main" className="main-wrapper" tabIndex={-1}>
          {children}
        </main>
      </div>
      <Footer role={user?.role ?? null} />
    </>
  );
}

/** Signed in: the dashboard; not signed in: the sign-in page, then back to where the user was going. */
export function App() {
  const session = useSession();
  const location = useLocation();
  useEffect(() => {
    void refreshSession();
  }, []);
  const user = session.status === 'ready' ? session.me.user : null;
  const onSignIn = location.path === '/sign-in';
  useEffect(() => {
    if (session.status !== 'ready') return;
    if (!user && !onSignIn) navigate(signInUrl(), { replace: true });
    if (user && onSignIn) navigate(safeNext(location.query.get('next')), { replace: true });
  }, [session.status, user, onSignIn, location.query]);
  useEffect(() => {
    if (onSignIn) document.title = `Sign in – ${SERVICE}`;
  }, [onSignIn]);
  if (user && !onSignIn) return <Dashboard user={user} />;
  return (
    <Layout user={null}>
      {session.status === 'error' ? (
        <>
          <h1 className="heading-xl">Sorry, the dashboard is not available</h1>
          <ErrorState what="Signing in" message={session.message} />
        </>
      ) : session.status === 'ready' && onSignIn && !user ? (
        <SignInPage />
      ) : (
        <Loading what="the dashboard" />
      )}
    </Layout>
  );
}

function Dashboard({ user }: { user: { name: string; role: Role } }) {
  const state = useRequest('app-data', loadAppData);
  const location = useLocation();
  const page = pageByPath(location.path);
  const forbidden = useForbidden();
  useEffect(() => clearForbidden(), [location.path]);
  useNavigationFocus(page);
  const synthetic = state.status === 'ready' && state.data.catalogue.data.synthetic;
  const allowed = !forbidden && (page === undefined || roleAtLeast(user.role, page.role));
  return (
    <Layout user={user} nav={<ServiceNavigation current={page} role={user.role} />} banner={synthetic ? <SyntheticBanner /> : null}>
      {!allowed ? <AccessDenied /> : null}
      {allowed && state.status === 'loading' ? <Loading what="the dashboard" /> : null}
      {allowed && state.status === 'error' ? (
        <>
          <h1 className="heading-xl">Sorry, the dashboard is not available</h1>
          <ErrorState what="The indicator catalogue, areas and years" message={state.message} />
        </>
      ) : null}
      {allowed && state.status === 'ready' ? (
        <AppDataContext.Provider value={state.data}>
          <Suspense fallback={<Loading what="the page" />}>{page ? <PageContent page={page} /> : <NotFound />}</Suspense>
        </AppDataContext.Provider>
      ) : null}
    </Layout>
  );
}

function Footer({ role }: { role: Role | null }) {
  return (
      <footer className="footer">
        <div className="width-container">
          <h2 className="visually-hidden">Support links</h2>
          {role ? (
            <ul className="footer__links">
              <li>
                <Link href="/data-quality">Data quality</Link>
              </li>
              <li>
                <Link href="/glossary">Glossary</Link>
              </li>
              {roleAtLeast(role, 'analyst') ? (
                <li>
                  <Link href="/export">Export and API</Link>
                </li>
              ) : null}
            </ul>
          ) : null}
          <p>
            Suppressed figures are shown as <abbr title="confidential: suppressed to protect privacy">c</abbr>, figures that
            cannot be calculated as <abbr title="not available">x</abbr> (Department for Education convention).
            {role ? (
              <>
                {' '}
                <Link href="/glossary#symbol-c">What the symbols and terms mean</Link>.
              </>
            ) : null}
          </p>
          <p>
            Benchmarks contain public sector information licensed under the{' '}
            <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">
              Open Government Licence v3.0
            </a>{' '}
            (Department for Education; Office for National Statistics; Ministry of Justice).
          </p>
        </div>
      </footer>
  );
}
