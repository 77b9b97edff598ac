// Theme classifier for Local Offer feedback comments: whole-word phrase matching against the
// lexicon in feedback-lexicon.ts, with exclusions and "no problems with ..." denials.
// Offline, deterministic and explainable: `explainComment` returns every phrase that matched
// and whether it counted.
import {
  clauseBreakWords,
  lexicon,
  negationSuffix,
  negationWords,
  numberWords,
  problemWords,
  type MatchedThemeId,
} from './feedback-lexicon.ts';
import { themeIds, type ThemeId } from '../../contract/vocabularies.ts';

type Slot =
  | { kind: 'gap' }
  | { kind: 'words'; exact: ReadonlySet<string>; stems: readonly string[]; number: boolean; optional: boolean };

interface Pattern {
  source: string;
  slots: Slot[];
}

const GAP_MAX = 3;
const DENIAL_SPAN = 3; // negation word to problem word
const DENIAL_AFTER = 6; // problem word to the start of a denied phrase
const DENIAL_BEFORE = 5; // end of a denied phrase to the negation word

const numberSet = new Set(numberWords);

export function compilePattern(source: string): Pattern {
  const slots = source
    .trim()
    .split(/\s+/)
    .map((item): Slot => {
      if (item === '~') return { kind: 'gap' };
      const optional = item.endsWith('?');
      const alternatives = (optional ? item.slice(0, -1) : item).split('|').filter((a) => a !== '');
      if (alternatives.length === 0) throw new Error(`empty slot in lexicon phrase "${source}"`);
      return {
        kind: 'words',
        exact: new Set(alternatives.filter((a) => !a.endsWith('*') && a !== '#')),
        stems: alternatives.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1)),
        number: alternatives.includes('#'),
        optional,
      };
    });
  if (!slots.some((s) => s.kind === 'words' && !s.optional)) throw new Error(`lexicon phrase "${source}" has no required word`);
  return { source, slots };
}

function slotAccepts(slot: Extract<Slot, { kind: 'words' }>, token: string): boolean {
  return (
    slot.exact.has(token) ||
    slot.stems.some((stem) => token.startsWith(stem)) ||
    (slot.number && (/^\d+$/.test(token) || numberSet.has(token)))
  );
}

/** End indexes (exclusive) of every way `slots[i..]` can match starting at token `at`. */
function matchFrom(slots: readonly Slot[], i: number, tokens: readonly string[], at: number, ends: Set<number>): void {
  if (i === slots.length) {
    ends.add(at);
    return;
  }
  const slot = slots[i]!;
  if (slot.kind === 'gap') {
    for (let skip = 0; skip <= GAP_MAX && at + skip <= tokens.length; skip++) matchFrom(slots, i + 1, tokens, at + skip, ends);
    return;
  }
  if (slot.optional) matchFrom(slots, i + 1, tokens, at, ends);
  const token = tokens[at];
  if (token !== undefined && slotAccepts(slot, token)) matchFrom(slots, i + 1, tokens, at + 1, ends);
}

interface Span {
  start: number;
  /** Last token index (inclusive). */
  end: number;
}

function findSpans(pattern: Pattern, tokens: readonly string[]): Span[] {
  const spans: Span[] = [];
  const first = pattern.slots[0];
  // A phrase cannot start with a gap (compilePattern's callers never write one); a required
  // first word rules out most starting points at once.
  if (first === undefined || first.kind === 'gap') return spans;
  for (let start = 0; start < tokens.length; start++) {
    if (!first.optional && !slotAccepts(first, tokens[start]!)) continue;
    const ends = new Set<number>();
    matchFrom(pattern.slots, 0, tokens, start, ends);
    let longest = -1;
    for (const e of ends) if (e > start && e > longest) longest = e;
    if (longest > start) spans.push({ start, end: longest - 1 });
  }
  return spans;
}

/** Lower-case clauses of word tokens. */
export function tokenizeClauses(text: string): string[][] {
  const normalised = text.toLowerCase().replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'");
  const clauses: string[][] = [];
  for (const part of normalised.split(/[.!?;:,()[\]{}"\n\r\u2013\u2014]+|\s-+\s/)) {
    let clause: string[] = [];
    for (const token of part.match(/[a-z0-9]+(?:'[a-z]+)*/g) ?? []) {
      if (clauseBreakWords.includes(token)) {
        if (clause.length) clauses.push(clause);
        clause = [];
      } else {
        clause.push(token);
      }
    }
    if (clause.length) clauses.push(clause);
  }
  return clauses;
}

const isNegation = (token: string): boolean => negationWords.includes(token) || token.endsWith(negationSuffix);

/** (negation word, problem word) index pairs in a clause. */
function denials(tokens: readonly string[]): { negation: number; problem: number }[] {
  const found: { negation: number; problem: number }[] = [];
  tokens.forEach((token, negation) => {
    if (!isNegation(token)) return;
    for (let problem = negation + 1; problem <= negation + DENIAL_SPAN && problem < tokens.length; problem++) {
      if (problemWords.includes(tokens[problem]!)) {
        found.push({ negation, problem });
        break;
      }
    }
  });
  return found;
}

const compiled = themeIds
  .filter((t): t is MatchedThemeId => t !== 'other')
  .map((theme) => ({
    theme,
    phrases: lexicon[theme].phrases.map(compilePattern),
    exclude: (lexicon[theme].exclude ?? []).map(compilePattern),
  }));

export interface ThemeMatch {
  theme: MatchedThemeId;
  /** The lexicon phrase. */
  phrase: string;
  /** The words it matched. */
  text: string;
  /** Ignored: inside an exclusion ("can't wait") or a denial ("no problems with transport"). */
  ignored: 'excluded' | 'denied' | null;
}

export interface Classification {
  themes: ThemeId[];
  matches: ThemeMatch[];
}

/** Every phrase that matched a comment, and the themes that follow (in lexicon order). */
export function explainComment(comment: string): Classification {
  const matches: ThemeMatch[] = [];
  for (const tokens of tokenizeClauses(comment)) {
    const clauseDenials = denials(tokens);
    for (const { theme, phrases, exclude } of compiled) {
      let excluded: Span[] | null = null; // worked out only once a phrase has matched
      for (const phrase of phrases) {
        for (const span of findSpans(phrase, tokens)) {
          excluded ??= exclude.flatMap((p) => findSpans(p, tokens));
          const overlapsExclusion = excluded.some((x) => x.start <= span.end && span.start <= x.end);
          const denied = clauseDenials.some(
            (d) =>
              (span.start > d.problem && span.start - d.problem <= DENIAL_AFTER) ||
              (d.negation > span.end && d.negation - span.end <= DENIAL_BEFORE),
          );
          matches.push({
            theme,
            phrase: phrase.source,
            text: tokens.slice(span.start, span.end + 1).join(' '),
            ignored: overlapsExclusion ? 'excluded' : denied ? 'denied' : null,
          });
        }
      }
    }
  }
  const counted = new Set(matches.filter((m) => m.ignored === null).map((m) => m.theme));
  const themes = themeIds.filter((t) => t !== 'other' && counted.has(t));
  return { themes: themes.length ? themes : ['other'], matches };
}

const memo = new Map<string, ThemeId[]>();
const MEMO_LIMIT = 50_000;

/** The themes a comment carries: one or more, or ['other'] when none matches. */
export function classifyComment(comment: string): ThemeId[] {
  let themes = memo.get(comment);
  if (!themes) {
    themes = explainComment(comment).themes;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(comment, themes);
  }
  return [...themes];
}
