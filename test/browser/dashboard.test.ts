import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkResponse, CatalogueResponse, IndicatorResponse } from '../../contract/indicators.ts';
import { formatValue, withUnit } from '../../web/src/format.ts';
import { artifactsDir, collectErrors, launchBrowser, runAxe, screenshot, settle } from './browser.ts';
import { apiAuth, signedIn, startServer, type TestServer, webDist } from './server.ts';

// The dashboard on the hand-made fixture (test/fixtures/small-extract), whose figures are worked out by hand
// in test/api: e.g. 12 active plans over 5,000 residents = 2.4 per 1,000 in 2024.

let server: TestServer;
let browser: Browser;
let catalogue: CatalogueResponse;

async function api<T>(path: string): Promise<T> {
  const response = await fetch(server.url + path, apiAuth);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** A new browser page at a width, opened at a path; its console errors are collected. */
async function open(path: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ ...signedIn, viewport: { width, height: 900 } });
  const errors = collectErrors(page);
  await page.goto(server.url + path);
  await settle(page);
  return { page, errors };
}

let shared: Page;
const sharedErrors: string[] = [];

/** The shared page, moved to a path as a menu link does (no reload), for the read-only checks. */
async function visit(path: string, title: string): Promise<Page> {
  await shared.evaluate((p) => {
    window.history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await shared.waitForFunction((t) => document.title.startsWith(`${t} – `), title);
  await settle(shared);
  return shared;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ extract: 'fixture' }), launchBrowser()]);
  catalogue = await api<CatalogueResponse>('/api/indicators');
  ({ page: shared } = await open('/'));
  sharedErrors.push(...collectErrors(shared));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('pages', () => {
  it('an unknown address shows "Page not found" and passes axe', async () => {
    const page = await visit('/no-such-page', 'Page not found');
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(await runAxe(page)).toEqual([]);
  });
});

describe('figures shown equal the API', () => {
  it('Overview: EHC plans per 1,000 is 2.4 per 1,000 for Leeds in 2024, and every tile shows the API figure', async () => {
    const body = await api<IndicatorResponse>('/api/indicators/ehc-plans-rate?period=all');
    expect(body.rows.find((r) => r.period === '2024')?.value).toBe(2.4);
    const page = await visit('/', 'Overview');
    const tile = page.locator('.tile[data-indicator="ehc-plans-rate"]');
    expect(await tile.getByTestId('headline-value').textContent()).toBe('2.4');
    expect(await tile.locator('.tile__unit').textContent()).toBe(' per 1,000');
    expect(await tile.locator('.tile__context').textContent()).toContain('Leeds, 2024');
    expect(await tile.getByTestId('summary').textContent()).toContain('In 2024, the figure for Leeds was 2.4 per 1,000');

    const ids = await page.locator('.tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-indicator') ?? ''));
    expect(ids.length).toBeGreaterThan(2);
    for (const id of ids) {
      const indicator = await api<IndicatorResponse>(`/api/indicators/${id}?period=all`);
      const row = indicator.rows.find((r) => r.period === '2024' && r.breakdown === 'all');
      const shown = await page.locator(`.tile[data-indicator="${id}"] [data-testid="headline-value"]`).textContent();
      expect(shown, id).toBe(formatValue(row?.value ?? null, indicator.indicator, row?.symbol ?? null));
    }
  });

  for (const group of ['needs', 'gaps', 'outcomes'] as const) {
    it(`${group}: each indicator's headline and trend table equal the API`, async () => {
      const page = await visit(`/${group}`, group.charAt(0).toUpperCase() + group.slice(1));
      const metas = catalogue.indicators.filter((m) => m.group === group);
      expect(await page.locator('section.indicator-section').count()).toBe(metas.length);
      for (const meta of metas) {
        const body = await api<IndicatorResponse>(`/api/indicators/${meta.id}?period=all`);
        const section = page.locator(`section#${meta.id}`);
        const rows = body.rows.filter((r) => r.breakdown === 'all');
        const trend = section.getByTestId(`trend-${meta.id}`);
        if ((await trend.count()) === 0) continue; // a share of a whole: shown as its parts
        const row = rows.find((r) => r.period === '2024');
        expect(await section.getByTestId('headline-value').textContent(), meta.id).toBe(formatValue(row?.value ?? null, meta, row?.symbol ?? null));
        await trend.getByRole('button', { name: /Show as table/ }).click();
        const table = trend.locator('table');
        expect(await table.isVisible()).toBe(true);
        for (const r of rows) {
          expect(await table.getByTestId(`value-${r.period}`).textContent(), `${meta.id} ${r.period}`).toBe(withUnit(r.value, meta, r.symbol));
        }
      }
      });
  }

  it('Benchmarks: the spine table and the ranking equal /api/benchmarks', async () => {
    const page = await visit('/benchmarks', 'Benchmarks');
    const benchmark = await api<BenchmarkResponse>('/api/benchmarks/ehc-plans-rate?period=2024');
    const spine = page.getByTestId('spine-chart');
    // The spine draws a row per indicator with a published distribution (its IQR bar among them).
    expect(await spine.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await spine.getByRole('button', { name: /Show as table/ }).click();
    const laCell = spine.locator('tr[data-indicator="ehc-plans-rate"] [data-testid="spine-la-value"]');
    expect(await laCell.textContent()).toBe(formatValue(benchmark.la_value, benchmark.indicator));

    // Neighbours are marked by pattern and a triangle, not colour alone.
    const ranked = page.getByTestId('ranked-chart');
    expect(await ranked.locator('pattern').count()).toBe(1);
    expect(await ranked.locator('.recharts-bar-rectangle path[fill^="url(#"]').count()).toBe(benchmark.las.filter((l) => l.neighbour).length);

    // Choose another indicator to rank: the URL records it, the ranking follows the API.
    await page.selectOption('#filter-indicator', 'ehc-20-week-timeliness');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await settle(page);
    expect(new URL(page.url()).searchParams.get('indicator')).toBe('ehc-20-week-timeliness');
    const timeliness = await api<BenchmarkResponse>('/api/benchmarks/ehc-20-week-timeliness?period=2024');
    const top = [...timeliness.las].filter((l) => l.value !== null).sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
    await page.getByTestId('ranked-chart').getByRole('button', { name: /Show as table/ }).click();
    const firstRow = page.getByTestId('ranked-chart').locator('tbody tr').first();
    expect(await firstRow.locator('th').textContent()).toContain(top?.area_name ?? '?');
    expect(await firstRow.locator('td').nth(1).textContent()).toBe(formatValue(top?.value ?? null, timeliness.indicator));
  });

  it('Data quality: rows read, loaded and rejected, and rejects by reason, equal /api/data-status', async () => {
    const status = await api<{
      data: { extract_date: string };
      files: { rows_read: number; rows_loaded: number; rows_rejected: number }[];
      quarantine: unknown[];
    }>('/api/data-status');
    const page = await visit('/data-quality', 'Data quality');
    const sum = (k: 'rows_read' | 'rows_loaded' | 'rows_rejected') => status.files.reduce((s, f) => s + f[k], 0);
    const summary = await page.getByTestId('rows-summary').textContent();
    expect(summary).toContain(`${sum('rows_read')} read, ${sum('rows_loaded')} loaded, ${sum('rows_rejected')} rejected`);
    expect(await page.getByTestId('extract-date').textContent()).toBe('16 January 2025');
    expect(await page.locator('section[aria-labelledby="dq-rejected"] tbody tr').count()).toBe(status.quarantine.length);
    expect(await page.locator('section[aria-labelledby="dq-files"] tbody tr').count()).toBe(status.files.length);
  });

  it('Export: workbook, CSV and API links for every indicator, and they answer', async () => {
    const page = await visit('/export', 'Export');
    const hrefs = async (prefix: string) => page.locator(`main a[href^="${prefix}"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const json = await hrefs('/api/indicators/');
    const exports = await hrefs('/api/export/');
    expect(json.length).toBeGreaterThanOrEqual(catalogue.indicators.length);
    // The chapter workbooks (the bulk download's links are checked in new-pages.test.ts).
    expect(exports.filter((h) => h.includes('.xlsx') && !h.startsWith('/api/export/bulk/'))).toEqual(['/api/export/needs.xlsx', '/api/export/gaps.xlsx', '/api/export/outcomes.xlsx', '/api/export/all.xlsx']);
    // One every-year CSV per indicator, and one CSV per breakdown of each (issue 17: breakdowns as CSV, not JSON);
    // the analytics tables' CSVs under /api/export/analytics/ are checked in downloads.test.ts.
    const indicatorCsvs = exports.filter((h) => /^\/api\/export\/[^/]+\.csv\?/.test(h));
    expect(indicatorCsvs.filter((h) => h.includes('period=all')).length).toBe(catalogue.indicators.length);
    const breakdowns = catalogue.indicators.reduce((n, m) => n + m.breakdowns.filter((b) => b !== 'all').length, 0);
    expect(indicatorCsvs.filter((h) => h.includes('by=')).length).toBe(breakdowns);
    for (const href of [...json.slice(0, 3), ...exports.filter((h) => h.includes('.csv')).slice(0, 3)]) {
      expect((await fetch(server.url + href, apiAuth)).status, href).toBe(200);
    }
  });
});

describe('filters live in the URL', () => {
  it('Apply filters writes area, year, breakdown and comparator to the URL; Back and Forward restore the view', async () => {
    const { page } = await open('/needs');
    const headline = page.locator('section#ehc-plans-rate [data-testid="headline-value"]');
    expect(await headline.textContent()).toBe('2.4');

    await page.selectOption('#filter-area', 'E08000035:north');
    await page.selectOption('#filter-period', '2023');
    await page.selectOption('#filter-by', 'sex');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await settle(page);
    const query = new URL(page.url()).searchParams;
    expect(Object.fromEntries(query)).toEqual({ area: 'E08000035:north', period: '2023', by: 'sex', compare: 'la' });
    expect(await page.locator('.caption-l').textContent()).toBe('North locality, Leeds, 2023, compared with Leeds (whole local authority)');
    const north = await api<IndicatorResponse>('/api/indicators/ehc-plans-rate?period=all&area=E08000035:north');
    const north2023 = north.rows.find((r) => r.period === '2023');
    expect(await headline.textContent()).toBe(formatValue(north2023?.value ?? null, north.indicator, north2023?.symbol ?? null));
    expect(await page.getByTestId('breakdown-ehc-plans-rate').count()).toBe(1);
    await screenshot(page, 'fixture-needs-filtered-1280');

    await page.goBack();
    await settle(page);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.inputValue('#filter-area')).toBe('E08000035');
    expect(await page.inputValue('#filter-period')).toBe('2024');
    expect(await page.inputValue('#filter-by')).toBe('all');
    expect(await headline.textContent()).toBe('2.4');
    expect(await page.getByTestId('breakdown-ehc-plans-rate').count()).toBe(0);

    await page.goForward();
    await settle(page);
    expect(await page.inputValue('#filter-area')).toBe('E08000035:north');
    expect(await page.inputValue('#filter-by')).toBe('sex');

    // A bookmarked view opens as it was; the menu carries the filters to the next page.
    await page.goto(`${server.url}/personal-budgets?area=E08000035:south&period=2023`);
    await settle(page);
    expect(await page.inputValue('#filter-area')).toBe('E08000035:south');
    await page.getByRole('navigation', { name: 'Dashboard pages' }).getByRole('link', { name: 'Preparing for adulthood' }).click();
    await settle(page);
    expect(new URL(page.url()).pathname).toBe('/preparing-for-adulthood');
    expect(new URL(page.url()).searchParams.get('area')).toBe('E08000035:south');
    await page.close();
  });

  it('an unknown value in the URL falls back to the default with a warning', async () => {
    const page = await visit('/needs?period=1999&area=E08000035:nowhere', 'Needs');
    expect(await page.locator('.warning-text').textContent()).toContain('1999');
    expect(await page.inputValue('#filter-period')).toBe('2024');
  });
});

describe('keyboard only', () => {
  it('the Overview can be used with the keyboard alone, with a visible focus', async () => {
    const { page } = await open('/');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const box = a.getBoundingClientRect();
      return { text: a.textContent, visible: box.width > 0 && box.height > 0 && box.top >= 0, background: getComputedStyle(a).backgroundColor };
    });
    expect(skip).toEqual({ text: 'Skip to main content', visible: true, background: 'rgb(255, 221, 0)' });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Filters: the first field after the skip target is the area, after the lead paragraph's glossary links
    // (issue 17: terms link to the glossary where they first appear), and nothing else.
    await page.keyboard.press('Tab');
    for (let i = 0; i < 6; i++) {
      const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? null);
      if (!href?.startsWith('/glossary')) break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-area');
    const focusRing = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineColor);
    expect(focusRing).toBe('rgb(255, 221, 0)');
    await page.keyboard.press('ArrowDown'); // Leeds → North locality
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-period');
    await page.keyboard.press('ArrowDown'); // 2024 → 2023
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Apply filters');
    await page.keyboard.press('Enter');
    await settle(page);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ area: 'E08000035:north', period: '2023' });
    expect(await page.evaluate(() => document.activeElement?.textContent), 'focus stays on the button').toBe('Apply filters');
    expect(await page.getByTestId('filter-announcement').textContent()).toContain('North locality');

    // The first tile's link leads to the indicator's section on its page, which receives focus.
    await page.keyboard.press('Tab');
    const link = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute('href') }));
    expect(link.href).toBe('/needs?area=E08000035%3Anorth&period=2023#ehc-plans-rate');
    const linkStyle = await page.evaluate(() => getComputedStyle(document.activeElement as Element).backgroundColor);
    expect(linkStyle).toBe('rgb(255, 221, 0)');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'ehc-plans-rate');
    expect(new URL(page.url()).pathname).toBe('/needs');
    // The section takes focus at once; its figures arrive with the page's requests. A keyboard user
    // tabbing on before they arrive would pass it: wait for them, as a reader would.
    await page.locator('section#ehc-plans-rate button', { hasText: 'Show as table' }).first().waitFor();

    // On the section: the chart itself takes no tab stops (it is aria-hidden and inert); Tab reaches "Show as
    // table", and Space shows the table.
    const stops: string[] = [];
    let label = '';
    for (let i = 0; i < 10 && !label.startsWith('Show as table'); i += 1) {
      await page.keyboard.press('Tab');
      label = (await page.evaluate(() => document.activeElement?.textContent)) ?? '';
      stops.push(await page.evaluate(() => (document.activeElement?.closest('svg') ? 'svg' : (document.activeElement?.tagName ?? ''))));
    }
    expect(stops).not.toContain('svg');
    expect(label).toContain('Show as table');
    await page.keyboard.press('Space');
    expect(await page.locator('section#ehc-plans-rate table').first().isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Show as chart');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('svg'))).toBeNull();

    // "About this indicator" opens with Enter.
    await page.focus('section#ehc-plans-rate details.metadata summary');
    await page.keyboard.press('Enter');
    expect(await page.locator('section#ehc-plans-rate details.metadata').getAttribute('open')).toBe('');
    await page.close();
  });

  it('the menu collapses at 360 px and opens with the keyboard', async () => {
    const { page } = await open('/', 360);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await page.getByRole('link', { name: 'Benchmarks' }).isVisible()).toBe(false);
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
    await page.close();
  });
});

describe('states and speed', () => {
  it('shows loading, error and empty states', async () => {
    const page = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/indicators/ehc-plans-rate?*', async (route) => {
      await held;
      await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'Internal error: the request could not be completed' }) });
    });
    await page.route('**/api/indicators', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as CatalogueResponse;
      body.indicators = body.indicators.filter((m) => m.id !== 'personal-budget-take-up');
      await route.fulfill({ response, json: body });
    });
    await page.goto(server.url + '/');
    const tile = page.locator('.tile[data-indicator="ehc-plans-rate"]');
    await tile.getByRole('status').waitFor();
    expect(await tile.getByRole('status').textContent()).toContain('Loading');
    release();
    await tile.getByRole('alert').waitFor();
    expect(await tile.getByRole('alert').textContent()).toContain('Internal error');
    await settle(page);
    expect(await runAxe(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Dashboard pages' }).getByRole('link', { name: 'Personal budgets' }).click();
    await settle(page);
    expect(await page.locator('.state--empty').textContent()).toContain('There are no indicators for this topic yet');
    await page.close();
  });

  it('initial JS for the Overview is at most 250 KB gzipped, and no other page’s code is fetched', async () => {
    const page = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(new URL(response.url()).pathname);
    });
    await page.goto(server.url + '/');
    await settle(page);
    const sizes = Object.fromEntries(scripts.map((s) => [s, gzipSync(readFileSync(join(webDist, s))).length]));
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'overview-bundle.json'), JSON.stringify({ initialJsGzipBytes: total, scripts: sizes }, null, 2));
    console.log(`Overview: initial JS ${(total / 1024).toFixed(1)} KB gzipped in ${scripts.length} files`);
    expect(total).toBeLessThanOrEqual(250 * 1024);
    expect(scripts.some((s) => /benchmarks|data-quality|group-page|theme-page|export/.test(s))).toBe(false);
    await page.close();
  });
});

describe('console', () => {
  it('no console errors on the pages visited', () => {
    expect(sharedErrors).toEqual([]);
  });
});
