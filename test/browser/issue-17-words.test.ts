import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackThemesResponse } from '../../contract/feedback.ts';
import { collectErrors, launchBrowser, runAxe, settle } from './browser.ts';
import { apiAuth, signedIn, startServer, type TestServer } from './server.ts';

// Issue 17, defect 8 (board wording): "you said, we did" responses that are mostly suppressed are explained in
// words rather than shown as a wall of c. On a synthetic extract (Leeds, 1,500 children) with the default threshold.
// Defect 8's data notes: why rows were rejected, in words, not the validator's field names ("end_date is before
// start_date"), on the hand-made fixture (which has such rows).

let browser: Browser;
let synthetic: TestServer;
let fixture: TestServer;

beforeAll(async () => {
  [browser, synthetic, fixture] = await Promise.all([launchBrowser(), startServer({ extract: 'synthetic' }), startServer({ extract: 'fixture' })]);
});
afterAll(async () => {
  await browser?.close();
  await synthetic?.close();
  await fixture?.close();
});

async function open(path: string, width = 1280, server: TestServer = synthetic): Promise<Page> {
  const page = await browser.newPage({ ...signedIn, viewport: { width, height: 900 } });
  await page.goto(server.url + path);
  await settle(page);
  await page.waitForFunction(() => document.querySelectorAll('.state--loading').length === 0, undefined, { timeout: 30_000 });
  return page;
}

const responseKeys = ['responded', 'service_changed', 'none', 'not_recorded'] as const;

describe('defect 8: "you said, we did" is not a wall of c', () => {
  for (const width of [1280, 360]) {
    it(`most responses suppressed: the page says why in words, links to c in the glossary, and shows few c cells (${width} px)`, async () => {
      const page = await open('/local-offer', width);
      const errors = collectErrors(page);
      const query = new URL(page.url()).search;
      const body = (await (await fetch(`${synthetic.url}/api/feedback/themes${query}`, apiAuth)).json()) as FeedbackThemesResponse;
      const cells = body.themes.flatMap((t) => responseKeys.map((k) => t.responses[k]));
      const suppressed = cells.filter((c) => c.symbol === 'c').length;
      // The defect's premise on this extract: most responses by theme are suppressed.
      expect(suppressed / cells.length).toBeGreaterThan(0.5);
      const section = page.getByTestId('feedback-themes');
      // What the page shows of the responses: tables captioned "you said, we did", and the block that explains them.
      const responseTables = section.locator('table', { has: page.locator('caption', { hasText: 'you said, we did' }) });
      const shown = [...(await responseTables.allInnerTexts()), ...(await section.getByTestId('you-said-we-did').allInnerTexts())].join('\n');
      const cMarks = shown.match(/(^|[\s(])c(?=[\s).,;]|$)/g)?.length ?? 0;
      expect(cMarks, `${cMarks} c marks in:\n${shown}`).toBeLessThanOrEqual(1);
      // Why, in words, with the symbol's glossary entry.
      const why = section.locator('p', { hasText: /you said, we did/i }).filter({ has: page.locator('a[href="/glossary#symbol-c"]') });
      expect(await why.count()).toBe(1);
      expect(await why.innerText()).toMatch(/too small to publish/);
      // Every share the API publishes is still on the page; nothing it withheld is.
      for (const t of body.themes) {
        for (const k of responseKeys) {
          const v = t.responses[k].value;
          if (v !== null) expect(shown, `${t.label} ${k}`).toContain(`${v.toFixed(1)}%`);
        }
      }
      const percents = shown.match(/\d+\.\d%/g) ?? [];
      expect(percents.length).toBe(cells.filter((c) => c.value !== null).length);
      expect(await runAxe(page), `axe at ${width} px`).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

/** Field and table names as the loader spells them: end_date, ehc_plans, rows_rejected. */
const snakeCase = /\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g;

describe('defect 8: rejection reasons in plain English, not field names', () => {
  it('the board pack, the data quality page and the data notes name no raw field', async () => {
    const status = (await (await fetch(`${fixture.url}/api/data-status`, apiAuth)).json()) as { quarantine: { reason: string }[] };
    // The premise: the fixture's loader wrote reasons with field names.
    expect(status.quarantine.some((q) => /end_date is before start_date/.test(q.reason))).toBe(true);
    for (const width of [1280, 360]) {
      const pack = await open('/board-pack', width, fixture);
      const rows = await pack.getByTestId('board-pack-rows').innerText();
      expect(rows).toMatch(/most common reason/);
      expect(rows.match(snakeCase), rows).toBeNull();
      expect(await runAxe(pack), `board pack axe at ${width} px`).toEqual([]);
      await pack.close();
      const quality = await open('/data-quality', width, fixture);
      const reasons = await quality.locator('table', { has: quality.locator('th', { hasText: 'Reason' }) }).locator('tbody th').allInnerTexts();
      expect(reasons.length).toBeGreaterThan(0);
      for (const r of reasons) expect(r.match(snakeCase), r).toBeNull();
      expect(reasons).toContain('End date is before start date');
      expect(await runAxe(quality), `data quality axe at ${width} px`).toEqual([]);
      await quality.close();
      const needs = await open('/needs', width, fixture);
      const notes = await needs.locator('[data-testid^="data-notes-"]').allTextContents();
      expect(notes.length).toBeGreaterThan(0);
      for (const n of notes) expect(n.replace(/Data notes: /, '').match(snakeCase), n).toBeNull();
      await needs.close();
    }
  });
});
