import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackThemesResponse } from '../../server/analytics/feedback-contract.ts';
import { collectErrors, launchBrowser, runAxe, settle } from './browser.ts';
import { apiAuth, signedIn, startServer, type TestServer } from './server.ts';

// Issue 17, defect 8 (board wording): "you said, we did" responses that are mostly suppressed are explained in
// words rather than shown as a wall of c. On a synthetic extract (Leeds, 1,500 children) with the default threshold.

let browser: Browser;
let synthetic: TestServer;

beforeAll(async () => {
  [browser, synthetic] = await Promise.all([launchBrowser(), startServer({ extract: 'synthetic' })]);
});
afterAll(async () => {
  await browser?.close();
  await synthetic?.close();
});

async function open(path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ ...signedIn, viewport: { width, height: 900 } });
  await page.goto(synthetic.url + path);
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
