import { parse } from 'csv-parse/sync';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasResponse, BenchmarkResponse, CatalogueResponse, DataStatusResponse, IndicatorResponse, PeriodsResponse } from '../../contract/indicators.ts';
import { formatValue, significanceLabel } from '../../web/src/format.ts';
import { searchIndicators } from '../../web/src/pages/search/search-index.ts';
import { authHeader } from '../helpers/auth.ts';
import { artifactsDir, screenshotDir, collectErrors, launchBrowser, runAxe, screenshot, settle } from './browser.ts';
import { apiAuth, signedIn, startServer, type TestServer } from './server.ts';

// The pages issue 17 added for Fingertips, LAIT and LG Inform users, on the hand-made fixture: Compare areas,
// All indicators at a glance (the overview grid) and Find an indicator. Figures on the page equal the API's; each
// page is axe-clean at 1280 and 360 px, usable at 360 px (no sideways page scroll, a scroll cue on wide tables,
// content on the first screen), and in the viewer's menu. Times to the first chart go to
// test/artifacts/new-pages-first-chart.json, screenshots to test/artifacts/screenshots/new-*.png.

let server: TestServer;
let browser: Browser;
let catalogue: CatalogueResponse;
let period: string;
const timings: Record<string, number> = {};

async function api<T>(path: string): Promise<T> {
  const response = await fetch(server.url + path, apiAuth);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function open(path: string, width = 1280, headers = signedIn): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ ...headers, acceptDownloads: true, viewport: { width, height: width < 400 ? 740 : 900 } });
  const errors = collectErrors(page);
  await page.goto(server.url + path);
  await settle(page);
  return { page, errors };
}

/** Time from navigation start until `selector` is visible, on a fresh page load. */
async function firstVisible(path: string, selector: string): Promise<number> {
  const page = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + path);
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 15_000 });
  const ms = await page.evaluate(() => Math.round(performance.now()));
  await page.close();
  return ms;
}

/** At 360 px: no sideways page scroll, no axe violations, and something besides header and filters on screen. */
async function checkNarrow(path: string, name: string, contentSelector: string): Promise<void> {
  const { page, errors } = await open(path, 360);
  await screenshot(page, `new-${name}-360`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'no sideways page scroll at 360 px').toBeLessThanOrEqual(0);
  expect(await runAxe(page), `axe at 360 px on ${path}`).toEqual([]);
  const top = await page.locator(contentSelector).first().evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  expect(top, `${contentSelector} starts within the first screen (740 px) at 360 px`).toBeLessThan(740);
  expect(errors).toEqual([]);
  await page.close();
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ extract: 'fixture' }), launchBrowser()]);
  catalogue = await api<CatalogueResponse>('/api/indicators');
  period = (await api<PeriodsResponse>('/api/periods')).default_period ?? '';
});

afterAll(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  writeFileSync(join(artifactsDir, 'new-pages-first-chart.json'), JSON.stringify({ extract: server?.extract, ...timings }, null, 2));
  await browser?.close();
  await server?.close();
});

describe('Compare areas', () => {
  it('shows the statistical neighbours, this LA, the region and England with the published figures of the API', async () => {
    const first = catalogue.indicators.find((m) => m.benchmark !== null);
    if (!first) throw new Error('the fixture catalogue has no benchmarked indicator');
    const benchmark = await api<BenchmarkResponse>(`/api/benchmarks/${first.id}?period=${period}`);
    const { page, errors } = await open(`/compare?indicator=${first.id}`);
    expect(await page.locator('[data-testid="compare-chart"] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="compare-chart"] button', { hasText: 'Show as table' }).click();
    const table = page.locator('[data-testid="compare-chart"] table');
    // The page lists the chosen areas by name.
    const neighbours = benchmark.las.filter((l) => l.neighbour && !l.self).sort((a, b) => a.area_name.localeCompare(b.area_name, 'en-GB'));
    const self = benchmark.las.find((l) => l.self);
    expect(neighbours.length).toBeGreaterThan(0);
    const expected = [
      [`${self?.area_name} (published)`, formatValue(self?.value, first)],
      [`${self?.area_name} (from the loaded extract)`, formatValue(benchmark.la_value, first, benchmark.la_suppressed ? 'c' : 'x')],
      ...neighbours.map((n) => [n.area_name, formatValue(n.value, first)]),
      ...(benchmark.region ? [[`${benchmark.region.area_name} (region)`, formatValue(benchmark.region.value, first)]] : []),
      ['England', formatValue(benchmark.england, first)],
    ];
    const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('th')?.textContent ?? '', r.querySelector('[data-testid="compare-value"]')?.textContent ?? '']));
    expect(shown).toEqual(expected);
    expect(await runAxe(page), 'axe at 1280 px').toEqual([]);
    await screenshot(page, 'new-compare-1280');

    // Add a local authority that is not a neighbour: it joins the table with its published figure.
    const other = benchmark.las.find((l) => !l.neighbour && !l.self && l.value !== null);
    if (!other) throw new Error('no other LA with a published figure');
    await page.selectOption('#add-area', other.area_code);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForFunction((code) => new URL(location.href).searchParams.get('areas')?.includes(code), other.area_code);
    await expect.poll(() => table.locator(`tr[data-area="${other.area_code}"] [data-testid="compare-value"]`).textContent()).toBe(formatValue(other.value, first));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('area-choice-heading');

    // Remove the first neighbour: its row goes; Back brings it back.
    const removed = neighbours[0];
    await page.getByRole('button', { name: `Remove ${removed?.area_name}` }).click();
    await expect.poll(() => table.locator(`tr[data-area="${removed?.area_code}"]`).count()).toBe(0);
    await page.goBack();
    await expect.poll(() => table.locator(`tr[data-area="${removed?.area_code}"]`).count()).toBe(1);

    // Every published indicator side by side: this LA's published figure in each row equals the API's.
    for (const meta of catalogue.indicators.filter((m) => m.benchmark !== null)) {
      const response = await fetch(`${server.url}/api/benchmarks/${meta.id}?period=${period}`, apiAuth);
      if (response.status === 404) continue;
      const b = (await response.json()) as BenchmarkResponse;
      if (!b.las.some((l) => l.value !== null)) {
        // Nothing published for any LA (a share of a whole): left out, not a row of x.
        expect(await page.locator(`[data-testid="compare-all"] tr[data-indicator="${meta.id}"]`).count(), meta.id).toBe(0);
        continue;
      }
      const cell = page.locator(`[data-testid="compare-all"] tr[data-indicator="${meta.id}"] td[data-area="self"]`);
      expect(await cell.textContent(), meta.id).toBe(formatValue(b.las.find((l) => l.self)?.value, meta));
      const england = page.locator(`[data-testid="compare-all"] tr[data-indicator="${meta.id}"] td[data-area="england"]`);
      expect(await england.textContent(), meta.id).toBe(formatValue(b.england, meta));
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('at 360 px: axe-clean, no page scroll sideways, a cue on the wide table, the chart on the first screen', async () => {
    await checkNarrow('/compare', 'compare', '[data-testid="compare-chart"]');
    const { page } = await open('/compare', 360);
    await expect.poll(() => page.locator('[data-testid="scroll-cue"]').count()).toBeGreaterThan(0);
    await page.close();
    timings.compareFirstChartMs = await firstVisible('/compare', '[data-testid="compare-chart"] .recharts-bar-rectangle');
  });
});

describe('All indicators at a glance', () => {
  it('every cell equals the API: value, and its comparison with England (LA) or the LA (locality)', async () => {
    const { areas } = await api<AreasResponse>('/api/areas');
    const { page, errors } = await open('/overview-grid');
    const la = areas.find((a) => a.area_type === 'la');
    const gridAreas = areas.filter((a) => a.area_type === 'la' || a.parent_code === la?.area_code);
    expect(await page.locator('[data-testid="grid-cell"]').count()).toBe(catalogue.indicators.length * gridAreas.length);
    let compared = 0;
    for (const meta of catalogue.indicators) {
      for (const area of gridAreas) {
        const body = await api<IndicatorResponse>(`/api/indicators/${meta.id}?area=${encodeURIComponent(area.area_code)}&period=${period}`);
        const row = body.rows.find((r) => r.breakdown === 'all' && r.period === period);
        const comparison = row?.comparisons.find((c) => c.comparator === (area.area_type === 'la' ? 'england' : 'la'));
        const cell = page.locator(`[data-testid="grid-cell"][data-indicator="${meta.id}"][data-area="${area.area_code}"]`);
        expect(await cell.locator('.grid-cell__value').textContent(), `${meta.id} ${area.area_code}`).toBe(formatValue(row?.value ?? null, meta, row?.symbol ?? 'x'));
        expect(await cell.getAttribute('data-significance')).toBe(comparison?.significance ?? '');
        if (row?.value == null) expect(await cell.locator('.grid-cell__judgement').count(), 'no judgement beside c or x').toBe(0);
        if (comparison && row?.value != null) {
          compared++;
          expect(await cell.locator('.grid-cell__judgement').textContent()).toContain(significanceLabel[comparison.significance]);
        }
      }
    }
    expect(compared, 'some cells carry a comparison').toBeGreaterThan(0);
    expect(await runAxe(page), 'axe at 1280 px').toEqual([]);
    await page.locator('details summary', { hasText: 'figures behind the grid' }).click();
    expect(await page.locator('[data-testid="grid-figure"]').count()).toBe(catalogue.indicators.length * gridAreas.length);
    expect(await runAxe(page), 'axe with the table open').toEqual([]);
    await screenshot(page, 'new-overview-grid-1280');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keyboard: Tab reaches the grid and its first indicator link, which opens that indicator’s section', async () => {
    const { page } = await open('/overview-grid');
    const first = catalogue.indicators.find((m) => m.group === 'needs');
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate((id) => document.activeElement?.getAttribute('href')?.endsWith(`#${id}`) ?? false, first?.id);
    }
    expect(found, 'the first indicator link is reachable by Tab').toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => location.pathname === '/needs' && location.hash === `#${id}`, first?.id);
    await page.close();
  });

  it('at 360 px: axe-clean, a scroll cue, the first column sticks, the grid on the first screen', async () => {
    await checkNarrow('/overview-grid', 'overview-grid', '[data-testid="overview-grid"]');
    const { page } = await open('/overview-grid', 360);
    // The grid's cue (the figures table behind "Show the figures" has its own, hidden while that is closed).
    await expect.poll(() => page.locator('[data-testid="scroll-cue"]:visible').count()).toBe(1);
    const region = page.locator('[data-testid="overview-grid"]');
    const before = await region.locator('tbody th[scope="row"]').first().boundingBox();
    await region.evaluate((e) => e.scrollBy(400, 0));
    const after = await region.locator('tbody th[scope="row"]').first().boundingBox();
    expect(await region.evaluate((e) => e.scrollLeft), 'the grid scrolled').toBeGreaterThan(0);
    // Within the table's 2 px cell spacing: the names stay in view while the areas scroll under them.
    expect(Math.abs((after?.x ?? 99) - (before?.x ?? 0)), 'the indicator names stay in view when the grid scrolls').toBeLessThanOrEqual(3);
    await page.close();
    timings.overviewGridFirstCellMs = await firstVisible('/overview-grid', '[data-testid="grid-cell"]');
  });
});

describe('Find an indicator', () => {
  it('finds indicators by name, definition and other words (EHCP, statement, CNA) and links to their sections', async () => {
    const { page, errors } = await open('/search');
    expect(await page.locator('[data-testid="search-result"]').count(), 'every indicator listed before a search').toBe(catalogue.indicators.length);
    for (const query of ['EHCP', 'statement', 'CNA', 'tribunal']) {
      await page.fill('#indicator-search', query);
      await page.keyboard.press('Enter');
      const expected = searchIndicators(catalogue.indicators, query);
      expect(expected.length, `${query} finds something`).toBeGreaterThan(0);
      await expect.poll(() => page.locator('[data-testid="search-count"]').textContent()).toContain(`“${query}”`);
      const ids = await page.locator('[data-testid="search-result"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator')));
      expect(ids).toEqual(expected.map((r) => r.meta.id));
    }
    expect(searchIndicators(catalogue.indicators, 'EHCP').map((r) => r.meta.id)).toContain('ehc-plans-rate');
    expect(searchIndicators(catalogue.indicators, 'CNA').map((r) => r.meta.id)).toContain('cna-disabled-children');
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'new-search-1280');
    await page.fill('#indicator-search', 'EHCP');
    await page.keyboard.press('Enter');
    const link = page.locator('[data-testid="search-result"][data-indicator="ehc-plans-rate"] a');
    expect(await link.getAttribute('href')).toBe('/needs#ehc-plans-rate');
    await link.click();
    await page.waitForFunction(() => location.pathname === '/needs' && location.hash === '#ehc-plans-rate');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('at 360 px: axe-clean and the search box on the first screen', async () => {
    await checkNarrow('/search?q=plans', 'search', '#indicator-search');
  });
});

describe('data notes', () => {
  it('next to each chart: rejected rows of the tables it reads and withheld figures, as /api/data-status and the API say', async () => {
    const status = await api<DataStatusResponse>('/api/data-status');
    const meta = catalogue.indicators.find((m) => m.id === 'ehc-plans-rate');
    if (!meta) throw new Error('no ehc-plans-rate');
    const trend = await api<IndicatorResponse>('/api/indicators/ehc-plans-rate?period=all');
    const rows = trend.rows.filter((r) => r.breakdown === 'all');
    const { page, errors } = await open('/needs');
    const notes = page.locator('[data-testid="data-notes-ehc-plans-rate"]');
    await notes.locator('summary').click();
    const expectedTables = meta.sources.filter((t) => status.files.some((f) => f.table_name === t && (f.rows_rejected ?? 0) > 0));
    expect(expectedTables.length, 'the fixture has rejected rows in a table this indicator reads').toBeGreaterThan(0);
    for (const table of expectedTables) {
      const files = status.files.filter((f) => f.table_name === table);
      const rejected = files.reduce((n, f) => n + (f.rows_rejected ?? 0), 0);
      const read = files.reduce((n, f) => n + (f.rows_read ?? 0), 0);
      expect(await notes.locator(`[data-table="${table}"]`).textContent()).toContain(`${rejected} of ${read} rows`);
    }
    expect(await notes.locator('[data-testid="data-note-rejected"]').count()).toBe(expectedTables.length);
    const withheld = rows.filter((r) => r.symbol === 'c').length;
    expect(await notes.locator('[data-testid="data-note-withheld"]').textContent()).toBe(
      withheld === 0 ? 'No figure here is withheld.' : `${withheld} of ${rows.length} figures here are withheld (shown as c) because the numbers are small enough to identify children.`,
    );
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('bulk download on the Export page', () => {
  it('the choices build the download address, whose file holds the API’s figures; axe-clean at 1280 and 360 px', async () => {
    const { areas } = await api<AreasResponse>('/api/areas');
    const la = areas.find((a) => a.area_type === 'la');
    const { page, errors } = await open('/export');
    const section = page.locator('[data-testid="bulk-download"]');
    expect(await section.locator('[data-testid="bulk-csv"]').getAttribute('href')).toBe('/api/export/bulk/indicators.csv');
    await page.selectOption('#bulk-area', la?.area_code ?? '');
    await page.selectOption('#bulk-period', period);
    await page.selectOption('#bulk-breakdowns', 'all');
    const href = await section.locator('[data-testid="bulk-csv"]').getAttribute('href');
    expect(href).toBe(`/api/export/bulk/indicators.csv?area=${la?.area_code}&period=${period}&breakdowns=all`);
    expect(await section.locator('[data-testid="bulk-xlsx"]').getAttribute('href')).toBe(href?.replace('.csv', '.xlsx'));
    const csv = await (await fetch(server.url + (href ?? ''), apiAuth)).text();
    const [header = [], ...records] = parse(csv, { bom: true }) as string[][];
    const col = (name: string) => header.indexOf(name);
    const api1 = await api<IndicatorResponse>(`/api/indicators/ehc-plans-rate?area=${la?.area_code}&period=${period}`);
    const total = api1.rows.find((r) => r.breakdown === 'all');
    const line = records.find((f) => f[col('indicator_id')] === 'ehc-plans-rate' && f[col('breakdown')] === 'all');
    expect(line?.[col('value')]).toBe(total?.value == null ? (total?.suppressed ? 'c' : 'x') : String(total.value));
    expect(new Set(records.map((f) => f[col('indicator_id')])).size).toBe(catalogue.indicators.length);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'new-export-bulk-1280');
    expect(errors).toEqual([]);
    await page.close();
    await checkNarrow('/export', 'export', '[data-testid="bulk-download"], h2');
  });
});

describe('chart images for slides', () => {
  it('SVG and PNG of a chart with its title, the source line and (for synthetic data) the flag', async () => {
    const first = catalogue.indicators.find((m) => m.benchmark !== null);
    const { page, errors } = await open(`/compare?indicator=${first?.id}`);
    const block = page.locator('[data-testid="compare-chart"]');
    const title = (await block.locator('h3').textContent()) ?? '';
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), block.locator('[data-testid="chart-svg"]').click()]);
    const svg = readFileSync((await svgDownload.path()) ?? '', 'utf8');
    expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(title.replace(/&/g, '&amp;'));
    expect(svg).toContain('Source: SEND Joint Commissioning Dashboard');
    expect(svg.includes('SYNTHETIC DATA'), 'the synthetic flag exactly when the data are synthetic').toBe(catalogue.data.synthetic);
    expect(svg).toContain('recharts-bar-rectangle');
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), block.locator('[data-testid="chart-png"]').click()]);
    const png = readFileSync((await pngDownload.path()) ?? '');
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG file').toBe(true);
    expect(png.readUInt32BE(16), 'twice the width on screen').toBeGreaterThan(1000);
    mkdirSync(screenshotDir, { recursive: true });
    writeFileSync(join(screenshotDir, 'new-chart-image-download.png'), png);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('menu', () => {
  it('a viewer (board member) sees Compare with its three pages', async () => {
    const { page } = await open('/compare', 1280, { extraHTTPHeaders: authHeader('viewer') });
    await expect.poll(() => page.getByRole('navigation', { name: 'Dashboard pages' }).getByRole('link', { name: 'Compare' }).count()).toBe(1);
    const sub = page.getByRole('navigation', { name: 'Compare and find indicators pages' });
    expect(await sub.getByRole('link').allTextContents()).toEqual(['Compare areas', 'All indicators', 'Find an indicator']);
    await page.close();
  });
});
