import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { collectErrors, launchBrowser, runAxe, screenshotDir, settle } from './browser.ts';
import type { ForecastResponse } from '../../contract/forecast.ts';
import { apiAuth, signedIn, startServer, type TestServer } from './server.ts';

// Issue 17, defects 7 and 8 (the rest is in issue-17.test.ts): marks that say what they mean, on a synthetic
// extract (Leeds, 1,500 children).

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
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(300);
  return page;
}

/** Every bar of a chart (found by its title) with the value label drawn in its row: right ends and label edges. */
function barsAndLabels(page: Page, title: string) {
  return page.evaluate((t) => {
    const figure = [...document.querySelectorAll('figure.chart-block')].find((f) => f.querySelector('.chart-block__title')?.textContent?.startsWith(t));
    if (!figure) return null;
    const bars = [...figure.querySelectorAll('.recharts-bar-rectangle path')].map((p) => p.getBoundingClientRect());
    const labels = [...figure.querySelectorAll('.recharts-label-list text')].map((el) => ({ text: el.textContent ?? '', box: el.getBoundingClientRect() }));
    return labels.map((l) => {
      const middle = l.box.top + l.box.height / 2;
      const bar = bars.reduce((best, b) => (Math.abs(b.top + b.height / 2 - middle) < Math.abs(best.top + best.height / 2 - middle) ? b : best));
      return { text: l.text, barEnd: bar.right, labelLeft: l.box.left, labelRight: l.box.right };
    });
  }, title);
}

describe('defect 7: the median label of waits sits at the median', () => {
  for (const width of [1280, 360]) {
    it(`each "Weeks waiting so far" label touches the end of its median bar, not the quartile whisker (${width} px)`, async () => {
      const page = await open('/provision-gaps', width);
      const errors = collectErrors(page);
      const rows = await barsAndLabels(page, 'Weeks waiting so far');
      expect(rows, 'the waits chart is drawn').not.toBeNull();
      expect(rows?.length).toBeGreaterThan(0);
      for (const r of rows ?? []) {
        // Inside the bar, ending at its end, or just after it.
        const gap = Math.min(Math.abs(r.labelRight - r.barEnd), Math.abs(r.labelLeft - r.barEnd));
        expect(gap, `label ${r.text}: ${gap.toFixed(0)} px from the end of its bar`).toBeLessThan(12);
      }
      expect(await runAxe(page), `axe at ${width} px`).toEqual([]);
      expect(errors).toEqual([]);
      mkdirSync(screenshotDir, { recursive: true });
      await page.locator('figure.chart-block').filter({ has: page.locator('.chart-block__title', { hasText: 'Weeks waiting so far' }) }).screenshot({ path: join(screenshotDir, `issue17-waits-median-label-${width}.png`) });
      await page.close();
    });
  }
});

describe('defect 7: the forecast legend matches what the chart draws', () => {
  for (const width of [1280, 360]) {
    it(`a line is promised only when two or more counted years are drawn, else a single counted point (${width} px)`, async () => {
      const body = (await (await fetch(`${synthetic.url}/api/forecast`, apiAuth)).json()) as ForecastResponse;
      const counted = body.projection.filter((r) => r.breakdown_value === 'all' && r.kind === 'actual');
      expect(counted.length).toBeGreaterThan(0);
      const page = await open('/forecast', width);
      const errors = collectErrors(page);
      const legend = page.getByTestId('forecast-chart').locator('.chart-legend');
      expect(await legend.locator('.legend-swatch--line').count(), 'legend items drawn as a line').toBe(counted.length >= 2 ? 1 : 0);
      if (counted.length < 2) {
        const point = legend.locator('li', { has: page.locator('.legend-swatch--point') });
        expect(await point.count()).toBe(1);
        expect(await point.innerText()).toContain(`counted on 31 December ${counted[0]?.period}`);
      }
      expect(await runAxe(page), `axe at ${width} px`).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
