import { FoldOnNarrow } from '../components/fold-on-narrow.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { glossaryTerms } from '../glossary/terms.ts';
import type { PageDef } from '../page-list.ts';

/** Definitions of the terms, abbreviations and symbols used on the dashboard; every entry is a link target. */
export function GlossaryPage({ page }: { page: PageDef }) {
  return (
    <PageShell page={page} filters={null}>
      <FoldOnNarrow summary={`Terms: ${glossaryTerms.length} entries`}>
        <nav className="contents-list" aria-labelledby="glossary-contents">
          <h2 className="contents-list__title" id="glossary-contents">
            Terms
          </h2>
          <ul className="glossary__index">
            {glossaryTerms.map((t) => (
              <li key={t.id}>
                <a href={`#${t.id}`}>{t.term}</a>
              </li>
            ))}
          </ul>
        </nav>
      </FoldOnNarrow>
      <dl className="glossary" data-testid="glossary">
        {glossaryTerms.map((t) => (
          <div key={t.id} className="glossary__entry" id={t.id} tabIndex={-1}>
            <dt className="heading-s">
              {t.term}
              {'also' in t ? <span className="glossary__also"> ({t.also})</span> : null}
            </dt>
            <dd>{t.definition}</dd>
          </div>
        ))}
      </dl>
    </PageShell>
  );
}
