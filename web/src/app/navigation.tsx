import { useState } from 'react';
import { roleAtLeast, type Role } from '../../../contract/auth.ts';
import { pages, sections, type PageDef } from '../page-list.ts';
import { Link, useLocation } from '../router.tsx';

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
export function ServiceNavigation({ current, role }: { current: PageDef | undefined; role: Role }) {
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
