import type { Browser } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, settle } from './browser.ts';
import { authHeader } from '../helpers/auth.ts';
import { apiAuth, signedIn, startServer, type TestServer } from './server.ts';

// Every indicator chart offers its figures as a CSV ("Download this table"), and the file holds the
// same figures the API gives for that view.
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({ extract: 'fixture' });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('download this table', () => {
  it('links each trend chart to a CSV with the API figures', async () => {
    const page = await browser.newPage(signedIn);
    await page.goto(`${server.url}/needs`);
    await settle(page);
    const link = page.locator('[data-testid="trend-ehc-plans-rate"] [data-testid="download-csv"]');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/export\/ehc-plans-rate\.csv\?/);
    const csv = await (await fetch(server.url + href, apiAuth)).text();
    const records = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const api = (await (await fetch(`${server.url}/api/indicators/ehc-plans-rate?period=all`, apiAuth)).json()) as { rows: { period: string; value: number | null }[] };
    expect(records.map((r) => [r.time_period, r.value])).toEqual(api.rows.map((r) => [r.period, r.value === null ? 'c' : String(r.value)]));
    await page.close();
  });

  it('links the analytics pages’ tables to CSVs with the JSON endpoints’ figures, suppressed cells as c', async () => {
    const page = await browser.newPage(signedIn);
    const csvAt = async (href: string | null) => {
      expect(href).toMatch(/^\/api\/export\/analytics\/[a-z-]+\.csv(\?|$)/);
      const res = await fetch(server.url + (href ?? ''), apiAuth);
      expect(res.status).toBe(200);
      return parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    };
    const json = async <T,>(path: string) => (await (await fetch(server.url + path, apiAuth)).json()) as T;
    const shown = (v: { value: number | null; symbol: string | null }) => (v.value === null ? (v.symbol ?? 'x') : String(v.value));

    await page.goto(`${server.url}/journey`);
    await settle(page);
    const steps = await csvAt(await page.locator('[data-testid="steps-chart"] [data-testid="download-csv"]').getAttribute('href'));
    const journey = await json<{ steps: { step: string; children: { value: number | null; symbol: string | null } }[] }>('/api/analytics/journey');
    expect(steps.map((r) => [r.step, r.children])).toEqual(journey.steps.map((s) => [s.step, shown(s.children)]));

    await page.goto(`${server.url}/provision-gaps`);
    await settle(page);
    const categories = await csvAt(await page.locator('[data-testid="categories"] [data-testid="download-csv"]').getAttribute('href'));
    const gaps = await json<{ categories: { category: string; demand: { value: number | null; symbol: string | null } }[] }>('/api/analytics/provision-gaps');
    expect(categories.map((r) => [r.category, r.demand])).toEqual(gaps.categories.map((c) => [c.category, shown(c.demand)]));
    const placements = await csvAt(await page.locator('[data-testid="placements"] [data-testid="download-csv"]').getAttribute('href'));
    expect(placements.length).toBeGreaterThan(0);

    // The fixture at the default threshold suppresses most insight counts: the CSV says c where the page does.
    await page.goto(`${server.url}/personal-budgets`);
    await settle(page);
    const takeUp = await csvAt(await page.locator('[data-testid="budget-take-up"] [data-testid="download-csv"]').last().getAttribute('href'));
    const budgets = await json<{ take_up: { with_budget: { numerator: number | null; value: number | null; symbol: string | null } } }>('/api/budgets');
    const all = takeUp.find((r) => r.element === 'all' && r.mechanism === 'all');
    expect(all?.plans_percent).toBe(shown(budgets.take_up.with_budget));
    expect(all?.plans).toBe(budgets.take_up.with_budget.numerator === null ? 'c' : String(budgets.take_up.with_budget.numerator));
    expect([...steps, ...categories, ...takeUp].some((r) => Object.values(r).includes('c'))).toBe(true);

    // The Export page lists every analytics table.
    await page.goto(`${server.url}/export`);
    await settle(page);
    const hrefs = await page.locator('[data-testid="analytics-csv"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('/api/export/analytics/journey-steps.csv?area=E08000035&period=2024');
    expect(hrefs).toContain('/api/export/analytics/provision-gaps-grid.csv?period=2024');
    expect(hrefs).toHaveLength(18);
    await page.close();
  });

  it('shows no download links to a commissioner, who may see the analytics but not the exports', async () => {
    const count = async (options: typeof signedIn) => {
      const page = await browser.newPage(options);
      await page.goto(`${server.url}/provision-gaps`);
      await settle(page);
      await page.getByTestId('categories').waitFor();
      const n = await page.locator('[data-testid="download-csv"]').count();
      await page.close();
      return n;
    };
    expect(await count(signedIn)).toBeGreaterThan(3);
    expect(await count({ extraHTTPHeaders: authHeader('commissioner') })).toBe(0);
    const refused = await fetch(`${server.url}/api/export/analytics/provision-gaps-categories.csv`, { headers: authHeader('commissioner') });
    expect(refused.status).toBe(403);
  });
});
