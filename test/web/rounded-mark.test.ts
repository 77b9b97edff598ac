import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { IndicatorRow } from '../../contract/indicators.ts';
import { Headline } from '../../web/src/components/indicator-section/headline.tsx';
import { TrendTable } from '../../web/src/components/indicator-section/trend-table.tsx';
import type { Filters } from '../../web/src/filters.ts';
import { glossaryTerms } from '../../web/src/glossary/terms.ts';
import { TrendTable as PackTrendTable } from '../../web/src/pages/board-pack/indicator-card.tsx';
import { SummaryTable } from '../../web/src/pages/board-pack/summary-table.tsx';
import { roundedRows } from '../helpers/rounded-rows.ts';

// Issue 17, "rounded" figures shown to readers: an LA total the disclosure layer publishes with its counts rounded
// to the nearest 5 (`rounded: true`) looked exact on the dashboard: 95.0% of 100, next to exact figures. Every place
// that shows such a row's figure now says "(rounded)" beside it, in words (not colour), as a link to the glossary's
// entry, which explains it; an exact row has no mark. Rendered as the browser renders them (React, static markup).

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);
/** The text of each <td>/<th> of a rendered row, tags dropped. */
const cells = (markup: string, rowIndex: number): string[] => {
  const rows = markup.split(/<tr[ >]/).slice(1);
  return [...(rows[rowIndex] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));
};
const MARK = /<a href="\/glossary#rounded"[^>]*>rounded<span class="visually-hidden"> to the nearest 5<\/span>/;

describe('"(rounded)" beside a figure published with rounded counts', () => {
  it('the glossary explains it', () => {
    const entry = glossaryTerms.find((t) => t.id === 'rounded');
    expect(entry?.definition).toMatch(/nearest 5/);
    expect(entry?.definition).toMatch(/privacy/);
  });

  it('indicator section: the headline figure and the trend table value, numerator and denominator; not on an exact row', async () => {
    const { meta, la, north } = await roundedRows();
    const headline = html(createElement(Headline, { meta, row: la, compare: 'england' }));
    expect(headline).toMatch(MARK);
    expect(html(createElement(Headline, { meta, row: north, compare: 'la' }))).not.toMatch(/glossary#rounded/);

    const table = html(createElement(TrendTable, { meta, rows: [la, { ...north, period: '2021' } as IndicatorRow], compare: 'england', caption: 'Trend', projected: new Set<string>() }));
    const [year, value, , , numerator, denominator] = cells(table, 1);
    expect([year, value, numerator, denominator]).toEqual(['2022', '95.0% (rounded to the nearest 5 (what this means))', '95 (rounded to the nearest 5 (what this means))', '100 (rounded to the nearest 5 (what this means))']);
    expect(cells(table, 2).join(' ')).not.toMatch(/rounded/);
    // A key under the table says what the mark means, in words.
    expect(table).toMatch(/Rounded: the counts are rounded to the nearest 5/);
  });

  it('board pack: the summary table and the card trend table', async () => {
    const { meta, la, north } = await roundedRows();
    const area = { area_code: 'LA', area_name: 'The LA', area_type: 'la', parent_code: null };
    const filters = { area, la: area, period: '2022', periodType: 'calendar-year', by: 'all', compare: 'england', comparators: [], notices: [], aggregateAreas: false } as unknown as Filters;
    const summary = html(createElement(SummaryTable, { items: [{ meta, row: la, trend: [la], exact: true }], filters }));
    expect(cells(summary, 1)[1]).toBe('95.0% (rounded to the nearest 5 (what this means))');
    // 2021: an exact 40 of 40 for the same LA.
    const exact2021: IndicatorRow = { ...north, area_code: 'LA', area_name: 'The LA', period: '2021' };
    const trend = html(createElement(PackTrendTable, { item: { meta, row: la, trend: [exact2021, la], exact: true }, compare: 'england', compareLabel: 'England' }));
    expect(cells(trend, 1)).toEqual(['The LA', '100.0%', '95.0% (rounded to the nearest 5 (what this means))']);
  });
});
