import type { ReactNode } from 'react';
import { roleAtLeast, type Role } from '../../../contract/auth.ts';
import { roleLabels, signOut } from '../auth.ts';
import { Link } from '../router.tsx';

export const SERVICE = 'SEND Joint Commissioning Dashboard';

/** Header, menu and footer around every page, the sign-in page included. */
export function Layout({ user, nav, banner, children }: { user: { name: string; role: Role } | null; nav?: ReactNode; banner?: ReactNode; children: ReactNode }) {
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

/** Support links for the signed-in, the symbols' meaning and the licence of the benchmarks. */
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
