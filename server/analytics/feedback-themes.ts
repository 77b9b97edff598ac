// Local Offer feedback themes (GET /api/feedback/themes): each comment is given its themes by
// the lexicon classifier (feedback-classifier.ts), then counted by area, period, theme,
// provision category and "you said, we did" response, with disclosure control over all of
// it at once. Quotes are chosen deterministically from comments in which the identifier
// detector (server/identifiers) finds nothing, not even a name.
import type { Database } from '../db/database.ts';
import { quotable, REDACTION_MARKER } from '../identifiers/index.ts';
import type { Area, Period } from '../../contract/common.ts';
import { runAnalyticsQuery } from './sql.ts';
import { disclosureRule } from '../disclosure/cells.ts';
import type { CountCell, ShareCell } from '../../contract/cells.ts';
import { CountTable, shareOf, statOf, type PublishedCounts } from '../disclosure/tables.ts';
import { classifyComment } from './feedback-classifier.ts';
import type { FeedbackTheme, FeedbackThemesResponse } from '../../contract/feedback.ts';
import { lexicon } from './feedback-lexicon.ts';
import { themeIds, type ThemeId } from '../../contract/vocabularies.ts';

/** Quotes are shown only for themes with at least this many (published) comments in the view. */
export const MIN_COMMENTS_FOR_QUOTES = 8;
export const MAX_QUOTES = 3;
const QUOTE_WORDS = { min: 4, max: 60 };
const RESPONSES = ['RESPONDED', 'SERVICE_CHANGED', 'NONE', 'unknown'] as const;

interface FeedbackRow extends Record<string, unknown> {
  feedback_id: string;
  period: string;
  area_code: string;
  comment: string;
  rating: number | null;
  response: string | null;
  provision_category: string | null;
}

interface QuoteCandidate {
  text: string;
  rating: number | null;
  /** The comment carries this theme only: the clearest example of it. */
  single: boolean;
  order: number;
}

export type FeedbackThemesView = Omit<FeedbackThemesResponse, 'data' | 'query'>;

export interface FeedbackThemesModel {
  view(area: Area, period: Period): FeedbackThemesView;
  /** Suppressed counts still exactly recoverable from the published ones (none expected). */
  audit(): string[];
}

const scope = (period: string, theme?: ThemeId, part?: string): string =>
  theme === undefined ? `${period}|comments` : part === undefined ? `${period}|t=${theme}` : `${period}|t=${theme}|${part}`;

/** FNV-1a: a stable, unbiased order for picking quotes (not by date, rating or length). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export async function computeFeedbackThemes(db: Database, areas: readonly Area[], periods: readonly Period[], threshold: number): Promise<FeedbackThemesModel> {
  const counted = countComments(await runAnalyticsQuery<FeedbackRow>(db, 'feedback-comments'));
  const { table, categoriesSeen } = counted;
  // A theme's comments are the sum of its categories, and of its responses.
  for (const a of areas) {
    for (const p of periods) {
      for (const theme of themeIds) {
        const categories = categoriesSeen.get(scope(p.period, theme));
        if (!categories) continue;
        table.additive(a.area_code, scope(p.period, theme), [...categories].map((c) => scope(p.period, theme, `cat=${c}`)));
        table.additive(a.area_code, scope(p.period, theme), RESPONSES.map((r) => scope(p.period, theme, `resp=${r}`)));
      }
    }
  }
  const published = table.publish(threshold, areas);
  // The detector (names by a tagger: about a millisecond a comment) runs only on comments about
  // to be quoted, once each.
  const checked = new Map<string, boolean>();
  const mayQuote = (text: string): boolean => {
    let ok = checked.get(text);
    if (ok === undefined) checked.set(text, (ok = quotable(text)));
    return ok;
  };
  const model: ThemesModel = { ...counted, published, periods, threshold, mayQuote };
  return { audit: () => published.audit(), view: (area, period) => themesView(model, area, period) };
}

/** Every comment counted under each of its themes, by area, period, category and response. */
function countComments(rows: readonly FeedbackRow[]) {
  const table = new CountTable();
  const ratingSums = new Map<string, number>();
  const categoriesSeen = new Map<string, Set<string>>(); // period|theme -> categories
  const candidates = new Map<string, QuoteCandidate[]>(); // area|period|theme
  const themesById = new Map<string, ThemeId[]>();
  for (const r of rows) {
    let themes = themesById.get(r.feedback_id);
    if (!themes) {
      themes = classifyComment(r.comment);
      themesById.set(r.feedback_id, themes);
    }
    const area = r.area_code;
    table.add(area, scope(r.period));
    const category = r.provision_category ?? 'unknown';
    for (const theme of themes) {
      table.add(area, scope(r.period, theme));
      table.add(area, scope(r.period, theme, `cat=${category}`));
      table.add(area, scope(r.period, theme, `resp=${r.response ?? 'unknown'}`));
      const seen = categoriesSeen.get(scope(r.period, theme)) ?? new Set<string>();
      categoriesSeen.set(scope(r.period, theme), seen.add(category));
      if (r.rating !== null) {
        table.add(area, scope(r.period, theme, 'rated'));
        const key = `${area}|${scope(r.period, theme)}`;
        ratingSums.set(key, (ratingSums.get(key) ?? 0) + r.rating);
      }
      const words = r.comment.trim().split(/\s+/).length;
      if (!r.comment.includes(REDACTION_MARKER) && words >= QUOTE_WORDS.min && words <= QUOTE_WORDS.max) {
        const key = `${area}|${scope(r.period, theme)}`;
        const text = r.comment.trim().replace(/\s+/g, ' ');
        const list = candidates.get(key) ?? [];
        list.push({ text, rating: r.rating, single: themes.length === 1, order: fnv1a(`${theme}\u0000${text.toLowerCase()}`) });
        candidates.set(key, list);
      }
    }
  }
  return { table, ratingSums, categoriesSeen, candidates };
}

/** What a view is sliced from: the published counts and what the counting kept beside them. */
interface ThemesModel {
  published: PublishedCounts;
  ratingSums: Map<string, number>;
  categoriesSeen: Map<string, Set<string>>;
  candidates: Map<string, QuoteCandidate[]>;
  periods: readonly Period[];
  threshold: number;
  mayQuote: (text: string) => boolean;
}

function themesView(model: ThemesModel, area: Area, period: Period): FeedbackThemesView {
  const { published, threshold } = model;
  const total = published.get(area.area_code, scope(period.period));
  return {
    area,
    period,
    disclosure: { threshold, rule: disclosureRule(threshold) },
    method: {
      summary:
        'Each comment is matched, word by word, against a lexicon of phrases per theme (server/analytics/feedback-lexicon.ts). A comment carries every theme with a matching phrase, except phrases inside an exclusion ("can\'t wait", "speech delay") or a denial in the same clause ("no problems with transport"); a comment with none is "other". Measured against a hand-labelled sample of 125 comments (test/fixtures/feedback-sample).',
      quotes: `Up to ${MAX_QUOTES} comments per theme, only for themes with at least ${MIN_COMMENTS_FOR_QUOTES} published comments in the area and period; never a comment that needed redaction or in which the identifier detector still finds anything, a personal name included (server/identifiers), or one under ${QUOTE_WORDS.min} or over ${QUOTE_WORDS.max} words. Chosen in a fixed pseudo-random order (a hash of the text), preferring comments with this theme only and one low, middling and high rating where there are such.`,
      min_comments_for_quotes: MIN_COMMENTS_FOR_QUOTES,
    },
    comments: total,
    themes: themeIds.map((theme) => themeView(model, area, period, theme, total)),
  };
}

function themeView(model: ThemesModel, area: Area, period: Period, theme: ThemeId, total: CountCell): FeedbackTheme {
  const { published, ratingSums, categoriesSeen, candidates, mayQuote } = model;
  const get = (s: string): CountCell => published.get(area.area_code, s);
  const sameType = model.periods.filter((p) => p.period_type === period.period_type);
  const comments = get(scope(period.period, theme));
  const rated = get(scope(period.period, theme, 'rated'));
  const ratingSum = ratingSums.get(`${area.area_code}|${scope(period.period, theme)}`) ?? 0;
  const response = (r: (typeof RESPONSES)[number]): ShareCell => shareOf(get(scope(period.period, theme, `resp=${r}`)), comments);
  return {
    theme,
    label: theme === 'other' ? 'Other' : lexicon[theme].label,
    description: theme === 'other' ? 'Comments that raise none of the themes above.' : lexicon[theme].description,
    comments,
    share: shareOf(comments, total),
    rated,
    mean_rating: statOf(rated.value ? ratingSum / rated.value : null, rated),
    responses: {
      responded: response('RESPONDED'),
      service_changed: response('SERVICE_CHANGED'),
      none: response('NONE'),
      not_recorded: response('unknown'),
    },
    categories: categoryRows(published, area, period, theme, categoriesSeen.get(scope(period.period, theme)), comments),
    trend: sameType.map((p) => {
      const n = get(scope(p.period, theme));
      return { period: p.period, comments: n, share: shareOf(n, get(scope(p.period))) };
    }),
    quotes:
      !comments.suppressed && (comments.value ?? 0) >= MIN_COMMENTS_FOR_QUOTES
        ? pickQuotes(candidates.get(`${area.area_code}|${scope(period.period, theme)}`) ?? [], mayQuote)
        : [],
  };
}

function categoryRows(
  published: PublishedCounts,
  area: Area,
  period: Period,
  theme: ThemeId,
  categories: ReadonlySet<string> | undefined,
  comments: CountCell,
): FeedbackTheme['categories'] {
  const rows = [...(categories ?? [])]
    .map((category) => ({ category, count: published.get(area.area_code, scope(period.period, theme, `cat=${category}`)) }))
    .filter((r) => r.count.suppressed || (r.count.value ?? 0) > 0)
    .map((r) => ({ category: r.category, comments: shareOf(r.count, comments) }));
  // Published counts first, largest first; suppressed ones after, by name, so the order
  // does not hint at their size.
  return rows.sort(
    (a, b) =>
      Number(a.comments.suppressed) - Number(b.comments.suppressed) ||
      (a.comments.suppressed ? 0 : (b.comments.numerator ?? 0) - (a.comments.numerator ?? 0)) ||
      a.category.localeCompare(b.category),
  );
}

/**
 * Deterministic quotes: distinct texts in hash order, comments with this theme only first;
 * one each from low (1-2), middling (3 or none) and high (4-5) ratings where there are such,
 * then the next in order.
 */
export function pickQuotes(candidates: readonly QuoteCandidate[], mayQuote: (text: string) => boolean = () => true): string[] {
  const distinct = new Map<string, QuoteCandidate>();
  for (const c of [...candidates].sort((a, b) => Number(b.single) - Number(a.single) || a.order - b.order || a.text.localeCompare(b.text))) {
    const key = c.text.toLowerCase();
    if (!distinct.has(key)) distinct.set(key, c);
  }
  // Checked lazily, in order: the detector runs on a few comments per theme, not on all of them.
  const ordered = [...distinct.values()];
  const allowed = (c: QuoteCandidate): boolean => mayQuote(c.text);
  const tone = (c: QuoteCandidate) => (c.rating === null || c.rating === 3 ? 'middling' : c.rating <= 2 ? 'low' : 'high');
  const picked: QuoteCandidate[] = [];
  for (const wanted of ['low', 'middling', 'high']) {
    const c = ordered.find((q) => tone(q) === wanted && allowed(q));
    if (c && picked.length < MAX_QUOTES) picked.push(c);
  }
  for (const c of ordered) {
    if (picked.length >= MAX_QUOTES) break;
    if (!picked.includes(c) && allowed(c)) picked.push(c);
  }
  return picked.map((c) => c.text);
}
