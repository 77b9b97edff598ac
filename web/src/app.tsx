import { fetchCatalogue } from './api.ts';
import { SyntheticBanner } from './components/synthetic-banner.tsx';
import { Overview } from './pages/overview.tsx';
import { useRequest } from './use-request.ts';

export function App() {
  const catalogue = useRequest('catalogue', fetchCatalogue);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="width-container">
          <p className="site-title">SEND Joint Commissioning Dashboard</p>
          <p className="site-subtitle">Joint Strategic Needs Assessment: children and young people aged 0 to 25 with SEND</p>
        </div>
      </header>
      {catalogue.status === 'ready' && catalogue.data.data.synthetic ? <SyntheticBanner /> : null}
      <main id="main" className="width-container" tabIndex={-1}>
        {catalogue.status === 'loading' ? <p role="status">Loading the indicator catalogue…</p> : null}
        {catalogue.status === 'error' ? (
          <div className="error-summary" role="alert">
            <h2>The dashboard could not load its data</h2>
            <p>{catalogue.message}</p>
          </div>
        ) : null}
        {catalogue.status === 'ready' ? <Overview catalogue={catalogue.data} /> : null}
      </main>
      <footer className="site-footer">
        <div className="width-container">
          <p>
            Benchmarks contain public sector information licensed under the Open Government Licence v3.0 (Department for
            Education; Office for National Statistics). Suppressed figures are shown as <abbr title="confidential: suppressed to protect privacy">c</abbr>.
          </p>
        </div>
      </footer>
    </>
  );
}
