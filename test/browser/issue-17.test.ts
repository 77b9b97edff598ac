import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueResponse } from '../../contract/indicators.ts';
import { authHeader } from '../helpers/auth.ts';
import { artifactsDir, collectErrors, launchBrowser, runAxe, screenshot, settle } from './browser.ts';
import { apiAuth, signedIn, startServer, type TestServer } from './server.ts';

// Issue 17, tried as a board member, a commissioner and a JSNA author would: deep links land on their section,
// the board-pack PDF reaches board members and a failed download is shown, names not codes, the Benchmarks page
// draws what it says, the heat map at 375 px, plain words on pages, the glossary, the interval in words, toggles
// with aria-expanded and the workload planner's messages. On the hand-made fixture (small) and a synthetic
// extract (1,500 children, Leeds, with the ICB code QWO); screenshots into test/artifacts/screenshots.

let browser: Browser;
let fixture: TestServer;
let synthetic: TestServer;

beforeAll(async () => {
  [browser, fixture, synthetic] = await Promise.all([launchBrowser(), startServer({ extract: 'fixture' }), startServer({ extract: 'synthetic' })]);
});
afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await synthetic?.close();
});

async function open(server: TestServer, path: string, options: { width?: number; role?: 'viewer' | 'analyst' } = {}): Promise<Page> {
  const headers = options.role ? { extraHTTPHeaders: authHeader(options.role) } : signedIn;
  const page = await browser.newPage({ ...headers, viewport: { width: options.width ?? 1280, height: 900 } });
  await page.goto(server.url + path);
  await settle(page);
  return page;
}

/** Waits until no section is loading any more, then two frames (charts measure themselves). */
async function allLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.state--loading').length === 0, undefined, { timeout: 30_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(300);
}

/** How far the section's top is from the top of the viewport, in px (0 = exactly at the top). */
const offsetOf = (page: Page, id: string): Promise<number> => page.evaluate((i) => document.getElementById(i)?.getBoundingClientRect().top ?? Number.NaN, id);

/** Visible text of main, with runs of whitespace as one space. */
const mainText = async (page: Page): Promise<string> => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

describe('defect 1: tiles and #anchors land on their section while the page grows', () => {
  it('the Overview tile "Local Offer feedback rated good or very good" lands on its own section', async () => {
    const page = await open(synthetic, '/');
    const tile = page.locator('[data-indicator="feedback-satisfaction"] h3 a');
    await tile.click();
    await page.waitForURL(/\/outcomes.*#feedback-satisfaction$/);
    await allLoaded(page);
    const top = await offsetOf(page, 'feedback-satisfaction');
    expect(Math.abs(top), `section top ${top} px from the viewport top`).toBeLessThan(60);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('feedback-satisfaction');
    await page.close();
  });

  it('/needs#… and /outcomes#… opened directly land on the section, for every section of the page', async () => {
    const catalogue = (await (await fetch(`${synthetic.url}/api/indicators`, apiAuth)).json()) as CatalogueResponse;
    for (const group of ['needs', 'outcomes'] as const) {
      const ids = catalogue.indicators.filter((m) => m.group === group).map((m) => m.id);
      for (const id of [ids.at(-1), ids.at(Math.floor(ids.length / 2))]) {
        const page = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
        await page.goto(`${synthetic.url}/${group}#${id}`);
        await settle(page);
        await allLoaded(page);
        const top = await offsetOf(page, id ?? '');
        // The last section may be too short to reach the top: then the page is scrolled to its end.
        const atEnd = await page.evaluate(() => Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 2);
        expect(Math.abs(top) < 60 || (atEnd && top > 0 && top < 900), `/${group}#${id}: section top ${top} px`).toBe(true);
        await page.close();
      }
    }
  });
});

describe('defect 2: the board-pack PDF for board members, and a failed download is shown', () => {
  it('a viewer may download the board pack PDF (not 403)', async () => {
    const res = await fetch(`${fixture.url}/api/export/board-pack.pdf?area=E08000036`, { headers: authHeader('viewer') });
    expect(res.status).toBe(404); // an unknown area: refused by the route, not by the role table
    const csv = await fetch(`${fixture.url}/api/export/ehc-plans-rate.csv`, { headers: authHeader('viewer') });
    expect(csv.status).toBe(403); // the other exports stay with analysts
  });

  it('a download that fails shows its reason on the page instead of being dropped', async () => {
    const page = await open(fixture, '/board-pack', { role: 'viewer' });
    const link = page.getByRole('link', { name: /download the board pack as a pdf/i });
    expect(await link.count()).toBe(1);
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium-for-this-test';
    try {
      await link.click();
      const alert = page.locator('[data-testid="board-pack-download-error"]');
      await alert.waitFor({ timeout: 10_000 });
      expect(await alert.getAttribute('role')).toBe('alert');
      expect(await alert.innerText()).toMatch(/could not be downloaded/i);
      expect(await alert.innerText()).toMatch(/not available on this server/i);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
    await page.close();
  });
});

describe('defect 3: who commissions a gap, in names', () => {
  it('the Provision gaps page names the ICB and the LA, never their codes', async () => {
    const page = await open(synthetic, '/provision-gaps');
    await allLoaded(page);
    const text = await mainText(page);
    expect(text).toContain('NHS West Yorkshire Integrated Care Board');
    for (const code of [/\bQWO\b/, /\bQwo\b/, /E08000035/, /integrated care board \(icb\)/]) expect(text).not.toMatch(code);
    // The commissioner filter: the ICB's waits, by name.
    await page.goto(`${synthetic.url}/provision-gaps?commissioner=ICB`);
    await settle(page);
    const waits = await page.locator('[data-testid="waits"]').innerText();
    expect(waits).not.toMatch(/\bQWO\b|\(icb\)/);
    await page.close();
  });
});

describe('defect 4: Benchmarks draws as many rows as it says, marks by comparison, with values', () => {
  it('every row counted is drawn and tabled, none is junk, and the LA mark carries its comparison', async () => {
    const page = await open(synthetic, '/benchmarks');
    await allLoaded(page);
    const summary = await page.locator('[data-testid="spine-chart"] [data-testid="chart-summary"]').innerText();
    const said = Number(/On (\d+) published indicators?/.exec(summary)?.[1]);
    const marks = page.locator('[data-testid="spine-chart"] [data-spine-la]');
    expect(await marks.count(), 'LA marks drawn').toBe(said);
    const rows = page.locator('[data-testid="spine-chart"] table tbody tr');
    expect(await rows.count(), 'table rows').toBe(said);
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allInnerTexts();
      expect(cells.filter((c) => c.trim() === 'x').length, `junk row: ${cells.join(' | ')}`).toBeLessThan(5);
    }
    // Each mark's shape follows the comparison stated in the table: not the same red circle on every row.
    const stated = await page.locator('[data-testid="spine-chart"] table tbody tr [data-testid="spine-comparison"]').allInnerTexts();
    expect(stated.length).toBe(said);
    const drawn = await marks.evaluateAll((els) => els.map((e) => ({ significance: e.getAttribute('data-significance'), shape: e.tagName.toLowerCase() })));
    drawn.forEach((d, i) => expect((d.significance ?? '').replace('-', ' ')).toBe((stated[i] ?? '').toLowerCase().replace(/ than.*$/, '')));
    // Values printed beside the marks, for every row where the LA has a figure (else its symbol, in words).
    const figures = (await page.locator('[data-testid="spine-chart"] table [data-testid="spine-la-value"]').allInnerTexts()).filter((v) => /\d/.test(v));
    const values = await page.locator('[data-testid="spine-chart"] [data-spine-value]').allTextContents();
    expect(values.length).toBe(figures.length);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v).toMatch(/\d/);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'issue17-benchmarks-1280');
    await page.close();
  });
});

describe('defect 5: the heat map at 375 and 360 px', () => {
  for (const width of [375, 360]) {
    it(`every column can be reached, with a cue to scroll, at ${width} px`, async () => {
      const page = await open(synthetic, '/provision-gaps', { width });
      await allLoaded(page);
      const region = page.locator('.heat-map-scroll').first();
      const { scrollWidth, clientWidth } = await region.evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
      if (scrollWidth > clientWidth + 1) {
        // The heat map's own cue, just above it (every scrolling table on the page has one; some sit in closed details).
        const cue = region.locator('xpath=preceding-sibling::p[@data-testid="scroll-cue"][1]');
        expect(await cue.isVisible(), 'a visible cue that the table scrolls sideways').toBe(true);
        expect(await cue.innerText()).toMatch(/scroll/i);
      }
      // Scrolled to its end, the last column header is wholly on screen.
      await region.evaluate((e) => e.scrollTo({ left: e.scrollWidth }));
      const last = await page.locator('.heat-map thead th').last().boundingBox();
      expect(last && last.x >= 0 && last.x + last.width <= width + 1, `last column at ${JSON.stringify(last)}`).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      expect(await runAxe(page)).toEqual([]);
      await screenshot(page, `issue17-provision-gaps-${width}`);
      await page.close();
    });
  }
});

describe('defect 6: plain words on pages, DfE labels, names', () => {
  const developerWords = [
    /places_per_year/,
    /setting_in_area/,
    /\b[a-z]+_[a-z_]+\b/,
    /\b[A-Z]+_[A-Z_]+\b/,
    /quantile_cont/,
    /type 7/,
    /the [a-z-]+ numerator/,
    /The API[’']s formula/,
    /per_year\s*=/,
    /Fe college/,
    /Post16/,
    /\bleeds\b/,
  ];
  for (const path of ['/provision-gaps', '/journey', '/workload', '/forecast', '/gaps', '/needs']) {
    it(`${path} has no developer words`, async () => {
      const page = await open(synthetic, path);
      await allLoaded(page);
      // Open every details element and every table, so hidden words are read too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
      // Identifiers deliberately set as code (extract file and DfE column names in "About this indicator") are not words.
      const text = (await page.locator('main').evaluate((main) => {
        const copy = main.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('code').forEach((c) => c.remove());
        document.body.append(copy);
        const words = copy.innerText;
        copy.remove();
        return words;
      })).replace(/\s+/g, ' ');
      for (const word of developerWords) {
        const found = word.exec(text);
        expect(found ? text.slice(Math.max(0, found.index - 80), found.index + 40) : null, `${path}: ${String(word)}`).toBeNull();
      }
      await page.close();
    });
  }
});

describe('defect 7: marks that tell the truth', () => {
  it('heat map places are whole, and the largest gaps say what they are ordered by', async () => {
    const page = await open(synthetic, '/provision-gaps');
    await allLoaded(page);
    const subs = await page.locator('.heat-map__sub').allTextContents();
    for (const s of subs) expect(s, 'children / places').not.toMatch(/\d\.\d/);
    const gaps = await page.locator('#largest-gaps').innerText();
    expect(gaps).toMatch(/ordered by|largest shortfall/i);
    await page.close();
  });
});

describe('plain language for boards: the glossary and the interval in words', () => {
  it('the glossary is in the menu for a viewer, and its entries are link targets', async () => {
    const page = await open(fixture, '/', { role: 'viewer' });
    const link = page.locator('nav[aria-label="Dashboard pages"] a', { hasText: 'Glossary' });
    expect(await link.count()).toBe(1);
    await link.click();
    await page.waitForURL(/\/glossary/);
    await settle(page);
    for (const term of ['EHC plan', 'CNA', 'ICB', 'Local Offer', 'Confidence interval', 'c', 'x', 'z', 'Part-year']) {
      expect(await page.locator('[data-testid="glossary"] dt').filter({ hasText: new RegExp(`^${term}\\b`) }).count(), term).toBeGreaterThan(0);
    }
    expect(await runAxe(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'issue17-glossary-360');
    await page.goto(`${fixture.url}/glossary#symbol-c`);
    await settle(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('symbol-c');
    await page.close();
  });

  for (const path of ['/', '/needs', '/board-pack']) {
    it(`${path} explains the 95% interval once, in words, and links to the glossary`, async () => {
      const page = await open(fixture, path, { role: 'viewer' });
      await allLoaded(page);
      const text = await mainText(page);
      expect(text.match(/we can be 95% sure the true figure is between/g)?.length ?? 0).toBe(1);
      expect(await page.locator('main a[href="/glossary#ci"]').count()).toBeGreaterThan(0);
      await page.close();
    });
  }

  it('the board pack explains c and x in its summary, before the first group (page 1 of the PDF)', async () => {
    const page = await open(fixture, '/board-pack', { role: 'viewer' });
    await allLoaded(page);
    const summary = (await page.locator('.board-pack-section--summary').innerText()).replace(/\s+/g, ' ');
    expect(summary).toMatch(/c\b.*suppressed/i);
    expect(summary).toMatch(/x\b.*cannot be calculated/i);
    await page.close();
  });
});

describe('defect 8: the board-pack PDF has no two-thirds blank pages', () => {
  it('every page between the summary and the data statement is filled to at least 60% of its height', async () => {
    const page = await open(synthetic, '/board-pack', { role: 'viewer' });
    await page.waitForSelector('[data-board-pack-status="ready"]', { timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.close();
    mkdirSync(artifactsDir, { recursive: true });
    const path = join(artifactsDir, 'issue17-board-pack.pdf');
    writeFileSync(path, pdf);
    // pdftotext -bbox: every word with its box, page by page; the lowest word's bottom is how far the page is filled.
    const html = spawnSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' }).stdout;
    const pages = html.split('<page ').slice(1).map((p) => {
      const height = Number(/height="([\d.]+)"/.exec(p)?.[1]);
      // Words in the bottom margin (16 mm, 45 pt) are the running footer ("Leeds, 2024: SEND JSNA board pack  Page 2 of 6").
      const bottoms = [...p.matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1])).filter((y) => y < height - 47);
      return { height, filled: Math.max(0, ...bottoms) / height };
    });
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // The first page (summary) and the data statement start on their own page, so the page before the data
    // statement and the last page may be short; the pages of indicators between them must not be.
    const middle = pages.slice(1, -2);
    for (const [i, p] of middle.entries()) expect(p.filled, `page ${i + 2} of ${pages.length} filled ${(p.filled * 100).toFixed(0)}%`).toBeGreaterThan(0.6);
  });
});

describe('defect 9: the Export page', () => {
  it('offers the area and year, links breakdowns to labelled CSVs, and says nothing about "more exports coming"', async () => {
    const page = await open(fixture, '/export?area=E08000035%3Anorth&period=2023');
    const text = await mainText(page);
    expect(text).not.toMatch(/More exports are coming/);
    expect(await page.locator('select[name="area"]').count(), 'area choice').toBe(1);
    expect(await page.locator('select[name="period"]').count(), 'year choice').toBe(1);
    const links = page.locator('[data-testid="breakdown-csv"]');
    expect(await links.count()).toBeGreaterThan(0);
    for (const link of await links.all()) {
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toMatch(/^\/api\/export\/[a-z0-9-]+\.csv\?/);
      expect(href).toContain('area=E08000035%3Anorth');
      expect(href).toContain('period=2023');
      const label = (await link.evaluate((a) => a.firstChild?.textContent ?? '')).trim();
      expect(label, href).toMatch(/^[A-Z][a-z]/);
      expect(label, href).not.toMatch(/_/);
    }
    const first = (await links.first().getAttribute('href')) ?? '';
    const res = await fetch(fixture.url + first, apiAuth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await runAxe(page)).toEqual([]);
    await page.close();
  });
});

describe('defect 10: toggles, the small extract, the workload planner', () => {
  it('every "Show as table" toggle says whether it is expanded', async () => {
    const page = await open(synthetic, '/provision-gaps');
    await allLoaded(page);
    const toggles = page.locator('button.chart-block__toggle');
    expect(await toggles.count()).toBeGreaterThan(0);
    for (const t of await toggles.all()) expect(await t.getAttribute('aria-expanded')).toBe('false');
    await toggles.first().click();
    expect(await toggles.first().getAttribute('aria-expanded')).toBe('true');
    await page.close();
  });

  it('the Provision gaps page on the small fixture passes axe at 1280 and 360 px', async () => {
    const errors: string[] = [];
    for (const width of [1280, 360]) {
      const page = await open(fixture, '/provision-gaps', { width });
      errors.push(...collectErrors(page));
      await allLoaded(page);
      expect(await runAxe(page), `axe at ${width} px`).toEqual([]);
      await screenshot(page, `issue17-provision-gaps-fixture-${width}`);
      await page.close();
    }
    expect(errors).toEqual([]);
  });

  it('the workload planner offers area and year, links to the forecast, and says what a negative number needs', async () => {
    const page = await open(synthetic, '/workload');
    await allLoaded(page);
    expect(await page.locator('select[name="area"]').count(), 'area choice').toBe(1);
    expect(await page.locator('select[name="period"]').count(), 'year choice').toBe(1);
    expect(await page.locator('main a[href^="/forecast"]').count(), 'link to the forecast').toBeGreaterThan(0);
    const caseload = page.locator('#workload-caseload');
    await caseload.fill('-5');
    await page.locator('[data-testid="workload-calculate"]').click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Enter a number more than 0/);
    expect(await summary.innerText()).not.toMatch(/must be a number/);
    expect(await runAxe(page)).toEqual([]);
    await page.close();
  });
});
