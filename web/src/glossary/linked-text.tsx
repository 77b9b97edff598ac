import type { ReactNode } from 'react';
import { GlossaryLink } from './glossary-link.tsx';
import type { GlossaryId } from './terms.ts';

// Plain text with the first mention of each glossary term linked to its entry, so a reader meets the link where
// the word first appears (issue 17: the glossary linked wherever a term appears).

/** Words that name a glossary term in running text, longest first so "EHC plans" wins over "EHC plan". */
const TERM_WORDS: readonly { id: GlossaryId; pattern: RegExp }[] = [
  { id: 'ehc-plan', pattern: /\bEHC plans?\b|\beducation, health and care plans?\b/i },
  { id: 'cna', pattern: /\bchild needs assessments?\b|\bCNAs?\b|\bsocial care assessments?\b/i },
  { id: 'icb', pattern: /\bintegrated care boards?\b|\bICBs?\b/i },
  { id: 'local-offer', pattern: /\bLocal Offer\b/ },
  { id: 'ci', pattern: /\b(95% )?confidence intervals?\b/i },
  { id: 'statistical-neighbours', pattern: /\bstatistical neighbours\b/i },
  { id: 'send', pattern: /\bSEND\b/ },
  { id: 'personal-budget', pattern: /\bpersonal budgets?\b/i },
  { id: 'annual-review', pattern: /\bannual reviews?\b/i },
  { id: 'projection', pattern: /\bprojections?\b/i },
];

interface Match {
  id: GlossaryId;
  start: number;
  end: number;
}

function firstMatches(text: string): Match[] {
  const found: Match[] = [];
  for (const { id, pattern } of TERM_WORDS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const match = { id, start: m.index, end: m.index + m[0].length };
    // A term inside another's words ("SEND" in "...SEND...", "Local Offer" inside a longer match) is left alone.
    if (found.some((f) => match.start < f.end && f.start < match.end)) continue;
    found.push(match);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text with the first mention of each glossary term as a link to its entry. */
export function LinkedText({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const m of firstMatches(text)) {
    parts.push(text.slice(at, m.start));
    parts.push(
      <GlossaryLink key={m.id} id={m.id}>
        {text.slice(m.start, m.end)}
      </GlossaryLink>,
    );
    at = m.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
