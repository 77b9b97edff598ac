import { useState, type FormEvent } from 'react';
import type { IndicatorMeta } from '../../../../contract/indicators.ts';
import { PageShell } from '../../components/page-shell.tsx';
import { useAppData } from '../../filters.ts';
import { joinWords } from '../../format.ts';
import type { PageDef } from '../../page-list.ts';
import { Link, navigate, useLocation, withQuery } from '../../router.tsx';
import '../new-pages.css';
import { searchIndicators } from './search-index.ts';

const groupNames: Record<IndicatorMeta['group'], string> = { needs: 'Needs', gaps: 'Gaps', outcomes: 'Outcomes' };

/** The page an indicator is on, at its section. */
export const indicatorHref = (meta: IndicatorMeta): string => `/${meta.group}#${meta.id}`;

function Result({ meta, matchedIn }: { meta: IndicatorMeta; matchedIn?: string[] }) {
  return (
    <li className="search-result" data-testid="search-result" data-indicator={meta.id}>
      <h3 className="search-result__title">
        <Link href={indicatorHref(meta)}>{meta.title}</Link>
      </h3>
      <p className="search-result__meta hint">
        On the {groupNames[meta.group]} page{matchedIn && matchedIn.length > 0 ? `. Found in its ${joinWords(matchedIn)}` : ''}
      </p>
      <p className="search-result__text">{meta.definition}</p>
    </li>
  );
}

/** Find an indicator: a GOV.UK search box over the catalogue's names, definitions and other words for them. */
export function SearchPage({ page }: { page: PageDef }) {
  const { catalogue } = useAppData();
  const location = useLocation();
  const query = location.query.get('q') ?? '';
  const [text, setText] = useState(query);
  const [seen, setSeen] = useState(query);
  if (seen !== query) {
    setSeen(query);
    setText(query);
  }
  const results = searchIndicators(catalogue.indicators, query);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery(location.path, location.query, { q: text.trim() || undefined }));
  };
  const all = [...catalogue.indicators].sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
  return (
    <PageShell page={page} filters={null}>
      <form className="search-form" role="search" onSubmit={submit}>
        <label className="label" htmlFor="indicator-search">
          Search indicators
        </label>
        <p className="hint" id="indicator-search-hint">
          For example, EHCP, statement, 20 weeks, tribunal, personal budget or out of area
        </p>
        <div className="search-form__row">
          <input
            className="input search-form__input"
            id="indicator-search"
            name="q"
            type="search"
            value={text}
            aria-describedby="indicator-search-hint"
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="button search-form__button">
            Search
          </button>
        </div>
      </form>
      <p role="status" className="search-count" data-testid="search-count">
        {query
          ? results.length === 0
            ? `No indicator matches “${query}”.`
            : `${results.length} indicator${results.length === 1 ? '' : 's'} match${results.length === 1 ? 'es' : ''} “${query}”.`
          : ''}
      </p>
      {query && results.length === 0 ? (
        <div className="inset-text">
          <p>Check the spelling, use fewer words, or try another word for the same thing. Every indicator is listed below.</p>
        </div>
      ) : null}
      {results.length > 0 ? (
        <ol className="search-results" aria-label="Search results">
          {results.map((r) => (
            <Result key={r.meta.id} meta={r.meta} matchedIn={r.matchedIn} />
          ))}
        </ol>
      ) : (
        <section aria-labelledby="all-indicators-heading">
          <h2 className="heading-m" id="all-indicators-heading">
            Every indicator, A to Z
          </h2>
          <ul className="search-results">
            {all.map((meta) => (
              <Result key={meta.id} meta={meta} />
            ))}
          </ul>
        </section>
      )}
    </PageShell>
  );
}
