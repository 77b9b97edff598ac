import type { IndicatorMeta } from '../../../../contract/indicators.ts';

// Indicator search: the words people use for the same thing. A query word on the left also finds the words on the
// right (all in lower case); the catalogue's own wording is searched as it is.
export const synonyms: Record<string, string[]> = {
  ehcp: ['ehc plan', 'education, health and care'],
  ehcps: ['ehc plan', 'education, health and care'],
  ehc: ['education, health and care'],
  statement: ['ehc plan', 'education, health and care'],
  statements: ['ehc plan', 'education, health and care'],
  cna: ['child needs assessment', 'disabled children'],
  'needs assessment': ['ehc needs assessment', 'request'],
  assessment: ['request', 'assessment'],
  '20 week': ['20-week', 'timeliness', 'within 20 weeks'],
  timeliness: ['20 weeks', 'on time'],
  tribunal: ['appeal', 'send tribunal'],
  appeal: ['tribunal'],
  pb: ['personal budget'],
  phb: ['personal health budget', 'personal budget'],
  'direct payment': ['personal budget', 'direct payment'],
  pfa: ['preparing for adulthood', 'employment', 'transition'],
  'preparing for adulthood': ['employment', 'transition'],
  transition: ['adult', 'care act', 'preparing for adulthood'],
  'care act': ['transition', 'adult social care'],
  'local offer': ['local offer', 'feedback', 'directory'],
  satisfaction: ['good or very good', 'feedback'],
  complaints: ['poor or very poor', 'dissatisfaction', 'feedback'],
  'out of area': ['out-of-area', 'outside the local authority', 'away from home'],
  oola: ['out-of-area'],
  independent: ['independent special', 'non-maintained'],
  inmss: ['independent special', 'non-maintained'],
  sufficiency: ['capacity', 'places', 'demand'],
  capacity: ['places', 'demand'],
  'annual review': ['annual reviews', 'review'],
  ceased: ['ended', 'cease'],
  forecast: ['projection', 'projected', 'forecast'],
  prevalence: ['per 1,000', 'rate'],
  'continuing care': ['continuing care', 'health provision'],
  nhs: ['health', 'icb', 'continuing care'],
  icb: ['integrated care board', 'health'],
  therapy: ['provision', 'speech and language', 'occupational'],
  salt: ['speech and language', 'provision'],
};

export interface SearchResult {
  meta: IndicatorMeta;
  score: number;
  /** Where the match was, in words ("name", "definition", "another word for it: EHCP"). */
  matchedIn: string[];
}

const normalise = (text: string): string => text.toLowerCase().replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();

/** The query's words and phrases, each with the other words that count as a match for it. */
export function expandQuery(query: string): { term: string; alternatives: string[] }[] {
  const text = normalise(query);
  if (!text) return [];
  const words = text.split(' ').filter((w) => w.length > 1 || /\d/.test(w));
  const terms = words.map((w) => ({ term: w, alternatives: [w, ...(synonyms[w] ?? [])] }));
  // Phrases in the synonym list ("care act", "out of area") count as one term.
  for (const [phrase, more] of Object.entries(synonyms)) {
    if (phrase.includes(' ') && text.includes(phrase)) terms.push({ term: phrase, alternatives: [phrase, ...more] });
  }
  return terms;
}

/** Indicators matching every word of the query (or another word for it), best first: name, then definition. */
export function searchIndicators(indicators: IndicatorMeta[], query: string): SearchResult[] {
  const terms = expandQuery(query);
  if (terms.length === 0) return [];
  const results: SearchResult[] = [];
  for (const meta of indicators) {
    const title = normalise(meta.title);
    const body = normalise([meta.definition, meta.numerator, meta.denominator, meta.benchmark ?? ''].join(' '));
    let score = 0;
    const matchedIn = new Set<string>();
    let all = true;
    for (const { term, alternatives } of terms) {
      const inTitle = alternatives.some((a) => title.includes(a));
      const inBody = alternatives.some((a) => body.includes(a));
      if (!inTitle && !inBody) {
        all = false;
        break;
      }
      score += inTitle ? 3 : 1;
      if (title.includes(term)) matchedIn.add('name');
      else if (body.includes(term)) matchedIn.add('definition');
      else matchedIn.add(`another word for “${term}”`);
    }
    if (all) results.push({ meta, score, matchedIn: [...matchedIn] });
  }
  return results.sort((a, b) => b.score - a.score || a.meta.title.localeCompare(b.meta.title, 'en-GB'));
}
