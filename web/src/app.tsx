import { Suspense, useEffect } from 'react';
import { fetchAreas, fetchCatalogue, fetchPeriods } from './api.ts';
import { roleAtLeast, type Role } from '../../contract/auth.ts';
import { clearForbidden, refreshSession, safeNext, signInUrl, useForbidden, useSession } from './auth.ts';
import './components/auth.css';
import { SyntheticBanner } from './components/synthetic-banner.tsx';
import { ErrorState, Loading } from './components/states.tsx';
import { AppDataContext, type AppData } from './filters.ts';
import { pageByPath } from './page-list.ts';
import { AccessDenied, SignInPage } from './pages/sign-in.tsx';
import { navigate, useLocation } from './router.tsx';
import { useRequest } from './use-request.ts';
import { Layout, SERVICE } from './app/layout.tsx';
import { ServiceNavigation } from './app/navigation.tsx';
import { useNavigationFocus } from './app/navigation-focus.ts';
import { NotFound, PageContent } from './app/routes.tsx';

// The app's frame: sign-in, then the dashboard. Its parts are in app/: routes (the lazy page chunks), the menu,
// the layout (header and footer) and the focus after navigation.

async function loadAppData(signal: AbortSignal): Promise<AppData> {
  const [catalogue, areas, periods] = await Promise.all([fetchCatalogue(signal), fetchAreas(signal), fetchPeriods(signal)]);
  return { catalogue, areas: areas.areas, periods: periods.periods, defaultPeriod: periods.default_period };
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
