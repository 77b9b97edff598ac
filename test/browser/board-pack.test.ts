import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasResponse, CatalogueResponse, IndicatorMeta, IndicatorResponse, PeriodsResponse } from '../../contract/indicators.ts';
import { Database } from '../../server/db/database.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { headlineRow } from '../../web/src/components/headline-row.ts';
import { figureSentence, formatCount, formatDate, formatValue, withUnit } from '../../web/src/format.ts';
import { artifactsDir, collectErrors, launchBrowser, runAxe, screenshot, settle } from './browser.ts';
import { tokenFor } from '../helpers/auth.ts';
import { apiAuth, fixtureDir, signedIn, startServer, type TestServer } from './server.ts';

// The board pack (/board-pack) on the hand-made fixture and on a synthetic extract: the page passes axe and shows
// the API's figures; its PDF, from GET /api/export/board-pack.pdf and from `npm run board-pack` (against a running
// dashboard and from a database file), is A4, 2 to 6 pages, and its text (pdftotext, from poppler-utils) holds the
// API's headline figures for the same area and period, the synthetic-data warning on every page when the extract
// is synthetic, and the data-quality statement. PDFs and a PNG of page 1 go to test/artifacts/.

const run = promisify(execFile);
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const cli = join(repoRoot, 'server', 'cli', 'board-pack.ts');

let fixture: TestServer;
let synthetic: TestServer;
let browser: Browser;
const work = mkdtempSync(join(tmpdir(), 'board-pack-browser-'));
const timings: Record<string, { pages: number; bytes: number; ms: number }> = {};

async function api<T>(server: TestServer, path: string): Promise<T> {
  const response = await fetch(server.url + path, apiAuth);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

function poppler(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${tool} is needed to read the board-pack PDF: apt-get install poppler-utils (${r.error.message})`);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** pdfinfo's page count and page size. */
function pdfInfo(path: string): { pages: number; size: string } {
  const info = poppler('pdfinfo', [path]);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), size: /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '' };
}

/** The text of a PDF (or one page) in content order, as pdftotext -raw gives it. */
const pdfText = (path: string, page?: number): string =>
  poppler('pdftotext', ['-raw', ...(page ? ['-f', String(page), '-l', String(page)] : []), path, '-']);

/** Without any whitespace: lines break anywhere in the PDF, and -raw drops some spaces between runs. */
const squash = (text: string): string => text.replace(/\s+/g, '');

/** Saves the PDF and a PNG of its first page into test/artifacts. */
function saveArtifacts(name: string, pdf: Buffer): string {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.pdf`);
  writeFileSync(path, pdf);
  poppler('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', path, join(artifactsDir, `${name}-page1`)]);
  return path;
}

interface View {
  area: string;
  areaName: string;
  period: string;
  financialYear: boolean;
}

/** The headline indicators the board pack shows: read from the page, and the same as the Overview's tiles. */
async function packIndicators(server: TestServer, view: View): Promise<string[]> {
  const page = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/?area=${encodeURIComponent(view.area)}&period=${view.period}`);
  await settle(page);
  const tiles = await page.locator('.tile').evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator') ?? ''));
  await page.goto(`${server.url}/board-pack?area=${encodeURIComponent(view.area)}&period=${view.period}`);
  await page.waitForSelector('[data-board-pack-status="ready"]', { timeout: 30_000 });
  const cards = await page.locator('.board-pack-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator') ?? ''));
  await page.close();
  expect(cards).toEqual(tiles);
  expect(cards.length).toBeGreaterThan(2);
  return cards;
}

/** Checks a board-pack PDF against the API of the server holding the same data. */
async function expectPdfMatchesApi(server: TestServer, path: string, view: View, isSynthetic: boolean): Promise<void> {
  const { pages, size } = pdfInfo(path);
  expect(pages, 'a sensible number of A4 pages').toBeGreaterThanOrEqual(2);
  expect(pages).toBeLessThanOrEqual(6);
  expect(size).toContain('(A4)');
  const text = pdfText(path);
  const flat = squash(text);

  // Headline figures: for every indicator of the pack, its sentence (value, interval, change) and its row of the
  // summary table (title followed by the value), both built from the API's rows for this area and period.
  const ids = await packIndicators(server, view);
  const catalogue = await api<CatalogueResponse>(server, '/api/indicators');
  for (const id of ids) {
    const meta = catalogue.indicators.find((m) => m.id === id) as IndicatorMeta;
    const body = await api<IndicatorResponse>(
      server,
      `/api/indicators/${id}?area=${encodeURIComponent(view.area)}&period=all${view.financialYear ? '&period_type=financial-year' : ''}`,
    );
    const trend = body.rows.filter((r) => r.breakdown === 'all');
    const { row } = headlineRow(trend, view.period);
    expect(flat, `${id}: sentence`).toContain(squash(figureSentence(meta, row, trend)));
    expect(flat, `${id}: summary table row`).toContain(squash(`${meta.title} ${withUnit(row?.value ?? null, meta, row?.symbol ?? null)}`));
    if (row?.value !== null && row?.value !== undefined) expect(flat, `${id}: card figure`).toContain(squash(formatValue(row.value, meta)));
  }
  expect(flat).toContain(squash(`Figures for ${view.areaName}`));

  // The synthetic-data warning in the top margin of every page (and nowhere for a real extract).
  for (let p = 1; p <= pages; p += 1) {
    const warned = pdfText(path, p).includes('SYNTHETIC DATA: NOT REAL');
    expect(warned, `page ${p} of ${pages}: synthetic warning`).toBe(isSynthetic);
  }
  if (isSynthetic) expect(flat).toContain(squash('Every figure in this pack comes from a generated, synthetic extract'));
  else expect(text).not.toMatch(/synthetic/i);

  // The data-quality statement, from /api/data-status.
  const status = await api<{ data: { extract_date: string; data_version: number }; files: { rows_read: number; rows_loaded: number; rows_rejected: number }[] }>(
    server,
    '/api/data-status',
  );
  const sum = (k: 'rows_read' | 'rows_loaded' | 'rows_rejected') => status.files.reduce((s, f) => s + f[k], 0);
  for (const expected of [
    'About the data',
    `Dated ${formatDate(status.data.extract_date)}`,
    `Load run ${status.data.data_version}`,
    `${formatCount(sum('rows_read'))} rows read from ${status.files.length} files: ${formatCount(sum('rows_loaded'))} loaded, ${formatCount(sum('rows_rejected'))} rejected`,
    'Counts from 1 to 7',
    'shown as c, with secondary suppression',
    'Department for Education',
    'Contains public sector information licensed under the Open Government Licence v3.0',
    '(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)',
    'What the indicators measure',
  ]) {
    expect(flat, expected).toContain(squash(expected));
  }
  // Nothing from the screen's chrome: no menu, filters or buttons on paper.
  for (const absent of ['Apply filters', 'Skip to main content', 'Print the board pack', 'Download the board pack']) expect(text).not.toContain(absent);
}

async function defaultView(server: TestServer): Promise<View> {
  const periods = await api<PeriodsResponse>(server, '/api/periods');
  const catalogue = await api<CatalogueResponse>(server, '/api/indicators');
  const areas = await api<AreasResponse>(server, '/api/areas');
  const la = areas.areas.find((a) => a.area_code === catalogue.data.la_code);
  return { area: la?.area_code ?? '', areaName: la?.area_name ?? '', period: periods.default_period ?? '', financialYear: false };
}

async function pdfFromApi(server: TestServer, name: string, isSynthetic: boolean): Promise<string> {
  const view = await defaultView(server);
  const started = performance.now();
  const response = await fetch(`${server.url}/api/export/board-pack.pdf?area=${view.area}&period=${view.period}`, apiAuth);
  const ms = Math.round(performance.now() - started);
  expect(response.status, await response.clone().text().catch(() => '')).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(response.headers.get('x-synthetic-data')).toBe(String(isSynthetic));
  expect(response.headers.get('content-disposition')).toBe(
    `attachment; filename="send-jsna-board-pack_${view.area.toLowerCase()}_${view.period}${isSynthetic ? '_synthetic' : ''}.pdf"`,
  );
  const pdf = Buffer.from(await response.arrayBuffer());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const path = saveArtifacts(name, pdf);
  const { pages } = pdfInfo(path);
  expect(response.headers.get('x-pdf-pages')).toBe(String(pages));
  timings[name] = { pages, bytes: pdf.length, ms };
  console.log(`${name}: ${pages} pages, ${(pdf.length / 1024).toFixed(0)} KB, ${ms} ms through GET /api/export/board-pack.pdf`);
  await expectPdfMatchesApi(server, path, view, isSynthetic);
  return path;
}

beforeAll(async () => {
  [fixture, synthetic, browser] = await Promise.all([startServer({ extract: 'fixture' }), startServer({ extract: 'synthetic' }), launchBrowser()]);
});

afterAll(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  writeFileSync(join(artifactsDir, 'board-pack.json'), JSON.stringify(timings, null, 2));
  await browser?.close();
  await Promise.all([fixture?.close(), synthetic?.close()]);
  rmSync(work, { recursive: true, force: true });
});

describe('the board-pack page', () => {
  for (const which of ['fixture', 'synthetic'] as const) {
    it(`${which}: axe-clean at 1280 and 360 px, one h1, cards equal the API, no console errors, no sideways scrolling`, async () => {
      const server = which === 'fixture' ? fixture : synthetic;
      const isSynthetic = server.extract === 'synthetic';
      const view = await defaultView(server);
      for (const width of [1280, 360]) {
        const page: Page = await browser.newPage({ ...signedIn, viewport: { width, height: 900 } });
        const errors = collectErrors(page);
        await page.goto(`${server.url}/board-pack`);
        await settle(page);
        await page.waitForSelector('[data-board-pack-status="ready"]');
        expect(await page.locator('h1').allTextContents()).toEqual(['Health and Wellbeing Board pack']);
        expect(await page.title()).toBe('Health and Wellbeing Board pack – SEND Joint Commissioning Dashboard');
        expect(await page.getByTestId('board-pack-synthetic').count()).toBe(isSynthetic ? 1 : 0);
        expect(await page.locator('.recharts-wrapper:not([inert] *)').count(), 'charts inside inert, aria-hidden wrappers').toBe(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
        expect(await runAxe(page), `axe at ${width} px`).toEqual([]);
        if (width === 1280) {
          for (const card of await page.locator('.board-pack-card').all()) {
            const id = (await card.getAttribute('data-indicator')) ?? '';
            const body = await api<IndicatorResponse>(server, `/api/indicators/${id}?period=all`);
            const { row } = headlineRow(body.rows.filter((r) => r.breakdown === 'all'), view.period);
            expect(await card.getByTestId('headline-value').textContent(), id).toBe(formatValue(row?.value ?? null, body.indicator, row?.symbol ?? null));
          }
          expect(await page.locator('.board-pack-card').count()).toBeGreaterThan(2);
          if (isSynthetic) expect(await page.getByTestId('board-pack-chart').count(), 'trend charts drawn').toBeGreaterThan(2);
        }
        await screenshot(page, `${server.extract}-board-pack-${width}`);
        expect(errors).toEqual([]);
        await page.close();
      }
    });
  }

  it('is linked from the Overview and the Export page with the current area and year, and not from the menu', async () => {
    const page = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
    await page.goto(`${fixture.url}/?area=E08000035:north&period=2023`);
    await settle(page);
    expect(await page.locator('main a[href^="/board-pack"]').getAttribute('href')).toBe('/board-pack?area=E08000035%3Anorth&period=2023');
    expect(await page.getByRole('navigation', { name: 'Dashboard pages' }).getByRole('link', { name: /Board pack/ }).count()).toBe(0);
    await page.goto(`${fixture.url}/export?area=E08000035&period=2024`);
    await settle(page);
    expect(await page.locator('main a[href^="/board-pack"]').getAttribute('href')).toBe('/board-pack?area=E08000035&period=2024');
    expect(await page.locator('main a[href^="/api/export/board-pack.pdf"]').getAttribute('href')).toBe('/api/export/board-pack.pdf?area=E08000035&period=2024');
    await page.locator('main a[href^="/board-pack"]').click();
    await page.waitForSelector('[data-board-pack-status="ready"]');
    expect(new URL(page.url()).pathname).toBe('/board-pack');
    await page.close();
  });
});

describe('the board pack as a PDF', () => {
  it('fixture: GET /api/export/board-pack.pdf is A4, 2 to 6 pages, with the API’s figures and the data-quality statement', async () => {
    await pdfFromApi(fixture, 'board-pack-fixture', false);
  });

  it('synthetic: the same, with the synthetic-data warning on every page', async () => {
    expect(synthetic.extract, 'the synthetic generator is in place').toBe('synthetic');
    await pdfFromApi(synthetic, 'board-pack-synthetic', true);
  });

  it('npm run board-pack --url: a locality and an earlier year from a running dashboard', async () => {
    // Counts of events are published for calendar years only (server/disclosure/periods.ts), so the
    // board pack, which mixes them with snapshots, is a calendar year's.
    const areas = await api<AreasResponse>(synthetic, '/api/areas');
    const periods = await api<PeriodsResponse>(synthetic, '/api/periods');
    const locality = areas.areas.find((a) => a.area_type === 'locality');
    const la = areas.areas.find((a) => a.area_code === locality?.parent_code);
    const period = periods.periods.filter((p) => p.measures.includes('flow') && p.period !== periods.default_period).at(-1)?.period ?? '';
    expect(locality && la && period).toBeTruthy();
    const out = join(work, 'locality.pdf');
    const { stdout, stderr } = await run(tsx, [cli, '--out', out, '--url', synthetic.url, '--area', locality?.area_code ?? '', '--period', period], {
      cwd: repoRoot,
      timeout: 120_000,
      env: { ...process.env, DASHBOARD_TOKEN: tokenFor('analyst') },
    });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^wrote .*locality\.pdf: \d+ pages, \d+ KB, rendered in \d+\.\d s \(SYNTHETIC data: not real\)\n$/);
    const name = `${locality?.area_name ?? ''} locality, ${la?.area_name ?? ''}`;
    expect(squash(pdfText(out))).toContain(squash(`${name}, ${period}`));
    await expectPdfMatchesApi(synthetic, out, { area: locality?.area_code ?? '', areaName: name, period, financialYear: false }, true);
  });

  it('npm run board-pack from DB_PATH: the app served in-process on a loopback port', async () => {
    const dbPath = join(work, 'fixture.duckdb');
    const db = await Database.open(dbPath);
    await loadExtract(db, fixtureDir);
    db.close();
    const out = join(work, 'in-process.pdf');
    const started = performance.now();
    const { stdout, stderr } = await run(tsx, [cli, '--out', out], { cwd: repoRoot, timeout: 120_000, env: { ...process.env, DB_PATH: dbPath } });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^wrote .*in-process\.pdf: \d+ pages, \d+ KB, rendered in \d+\.\d s\n$/);
    timings['cli-in-process-fixture'] = { pages: pdfInfo(out).pages, bytes: readFileSync(out).length, ms: Math.round(performance.now() - started) };
    // The same extract as the fixture server, so the same figures.
    await expectPdfMatchesApi(fixture, out, await defaultView(fixture), false);
  });

  it('npm run board-pack: a page that reports an error, or a dashboard that cannot be reached, is one line and exit 1', async () => {
    // A proxy in front of the fixture dashboard whose answer for one indicator is a server error.
    const proxy = createServer((req, res) => {
      if (req.url?.startsWith('/api/indicators/ehc-plans-rate?')) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Internal error: the request could not be completed' }));
        return;
      }
      fetch(fixture.url + (req.url ?? '/'), { headers: req.headers.authorization ? { authorization: req.headers.authorization } : {} }).then(
        async (answer) => {
          const headers: Record<string, string> = {};
          answer.headers.forEach((value, key) => {
            if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(key)) headers[key] = value;
          });
          res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
        },
        () => res.writeHead(502).end(),
      );
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const failing = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const fail = (args: string[]) =>
      run(tsx, [cli, '--out', join(work, 'x.pdf'), ...args], { cwd: repoRoot, timeout: 90_000, env: { ...process.env, DASHBOARD_TOKEN: tokenFor('analyst') } }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
    try {
      const pageError = await fail(['--url', failing]);
      expect(pageError.code).toBe(1);
      expect(pageError.stderr.trim().split('\n')).toHaveLength(1);
      expect(pageError.stderr).toMatch(/^error: the board-pack page reported an error: EHC plans per 1,000 .*: Internal error/);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
    const unreachable = await fail(['--url', 'http://127.0.0.1:59998']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/^error: cannot reach the dashboard at http:\/\/127\.0\.0\.1:59998/);
    expect(existsSync(join(work, 'x.pdf'))).toBe(false);
  });
});
