import { foldText } from './fold.ts';
import { findPersonNames, near } from './names.ts';
import { finders, type Finding, type IdentifierKind } from './patterns.ts';

/**
 * Which person names count: `none` (a single cell value), `near` (names within a sentence's
 * reach of another identifier: "Harry Brown DOB 2016-07-21"; what ingest redacts), or `all`
 * (any name at all: a quote shown word for word must have none).
 */
export type NameMode = 'none' | 'near' | 'all';

/** Characters between a name and another identifier for the name to go with it. */
const NAME_REACH = 60;

/** Every identifier in `text`, in order of position; overlapping spans are kept separately. */
export function findIdentifiers(text: string, names: NameMode = 'near'): Finding[] {
  const folded = foldText(text);
  const found = finders.flatMap((find) => find(folded));
  if (names === 'all' || (names === 'near' && found.length > 0)) {
    const people = findPersonNames(folded);
    found.push(...(names === 'all' ? people : people.filter((p) => found.some((f) => near(p, f, NAME_REACH)))));
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The kind of the first identifier in a value, or null. */
export function identifierKind(value: string, names: NameMode = 'none'): IdentifierKind | null {
  return findIdentifiers(value, names)[0]?.kind ?? null;
}

export const REDACTION_MARKER = '[redacted]';

export interface Redaction {
  text: string;
  /** Spans replaced (overlapping findings merged into one). */
  redactions: number;
  kinds: IdentifierKind[];
}

/** `text` with every identifier (and a name next to one) replaced by [redacted]. */
export function redactIdentifiers(text: string): Redaction {
  const found = findIdentifiers(text, 'near');
  if (found.length === 0) return { text, redactions: 0, kinds: [] };
  const merged: { start: number; end: number }[] = [];
  for (const f of found) {
    const last = merged.at(-1);
    if (last && f.start <= last.end) last.end = Math.max(last.end, f.end);
    else merged.push({ start: f.start, end: f.end });
  }
  let out = '';
  let at = 0;
  for (const m of merged) {
    out += text.slice(at, m.start) + REDACTION_MARKER;
    at = m.end;
  }
  return { text: out + text.slice(at), redactions: merged.length, kinds: [...new Set(found.map((f) => f.kind))] };
}

/** A comment that may be shown word for word: nothing redacted in it and no identifier or name at all. */
export function quotable(text: string): boolean {
  return !text.includes(REDACTION_MARKER) && findIdentifiers(text, 'all').length === 0;
}
