import type { PageId } from '../page-list.ts';
import { GlossaryLink } from './glossary-link.tsx';
import { glossaryTerms, type GlossaryId } from './terms.ts';

// "Words and symbols on this page": at the foot of every page, a link to the glossary entry of each term and
// symbol the page can show, so every page links each of them at least once (issue 17) whatever its data holds.
// The lead paragraph links the first mention of its own terms too (LinkedText).

const SYMBOLS: GlossaryId[] = ['symbol-c', 'symbol-x', 'symbol-z'];
const FIGURES: GlossaryId[] = ['ci', 'significance', ...SYMBOLS, 'rounded'];

/** The terms and symbols each page can show, in the order they are listed. */
export const pageTerms: Record<PageId, GlossaryId[]> = {
  overview: ['ehc-plan', 'cna', 'local-offer', 'personal-budget', ...FIGURES],
  needs: ['ehc-plan', 'cna', 'primary-need', ...FIGURES],
  gaps: ['ehc-plan', 'ehc-needs-assessment', 'local-offer', 'icb', ...FIGURES],
  outcomes: ['ehc-plan', 'annual-review', 'local-offer', ...FIGURES],
  'local-offer': ['local-offer', 'ehc-plan', 'you-said-we-did', ...FIGURES],
  'personal-budgets': ['personal-budget', 'ehc-plan', 'cna', ...FIGURES],
  'preparing-for-adulthood': ['ehc-plan', 'cna', 'local-offer', ...FIGURES],
  'provision-gaps': ['ehc-plan', 'local-offer', 'icb', 'commissioner', 'locality', 'cna', 'median', ...SYMBOLS],
  journey: ['ehc-plan', 'ehc-needs-assessment', 'cna', 'personal-budget', 'median', ...SYMBOLS],
  forecast: ['ehc-plan', 'projection', 'ci', ...SYMBOLS],
  workload: ['ehc-plan', 'annual-review', 'cna', 'projection'],
  benchmarks: ['ehc-plan', 'statistical-neighbours', 'significance', 'cna', ...SYMBOLS],
  compare: ['ehc-plan', 'statistical-neighbours', 'cna', ...SYMBOLS],
  'overview-grid': ['ehc-plan', 'locality', 'cna', 'local-offer', 'icb', ...FIGURES],
  search: ['ehc-plan', 'cna', 'local-offer', 'icb'],
  'data-quality': ['ehc-plan', 'cna', 'local-offer', 'icb', 'synthetic'],
  glossary: [],
  export: ['ehc-plan', 'cna', 'icb', 'local-offer', ...FIGURES],
  'board-pack': ['ehc-plan', 'cna', 'local-offer', 'icb', ...FIGURES],
  upload: ['ehc-plan', 'cna', 'local-offer'],
  users: ['local-offer', 'ehc-plan'],
};

const label = (id: GlossaryId): string => {
  const entry = glossaryTerms.find((t) => t.id === id);
  if (!entry) return id;
  return 'also' in entry ? `${entry.term} (${entry.also})` : entry.term;
};

export function PageTerms({ page }: { page: PageId }) {
  const terms = pageTerms[page];
  if (terms.length === 0) return null;
  return (
    <aside className="page-terms" aria-labelledby="page-terms-heading" data-testid="page-terms">
      <h2 className="heading-s" id="page-terms-heading">
        Words and symbols on this page
      </h2>
      <ul className="page-terms__list">
        {terms.map((id) => (
          <li key={id}>
            <GlossaryLink id={id}>{label(id)}</GlossaryLink>
          </li>
        ))}
      </ul>
    </aside>
  );
}
