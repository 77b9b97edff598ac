import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FeedbackTheme } from '../../contract/feedback.ts';
import { ThemeDetails } from '../../web/src/pages/insights/feedback-themes.tsx';

// Issue 17, found at 360 px on the Local Offer page (fixture and 2,000-child extract): each theme's "Provision the
// comments are about" was a list of "Occupational therapy: c", "Speech and language therapy: c"… a wall of c when
// every count is too small to publish. Then the provision is named in words, once, and why there are no counts;
// a list with any published count stays a list.

const cell = (numerator: number | null, denominator: number | null) =>
  numerator === null
    ? { numerator: null, denominator: null, value: null, suppressed: true, symbol: 'c' as const, suppression_reason: 'primary' as const }
    : { numerator, denominator, value: (numerator / (denominator ?? 1)) * 100, suppressed: false, symbol: null, suppression_reason: null };
const theme = (categories: FeedbackTheme['categories']): FeedbackTheme =>
  ({
    theme: 'therapies',
    label: 'Therapies',
    description: 'Comments about therapy services.',
    comments: { value: null, symbol: 'c', suppressed: true, suppression_reason: 'primary' },
    categories,
    quotes: [],
  }) as unknown as FeedbackTheme;
/** The words under "Provision the comments are about" (the toggle's own summary, "Therapies: c comments", left out). */
const text = (t: FeedbackTheme) => {
  const markup = renderToStaticMarkup(createElement(ThemeDetails, { theme: t }));
  return markup.slice(markup.indexOf('Provision the comments are about')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
};

describe('provision named in a theme’s comments', () => {
  it('every count withheld: the provision in words, once, and why there are no counts; no list of c', () => {
    const shown = text(theme([{ category: 'OT', comments: cell(null, null) }, { category: 'SALT', comments: cell(null, null) }]));
    expect(shown).not.toMatch(/: c\b/);
    expect(shown).toMatch(/named in these comments: occupational therapy and speech and language therapy\./i);
    expect(shown).toMatch(/too small to publish/);
  });

  it('some counts published: the list, with c where a count is withheld', () => {
    const shown = text(theme([{ category: 'OT', comments: cell(9, 20) }, { category: 'SALT', comments: cell(null, null) }]));
    expect(shown).toMatch(/Occupational therapy: 9 of 20 \(45\.0%\)/);
    expect(shown).toMatch(/Speech and language therapy: c/);
  });
});
