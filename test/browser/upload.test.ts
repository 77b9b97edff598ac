import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { Database } from '../../server/db/database.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import type { UploadList } from '../../contract/uploads.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { passwordFor, testAuth, tokenFor } from '../helpers/auth.ts';
import { fixtureEntries, makeZip } from '../uploads/upload-helpers.ts';
import { collectErrors, launchBrowser, runAxe, screenshot, settle } from './browser.ts';
import { buildWeb, fixtureDir, webDist } from './server.ts';

// The Upload an extract page in Chromium, signed in as the admin with a session cookie (so the page must send
// X-CSRF-Token): a missing file gives the error summary, the fixture zip is sent, progress is announced, and the
// validation report equals the API's; a zip the server refuses shows its reason. axe on each state.

let dir: string;
let db: Database;
let server: Server;
let url: string;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  await buildWeb();
  dir = mkdtempSync(join(tmpdir(), 'send-dashboard-upload-'));
  db = await Database.open(join(dir, 'test.duckdb'));
  // The returns test below pseudonymises with a key of its own, never the repository's.
  process.env.PSEUDONYM_KEY_PATH = join(dir, 'pseudonym.key');
  await loadExtract(db, fixtureDir);
  const uploadDir = join(dir, 'uploads');
  mkdirSync(uploadDir);
  const { app } = createApp({ db, config: { SUPPRESSION_THRESHOLD: 7, UPLOAD_DIR: uploadDir }, webDist, auth: testAuth() });
  server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors.push(...collectErrors(page));
  // Sign in as the page's own sign-in form does: a same-origin POST that sets the session cookie.
  await page.goto(`${url}/api/health`);
  const status = await page.evaluate(
    async ([name, password]) =>
      (await fetch('/api/auth/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) })).status,
    ['admin', passwordFor('admin')],
  );
  expect(status).toBe(200);
}, 120_000);

afterAll(async () => {
  delete process.env.PSEUDONYM_KEY_PATH;
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api<T>(path: string): Promise<T> {
  const response = await fetch(url + path, { headers: { Authorization: `Bearer ${tokenFor('admin')}` } });
  return (await response.json()) as T;
}

async function expectNoAxeViolations(): Promise<void> {
  expect(await runAxe(page)).toEqual([]);
}

async function chooseZip(name: string, bytes: Buffer): Promise<void> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  await page.setInputFiles('#extract-zip', file);
}

describe('Upload an extract', () => {
  it('asks for a file when none is chosen', async () => {
    await page.goto(`${url}/admin/upload`);
    await settle(page);
    expect(await page.locator('h1').textContent()).toBe('Upload an extract');
    await expectNoAxeViolations();
    await page.getByTestId('upload-button').click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Select a zip file of the extract');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    expect(await page.locator('#extract-zip').getAttribute('aria-describedby')).toContain('extract-zip-error');
    await expectNoAxeViolations();
  });

  it('shows the reason when the server refuses the zip, and nothing is loaded', async () => {
    await chooseZip('notes.zip', await makeZip([{ name: 'children.csv', data: 'x' }, { name: 'notes.txt', data: 'x' }]));
    await page.getByTestId('upload-button').click();
    await page.getByTestId('upload-failed').waitFor();
    expect(await page.getByTestId('error-summary').textContent()).toContain('"notes.txt", which is not an extract file');
    expect((await api<UploadList>('/api/admin/uploads')).uploads[0]?.status).toBe('failed');
    expect((await api<{ data: { data_version: number } }>('/api/data-status')).data.data_version).toBe(1);
    await expectNoAxeViolations();
  });

  it('loads the fixture zip, announcing progress, and shows the validation report', async () => {
    const announced: string[] = [];
    await page.exposeFunction('recordAnnouncement', (text: string) => void announced.push(text));
    await page.evaluate(() => {
      const region = document.querySelector('[data-testid="upload-status"]');
      if (!region) throw new Error('no live region');
      const record = (window as unknown as { recordAnnouncement: (t: string) => void }).recordAnnouncement;
      new MutationObserver(() => record(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    });
    await chooseZip('extract.zip', await makeZip(fixtureEntries()));
    await page.getByTestId('upload-button').click();
    await page.getByTestId('upload-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('upload-status').getAttribute('aria-live')).toBe('polite');
    expect(announced.at(-1)).toBe('The extract has been loaded. The validation report follows.');
    expect(announced.some((a) => /^(Checking every file|Writing to the database|Sending the zip): \d+%$/.test(a))).toBe(true);

    const list = await api<UploadList>('/api/admin/uploads');
    const report = list.uploads[0]?.report;
    if (!report) throw new Error('no report');
    expect(report.run_id).toBe(2);
    const rows = await page.getByTestId('upload-rows').textContent();
    expect(rows).toBe(`${report.rows_read} read, ${report.rows_loaded} loaded, ${report.rows_rejected} rejected`);
    const fileRows = page.getByTestId('upload-report').locator('tbody tr[data-file]');
    expect(await fileRows.count()).toBe(report.files.length);
    const children = report.files.find((f) => f.file_name === 'children.csv');
    const childrenCells = await page.locator('tr[data-file="children.csv"] td').allTextContents();
    expect(childrenCells.slice(1, 3)).toEqual([String(children?.rows_read), String(children?.rows_loaded)]);
    const reasons = report.files.reduce((n, f) => n + f.rejected.length, 0);
    expect(await page.getByTestId('upload-report').locator('tbody tr:not([data-file])').count()).toBe(reasons);
    // The API now serves the new load.
    expect((await api<{ data: { data_version: number } }>('/api/data-status')).data.data_version).toBe(2);
    await expectNoAxeViolations();
    await screenshot(page, 'upload-report');
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'no sideways scrolling at 360 px').toBeLessThanOrEqual(0);
    await expectNoAxeViolations();
    await screenshot(page, 'upload-report-360');
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it('loads a zip of SEN2 and CIN census returns and shows the records of each module', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${url}/admin/upload`);
    await settle(page);
    const returns = join(repoRoot, 'test', 'fixtures', 'returns');
    await chooseZip('returns.zip', await makeZip(readdirSync(returns).map((name) => ({ name, data: readFileSync(join(returns, name)) }))));
    await page.getByTestId('upload-button').click();
    await page.getByTestId('upload-report').waitFor({ timeout: 60_000 });
    const report = (await api<UploadList>('/api/admin/uploads')).uploads[0]?.report;
    if (!report?.returns) throw new Error('no returns in the report');
    const moduleRows = page.getByTestId('upload-report').locator('tbody tr[data-module]');
    expect(await moduleRows.count()).toBe(report.returns.length);
    const person = await page.locator('tr[data-module="sen2-2025.xml|Person"] td').allTextContents();
    expect(person).toEqual(['SEN2 2025', 'Person', '13', '11', '2 (15.4%)']);
    expect(await page.getByTestId('upload-report').textContent()).not.toMatch(/Amelia|Hart|T383200124001|LS1 4AB/);
    await expectNoAxeViolations();
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'no sideways scrolling at 360 px').toBeLessThanOrEqual(0);
    await expectNoAxeViolations();
  }, 120_000);
});
