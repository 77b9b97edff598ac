import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../server/sql-files.ts';
import { authHeader } from '../test/helpers/auth.ts';
import { startServer } from '../test/browser/server.ts';

// npx tsx bench/first-chart.ts [--children N|default|fixture] [--label before] [--no-build]
// Time from navigation start to the first figure of each new page (glossary, compare areas, overview grid, search,
// bulk download) in Debian's Chromium at 1280 px, and how many /api requests the page made: a cold visit (the
// server computes) and a warm one (a fresh browser page, the server's caches full). → bench/results/<date>-first-chart-<label>.json

const { values } = parseArgs({
  options: { children: { type: 'string', default: '2000' }, label: { type: 'string', default: 'now' }, 'no-build': { type: 'boolean', default: false } },
});
const children = values.children === 'default' ? 'default' : values.children === 'fixture' ? null : Number(values.children);

const targets = [
  { page: 'glossary', path: '/glossary', selector: '[data-testid="glossary"]' },
  { page: 'compare', path: '/compare', selector: '[data-testid="compare-chart"] .recharts-bar-rectangle' },
  { page: 'overview-grid', path: '/overview-grid', selector: '[data-testid="grid-cell"]' },
  { page: 'search', path: '/search?q=plan', selector: '[data-testid="search-result"]' },
  { page: 'bulk-download', path: '/export', selector: '[data-testid="bulk-download"]' },
];

async function visit(browser: Browser, url: string, selector: string): Promise<{ ms: number; apiRequests: number }> {
  const page = await browser.newPage({ extraHTTPHeaders: authHeader('analyst'), viewport: { width: 1280, height: 900 } });
  let apiRequests = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) apiRequests += 1;
  });
  await page.goto(url);
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 120_000 });
  const ms = await page.evaluate('Math.round(performance.now())');
  await page.close();
  return { ms: Number(ms), apiRequests };
}

const server = await startServer(children === null ? { build: !values['no-build'] } : { extract: 'synthetic', children, build: !values['no-build'] });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const results: Record<string, { cold: { ms: number; apiRequests: number }; warm: { ms: number; apiRequests: number } }> = {};
try {
  for (const t of targets) {
    const cold = await visit(browser, server.url + t.path, t.selector);
    const warm = await visit(browser, server.url + t.path, t.selector);
    results[t.page] = { cold, warm };
    console.log(`${t.page.padEnd(14)} cold ${String(cold.ms).padStart(6)} ms (${cold.apiRequests} API requests), warm ${String(warm.ms).padStart(6)} ms (${warm.apiRequests})`);
  }
} finally {
  await browser.close();
  await server.close();
}
const out = join(repoRoot, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-first-chart-${values.label}.json`);
mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
writeFileSync(out, JSON.stringify({ extract: values.children, label: values.label, chromium: '/usr/bin/chromium', width: 1280, results }, null, 2));
console.log(`→ ${out}`);
