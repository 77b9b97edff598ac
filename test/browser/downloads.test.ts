import type { Browser } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, settle } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

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
    const page = await browser.newPage();
    await page.goto(`${server.url}/needs`);
    await settle(page);
    const link = page.locator('[data-testid="trend-ehc-plans-rate"] [data-testid="download-csv"]');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/export\/ehc-plans-rate\.csv\?/);
    const csv = await (await fetch(server.url + href)).text();
    const records = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const api = (await (await fetch(`${server.url}/api/indicators/ehc-plans-rate?period=all`)).json()) as { rows: { period: string; value: number | null }[] };
    expect(records.map((r) => [r.time_period, r.value])).toEqual(api.rows.map((r) => [r.period, r.value === null ? 'c' : String(r.value)]));
    await page.close();
  });
});
