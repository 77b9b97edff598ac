import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pages, type PageDef } from '../../web/src/page-list.ts';
import { authHeader } from '../helpers/auth.ts';
import { collectErrors, launchBrowser, runAxe, screenshot, settle } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

// Issue 17, "Done when": every page (the admin pages and sign-in included) at 1280 and 360 px, on the hand-made
// fixture, a generated 2,000-child extract and the default extract (the LA's published size, as `npm start` makes):
//   - axe with the WCAG 2.0–2.2 A/AA tags finds nothing, at both widths;
//   - every glossary term or symbol that appears in the page's main content (EHC plan, CNA, ICB, Local Offer,
//     confidence interval, significance, c, x, z) links to its glossary entry at least once on that page;
//   - at 360 px: no sideways scrolling of the page, the filters folded away, content (not only the header, lead and
//     filters) on the first screen (for provision gaps and the board pack, their first figure: FIRST_FIGURE), and
//     every box that scrolls sideways has a visible cue.
// One browser, one page per width, client-side navigation between pages. EVERY_PAGE_EXTRACTS chooses the extracts
// (`npm test`: fixture; `npm run soak`: 2000,default, about 5 minutes on the shared machine).

const extracts = (process.env.EVERY_PAGE_EXTRACTS ?? 'fixture').split(',').map((e) => e.trim()).filter(Boolean);

type ExtractName = 'fixture' | 'default' | number;
const parseExtract = (name: string): ExtractName => (name === 'fixture' || name === 'default' ? name : Number(name));

/** Client-side navigation, as a click on a menu link does: no reload. */
async function go(page: Page, path: string, title: string): Promise<void> {
  await page.evaluate((p) => {
    window.history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForFunction((t) => document.title.startsWith(t), title);
  // Generous: the 2,000-child and default extracts compute each page's figures on first use.
  await settle(page, 60_000);
}

/** Glossary entries that must be linked from a page whose main content shows them (issue 17, plain language). */
const TERMS: { id: string; pattern: string }[] = [
  { id: 'ehc-plan', pattern: '\\bEHC plans?\\b|education, health and care plan' },
  { id: 'cna', pattern: '\\bCNAs?\\b|child needs assessment' },
  { id: 'icb', pattern: '\\bICBs?\\b|integrated care board' },
  { id: 'local-offer', pattern: 'Local Offer' },
  { id: 'ci', pattern: 'confidence interval|95% interval|95 % interval' },
  { id: 'significance', pattern: '\\bsignificant(ly)?\\b|statistically' },
  { id: 'rounded', pattern: '\\(rounded\\)' },
];
const SYMBOLS = ['c', 'x', 'z'];

/**
 * Pages whose first figure, not only a section heading above it, must be on the first screen at 360 px: the selector
 * of that figure. Provision gaps: the first of the largest gaps (or the empty state saying there are none); board
 * pack: the key messages of its summary.
 */
const FIRST_FIGURE: Partial<Record<string, string>> = {
  'provision-gaps': '#largest-gaps [data-testid="largest-gap"], #largest-gaps .state',
  'board-pack': '.board-pack-messages',
};

interface PageReport {
  /** Terms and symbols shown in <main> without a link to their glossary entry there. */
  unlinked: string[];
  /** Scrolling boxes in <main> wider than they show, with no visible cue next to them. */
  uncued: string[];
  overflow: number;
  filtersVisible: boolean;
  /** Top of the first piece of content below the page's heading, lead, notices and filters. */
  firstContentTop: number | null;
  /** Top of the page's first figure (FIRST_FIGURE), for the pages that name one. */
  firstFigureTop: number | null;
  viewportHeight: number;
}

async function inspect(page: Page, firstFigure: string | undefined): Promise<PageReport> {
  return page.evaluate(
    ({ terms, symbols, firstFigure }) => {
      const main = document.querySelector('main') as HTMLElement;
      // checkVisibility: the content of a closed <details> keeps a layout box in Chromium, but is not visible.
      const visible = (e: Element) => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && e.checkVisibility({ visibilityProperty: true });
      };
      const linked = (id: string) => main.querySelector(`a[href$="/glossary#${id}"], a[data-glossary="${id}"]`) !== null;
      const text = main.innerText;
      const unlinked = terms.filter((t) => new RegExp(t.pattern, 'i').test(text) && !linked(t.id)).map((t) => t.id);
      const leaves = [...main.querySelectorAll('*')].filter((e) => e.children.length === 0 && !e.closest('svg') && !e.closest('.visually-hidden'));
      for (const symbol of symbols) {
        if (leaves.some((e) => e.textContent?.trim() === symbol) && !linked(`symbol-${symbol}`)) unlinked.push(`symbol-${symbol}`);
      }
      const uncued: string[] = [];
      for (const box of main.querySelectorAll('*')) {
        const style = getComputedStyle(box);
        if (!['auto', 'scroll'].includes(style.overflowX) || box.scrollWidth <= box.clientWidth + 1 || !visible(box)) continue;
        const near = [box.previousElementSibling, box.parentElement?.previousElementSibling, box.nextElementSibling].filter((e): e is Element => e !== null && e !== undefined);
        const cued = near.some((e) => (e.matches('.scroll-cue') || e.querySelector('.scroll-cue') !== null) && visible(e));
        if (!cued) uncued.push(`${box.tagName.toLowerCase()}.${[...box.classList].join('.')} "${(box.getAttribute('aria-label') ?? box.textContent ?? '').slice(0, 60)}"`);
      }
      const filterForm = main.querySelector('.filter-form');
      // Content: a section heading, table, chart, tile, summary list, form or loading/empty state that is not the
      // page's own heading, lead, notices, filters or contents list (paragraphs of notes do not count).
      const skip = '.filter-form, .filter-details, .contents-list, .lead, .caption-l, h1, [role="note"], .visually-hidden, [role="status"]';
      const content = [...main.querySelectorAll('h2, table, figure, .chart-block, dl, .tile, form, .state')].find(
        (e) => !e.closest(skip) && !e.matches('.filter-details') && visible(e),
      );
      const figure = firstFigure === undefined ? undefined : [...main.querySelectorAll(firstFigure)].find(visible);
      window.scrollTo(0, 0);
      return {
        unlinked,
        uncued,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        filtersVisible: filterForm !== null && visible(filterForm),
        firstContentTop: content ? Math.round(content.getBoundingClientRect().top + window.scrollY) : null,
        firstFigureTop: figure ? Math.round(figure.getBoundingClientRect().top + window.scrollY) : null,
        viewportHeight: window.innerHeight,
      };
    },
    { terms: TERMS, symbols: SYMBOLS, firstFigure },
  );
}

for (const name of extracts) {
  const extract = parseExtract(name);
  const label = extract === 'fixture' ? 'the fixture' : extract === 'default' ? 'the default extract' : `a ${extract.toLocaleString('en-GB')}-child extract`;
  describe(`every page on ${label}`, () => {
    let server: TestServer;
    let browser: Browser;
    let wide: Page;
    let narrow: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      [server, browser] = await Promise.all([
        extract === 'fixture' ? startServer() : startServer({ extract: 'synthetic', children: extract }),
        launchBrowser(),
      ]);
      // As the admin, who may open every page.
      wide = await browser.newPage({ extraHTTPHeaders: authHeader('admin'), viewport: { width: 1280, height: 900 } });
      narrow = await browser.newPage({ extraHTTPHeaders: authHeader('admin'), viewport: { width: 360, height: 800 } });
      errors.push(...collectErrors(wide), ...collectErrors(narrow));
      await Promise.all([wide.goto(server.url + '/'), narrow.goto(server.url + '/')]);
      await Promise.all([settle(wide), settle(narrow)]);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const check = async (def: PageDef, page: Page, width: number) => {
      await go(page, def.path, def.title);
      const report = await inspect(page, FIRST_FIGURE[def.id]);
      const axe = await runAxe(page);
      await screenshot(page, `every-page-${name}-${def.id}-${width}`);
      return { report, axe };
    };

    for (const def of pages) {
      it(`${def.title}: axe-clean at 1280 and 360 px, glossary links, usable at 360 px`, async () => {
        const [atWide, atNarrow] = await Promise.all([check(def, wide, 1280), check(def, narrow, 360)]);
        expect.soft(atWide.axe, 'axe at 1280 px').toEqual([]);
        expect.soft(atNarrow.axe, 'axe at 360 px').toEqual([]);
        if (def.id !== 'glossary') expect.soft(atWide.report.unlinked, 'terms and symbols without a glossary link').toEqual([]);
        const mobile = atNarrow.report;
        expect.soft(mobile.overflow, 'no sideways scrolling of the page at 360 px').toBeLessThanOrEqual(0);
        expect.soft(mobile.uncued, 'boxes that scroll sideways without a visible cue').toEqual([]);
        expect.soft(mobile.filtersVisible, 'filters folded away at 360 px').toBe(false);
        expect.soft(mobile.firstContentTop, 'content on the first screen at 360 px').not.toBeNull();
        expect.soft(mobile.firstContentTop ?? Infinity, 'content on the first screen at 360 px').toBeLessThan(mobile.viewportHeight - 40);
        if (FIRST_FIGURE[def.id] !== undefined) {
          expect.soft(mobile.firstFigureTop ?? Infinity, 'the first figure on the first screen at 360 px').toBeLessThan(mobile.viewportHeight - 40);
        }
        expect(errors).toEqual([]);
      });
    }

    // A figure the disclosure layer publishes with rounded counts (`rounded: true`) says "(rounded)" beside its
    // headline, and no other does: on the fixture none is rounded; on the 2,000-child extract continuing care is.
    it('indicator headlines say "(rounded)" exactly where the API row is rounded', async () => {
      const shown: { id: string; period: string; marked: boolean }[] = [];
      for (const group of ['needs', 'gaps', 'outcomes']) {
        const def = pages.find((p) => p.id === group);
        if (!def) throw new Error(`no page ${group}`);
        await go(wide, def.path, def.title);
        shown.push(
          ...(await wide.$$eval('section.indicator-section', (sections) =>
            sections.map((s) => ({
              id: s.getAttribute('data-indicator') ?? '',
              period: /, (\d{4}(?:-\d{2})?)/.exec(s.querySelector('.headline__context')?.textContent ?? '')?.[1] ?? '',
              marked: s.querySelector('.headline [data-testid="rounded-mark"]') !== null,
            })),
          )),
        );
      }
      const expected = await Promise.all(
        shown.map(async ({ id, period }) => {
          const res = await fetch(`${server.url}/api/indicators/${id}?period=all`, { headers: authHeader('admin') });
          const rows = ((await res.json()) as { rows?: { period: string; breakdown: string; rounded?: boolean }[] }).rows ?? [];
          const row = rows.find((r) => r.breakdown === 'all' && r.period === period);
          return { id, period, marked: row?.rounded === true };
        }),
      );
      expect(shown.length).toBeGreaterThan(10);
      expect(shown).toEqual(expected);
      if (extract === 2000) expect(shown.filter((s) => s.marked).map((s) => s.id)).toContain('continuing-care-with-health-provision');
    });

    it('Sign in: axe-clean at 1280 and 360 px', async () => {
      const results = await Promise.all(
        [1280, 360].map(async (width) => {
          const anonymous = await browser.newPage({ viewport: { width, height: 800 } });
          await anonymous.goto(server.url + '/sign-in');
          await anonymous.waitForSelector('main h1');
          const axe = await runAxe(anonymous);
          const overflow = await anonymous.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          await anonymous.close();
          return { axe, overflow };
        }),
      );
      expect(results).toEqual([
        { axe: [], overflow: expect.any(Number) as number },
        { axe: [], overflow: expect.any(Number) as number },
      ]);
      expect(results[1]?.overflow).toBeLessThanOrEqual(0);
    });
  });
}
