import type { ReactNode } from 'react';
import { Link } from '../router.tsx';
import { glossaryHref, glossaryTerms, type GlossaryId } from './terms.ts';

/**
 * A link from a term or symbol to its glossary entry. The children are the words on the page; the link's
 * accessible name adds "(what this means)" so a screen-reader user hears where it goes.
 */
export function GlossaryLink({ id, children }: { id: GlossaryId; children?: ReactNode }) {
  const entry = glossaryTerms.find((t) => t.id === id);
  return (
    <Link href={glossaryHref(id)} className="glossary-link" data-glossary={id}>
      {children ?? entry?.term}
      <span className="visually-hidden"> (what this means)</span>
    </Link>
  );
}
