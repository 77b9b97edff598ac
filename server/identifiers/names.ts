import nlp from 'compromise';
import { dobWordPattern, matches, type Finding } from './patterns.ts';

// Personal names. compromise (a rule-based English tagger: lexicon plus grammar, so "Harry
// Brown" and "Mrs Patel" are people but "Park View Academy" and "Year 7" are not) finds
// them; a name list alone would miss surnames and take place names for people. Tagging
// costs about a millisecond a comment, so it runs only where a name would identify someone:
// near another identifier (ingest redaction) or on a comment about to be quoted.

/** Person names compromise finds in `text` (offsets into it, trailing punctuation dropped). */
export function findPersonNames(text: string): Finding[] {
  const people = nlp(text).people().json({ offset: true }) as { offset?: { start: number; length: number } }[];
  const out: Finding[] = [];
  for (const p of people) {
    if (!p.offset) continue;
    let end = p.offset.start + p.offset.length;
    while (end > p.offset.start && /[\s.,;:!?'")\]]/.test(text[end - 1] ?? '')) end--;
    if (end > p.offset.start) out.push({ kind: 'person name', start: p.offset.start, end });
  }
  return [...out, ...namesBeforeDobWords(text)];
}

/**
 * One to three capitalised words right before "DOB"/"born"/"date of birth" ("Harry Brown DOB"):
 * in that place they are a name even when the tagger does not know it.
 */
function namesBeforeDobWords(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of matches(dobWordPattern, text)) {
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const name = /((?:[A-Z][a-z'’-]+\s+){0,2}[A-Z][a-z'’-]+)[\s,:(-]*(?:was\s+|is\s+)?$/.exec(before);
    if (!name?.[1] || /^(?:My|His|Her|Their|The|Our|He|She|They|It|I|We|You|Who|Baby|Child|Son|Daughter|Pupil|Student|Twins)$/.test(name[1])) continue;
    const start = m.index - before.length + (name.index ?? 0);
    out.push({ kind: 'person name', start, end: start + name[1].length });
  }
  return out;
}

/** Whether two spans lie within `gap` characters of each other. */
export const near = (a: Finding, b: Finding, gap: number): boolean => a.start <= b.end + gap && b.start <= a.end + gap;
