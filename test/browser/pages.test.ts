import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueResponse } from '../../contract/indicators.ts';
import { pages } from '../../web/src/page-list.ts';
import { artifactsDir, collectErrors, launchBrowser, runAxe, screenshot, settle } from './browser.ts';
import { apiAuth, signedIn, startServer, type TestServer } from './server.ts';

// Every page at 1280 and 360 px on the synthetic extract (1,500 children; the hand-made fixture when the
// generator is not there): headings, the synthetic-data banner, no console errors, no sideways scrolling, axe
// with the WCAG 2.0–2.2 A/AA tags, and a screenshot of each into test/artifacts/screenshots.

let server: TestServer;
let browser: Browser;
let wide: Page;
let narrow: Page;
let synthetic: boolean;
const errors: string[] = [];

/** Client-side navigation, as a click on a menu link does: no reload. */
async function go(page: Page, path: string, title: string): Promise<void> {
  await page.evaluate((p) => {
    window.history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForFunction((t) => document.title.startsWith(t), title);
  await settle(page);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ extract: 'synthetic' }), launchBrowser()]);
  const catalogue = (await (await fetch(`${server.url}/api/indicators`, apiAuth)).json()) as CatalogueResponse;
  synthetic = catalogue.data.synthetic;
  wide = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
  narrow = await browser.newPage({ ...signedIn, viewport: { width: 360, height: 800 } });
  errors.push(...collectErrors(wide), ...collectErrors(narrow));
  await Promise.all([wide.goto(server.url + '/'), narrow.goto(server.url + '/')]);
  await Promise.all([settle(wide), settle(narrow)]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const narrowAxe = new Set(['overview', 'needs', 'benchmarks', 'data-quality']);

describe('every page', () => {
  // As the analyst: the admin pages (Upload, Users) have their own browser tests signed in as the admin
  // (upload.test.ts, auth.test.ts); here they would only show "no access".
  for (const def of pages.filter((p) => p.role !== 'admin')) {
    it(`${def.title}: 1280 and 360 px, one h1, banner, no errors, no axe violations`, async () => {
      // Both widths at once: the browser renders them in parallel.
      const check = async (page: Page, width: number) => {
        await go(page, def.path, def.title);
        expect(await page.locator('h1').allTextContents()).toEqual([def.title]);
        expect(await page.locator('.synthetic-banner').count(), 'banner while the data is synthetic').toBe(synthetic ? 1 : 0);
        // Charts are drawn for sight only: hidden from assistive technology and out of the tab order.
        expect(await page.locator('.recharts-wrapper:not([inert] *)').count(), 'every chart inside an inert, aria-hidden wrapper').toBe(0);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
        // axe on every page at 1280 px; at 360 px on one page of each layout (the DOM is the same, only CSS differs).
        if (width === 1280 || narrowAxe.has(def.id)) expect(await runAxe(page), `axe at ${width} px`).toEqual([]);
        await screenshot(page, `${server.extract}-${def.id}-${width}`);
      };
      await Promise.all([check(wide, 1280), check(narrow, 360)]);
      expect(errors).toEqual([]);
    });
  }
});

describe('views with breakdowns and comparators', () => {
  it('breakdown charts (with whiskers, comparator diamonds and "c") and their tables pass axe at both widths', async () => {
    const check = async (page: Page, path: string, title: string, name: string) => {
      await go(page, path, title);
      expect(await page.locator('[data-testid^="breakdown-"]').count()).toBeGreaterThan(0);
      await page.locator('[data-testid^="breakdown-"] button').first().click();
      expect(await page.locator('[data-testid^="breakdown-"] table').first().isVisible()).toBe(true);
      expect(await runAxe(page)).toEqual([]);
      await screenshot(page, `${server.extract}-${name}`);
    };
    await Promise.all([
      check(wide, '/gaps?by=provision_category&compare=region', 'Gaps', 'gaps-by-category-1280'),
      check(narrow, '/personal-budgets?by=budget_mechanism&compare=neighbours', 'Personal budgets', 'budgets-by-mechanism-360'),
    ]);
    expect(errors).toEqual([]);
  });
});

describe('speed', () => {
  it('records the time to the first chart on the Overview', async () => {
    const page = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
    // A MutationObserver from the first script on notes when the first chart line is drawn.
    await page.addInitScript(() => {
      const w = window as unknown as { firstChart?: number };
      new MutationObserver((_m, observer) => {
        if (document.querySelector('.recharts-surface path.recharts-curve')) {
          w.firstChart = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    // The fixture's Overview has no trend to draw (too few published years): then the Needs page is timed.
    const path = synthetic ? '/' : '/needs';
    await page.goto(server.url + path);
    await page.waitForFunction(() => (window as unknown as { firstChart?: number }).firstChart !== undefined, undefined, { timeout: 15_000 });
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        firstChartMs: Math.round((window as unknown as { firstChart: number }).firstChart),
        domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
      };
    });
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'first-chart.json'), JSON.stringify({ path, extract: server.extract, ...timing }, null, 2));
    console.log(`${path} (${server.extract}): first chart drawn ${timing.firstChartMs} ms after navigation start; DOMContentLoaded ${timing.domContentLoadedMs} ms`);
    expect(timing.firstChartMs).toBeLessThan(5_000);
    await page.close();
  });
});
