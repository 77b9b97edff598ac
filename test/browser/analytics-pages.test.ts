import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyResponse, ProvisionGapsResponse, WorkloadDefaultsResponse, WorkloadResponse } from '../../contract/analytics.ts';
import type { BudgetsResponse } from '../../contract/budgets.ts';
import type { FeedbackThemesResponse } from '../../contract/feedback.ts';
import type { ForecastResponse } from '../../contract/forecast.ts';
import type { PeriodsResponse } from '../../contract/indicators.ts';
import type { TransitionsResponse } from '../../contract/transitions.ts';
import { commissionerWords, count, largestGapSentence, oneDp, overlapSentence, percent, pounds, wholeNumber, workloadDisplay } from '../../web/src/analytics-format.ts';
import { collectErrors, launchBrowser, runAxe, screenshot, settle } from './browser.ts';
import { apiAuth, signedIn, startServer, type TestServer } from './server.ts';

// The commissioning analytics pages (provision gaps, EHC journey, forecast, workload planner) and the insight
// sections of the Local Offer, Personal budgets and Preparing for adulthood pages, on the hand-made fixture and on
// a small synthetic extract (1,500 children): the figures shown equal the API's, the workload planner recomputes
// after the form is edited with the keyboard (and reports bad input in an error summary), axe with the WCAG 2.0–2.2
// A/AA tags finds nothing, and every page is saved at 1280 and 360 px into test/artifacts/screenshots.

interface Env {
  server: TestServer;
  wide: Page;
  narrow: Page;
  /** Console errors and uncaught exceptions of both pages so far. */
  errors: () => string[];
}

let browser: Browser;
const envs: Partial<Record<'fixture' | 'synthetic', Env>> = {};

async function api<T>(env: Env, path: string): Promise<T> {
  const response = await fetch(env.server.url + path, apiAuth);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** Client-side navigation, as a menu link does (no reload), then wait for every request to finish. */
async function go(page: Page, path: string, title: string): Promise<void> {
  await page.evaluate((p) => {
    window.history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForFunction((t) => document.title.startsWith(`${t} – `), title);
  await settle(page);
}

/** Both widths at once; axe at 1280 px always and at 360 px when asked; a screenshot of each. */
async function both(env: Env, path: string, title: string, name: string, options: { axeNarrow?: boolean } = {}): Promise<void> {
  const check = async (page: Page, width: number) => {
    await go(page, path, title);
    expect(await page.locator('h1').allTextContents()).toEqual([title]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
    expect(await page.locator('.recharts-wrapper:not([inert] *)').count(), 'charts inert and aria-hidden').toBe(0);
    if (width === 1280 || options.axeNarrow) expect(await runAxe(page), `axe on ${path} at ${width} px`).toEqual([]);
    await screenshot(page, `analytics-${env.server.extract}-${name}-${width}`);
  };
  await Promise.all([check(env.wide, 1280), check(env.narrow, 360)]);
}

async function setUp(extract: 'fixture' | 'synthetic'): Promise<Env> {
  const server = await startServer({ extract });
  const wide = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
  const narrow = await browser.newPage({ ...signedIn, viewport: { width: 360, height: 800 } });
  const wideErrors = collectErrors(wide);
  const narrowErrors = collectErrors(narrow);
  const errors = () => [...wideErrors, ...narrowErrors];
  const env = { server, wide, narrow, errors };
  await Promise.all([wide.goto(server.url + '/'), narrow.goto(server.url + '/')]);
  await Promise.all([settle(wide), settle(narrow)]);
  return env;
}

beforeAll(async () => {
  browser = await launchBrowser();
  // Both extracts at once: the web app is built once per process (a lock shares the build with other test files).
  [envs.fixture, envs.synthetic] = await Promise.all([setUp('fixture'), setUp('synthetic')]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([envs.fixture?.server.close(), envs.synthetic?.server.close()]);
});

const env = (extract: 'fixture' | 'synthetic'): Env => {
  const e = envs[extract];
  if (!e) throw new Error(`${extract} not started`);
  return e;
};

/** A check run on both extracts side by side (each has its own server and browser pages). */
function onBoth(name: string, check: (extract: 'fixture' | 'synthetic') => Promise<void>): void {
  it(name, async () => {
    await Promise.all((['fixture', 'synthetic'] as const).map(check));
  });
}

describe('the fixture and a synthetic extract', () => {
  onBoth('Provision gaps: largest gaps as sentences, the heat map and its table, waits by commissioner, coverage and placements equal the API', async (extract) => {
    const e = env(extract);
    const data = await api<ProvisionGapsResponse>(e, '/api/analytics/provision-gaps');
    await both(e, '/provision-gaps', 'Provision gaps', 'provision-gaps');
    const page = e.wide;

    const sentences = page.getByTestId('largest-gap');
    expect(await sentences.count()).toBe(Math.min(10, data.largest_gaps.length));
    const first = data.largest_gaps[0];
    if (first) {
      const text = await sentences.first().textContent();
      expect(text).toBe(largestGapSentence(first, data.la));
      expect(text).toContain(`${first.demand} children`);
    } else {
      expect(await page.getByTestId('largest-gaps').locator('.state--empty').count()).toBe(1);
    }

    // The heat map: a row per category with children or places, a column per age band and all ages.
    const heat = page.getByTestId('heat-map');
    const la = data.grid.filter((c) => c.area_code === data.la.area_code);
    const shownCategories = new Set(la.filter((c) => !(c.demand.value === 0 && c.capacity.value === 0)).map((c) => c.category));
    expect(await heat.locator('tbody tr').count()).toBe(shownCategories.size);
    expect(await heat.locator('thead th').count()).toBe(data.age_bands.length + 1);
    // Every cell says its figures in words and marks its level by more than colour.
    const cell = la.find((c) => c.age_band === 'all' && c.demand.value !== null && (c.capacity.value ?? 0) > 0);
    if (cell) {
      const all = await heat.locator('td .visually-hidden').allTextContents();
      expect(all.some((t) => t.startsWith(`${count(cell.demand)} children,`))).toBe(true);
    }
    // The table behind it.
    const section = page.getByTestId('heat-map-section');
    await section.getByRole('button', { name: /Show as table/ }).click();
    const table = section.locator('.chart-block table').last();
    expect(await table.isVisible()).toBe(true);
    expect(await table.locator('tbody tr').count()).toBe(shownCategories.size * data.age_bands.length);

    // A locality view of the heat map, by the URL.
    if (data.localities.length > 0) {
      await page.getByLabel('Show', { exact: true }).selectOption('band:all');
      await page.getByRole('button', { name: 'Show heat map' }).click();
      await settle(page);
      expect(new URL(page.url()).searchParams.get('heat')).toBe('band:all');
      expect(await page.getByTestId('heat-map').locator('thead th').count()).toBe(data.localities.length + 2);
    }

    // Waits: the LA / ICB filter writes the URL, and the statement gives that commissioner's figures.
    const waits = page.getByTestId('waits');
    const allRow = data.commissioning.rows.find((r) => r.category === 'all' && r.commissioner === 'all');
    expect(await waits.getByTestId('waits-statements').textContent()).toContain(`${count(allRow!.children_waiting)} of ${count(allRow!.children_with_provision)} children`);
    const icb = data.commissioning.rows.filter((r) => r.commissioner_type === 'ICB' && r.category === 'all');
    if (icb.length > 0) {
      await waits.getByLabel('Commissioner', { exact: true }).selectOption('ICB');
      await waits.getByRole('button', { name: 'Show', exact: true }).click();
      await settle(page);
      expect(new URL(page.url()).searchParams.get('commissioner')).toBe('ICB');
      const text = await page.getByTestId('waits-statements').textContent();
      // Named, not coded (issue 17): "NHS West Yorkshire Integrated Care Board" for QWO.
      for (const r of icb) {
        const words = commissionerWords({ code: r.commissioner, type: 'ICB' });
        expect(text).toContain(words.charAt(0).toUpperCase() + words.slice(1));
      }
      expect(text).not.toContain('All commissioners');
    }
    // Coverage gaps and placements.
    expect(await page.getByTestId('age-coverage').locator('.statements li').count()).toBe(new Set(data.age_coverage.gaps.map((g) => g.category)).size);
    // The out-of-area share is the indicator's (plans with a setting location recorded), not a share of all plans.
    const share = data.placements.out_of_area_share;
    expect(await page.getByTestId('out-of-area-statement').textContent()).toMatch(new RegExp(`^${count(share.numerator)} of ${count(share.denominator)} EHC plans active on .* whose setting’s location is recorded`));
    expect(await page.getByTestId('waits-difference').textContent()).toMatch(/Median wait for provision to start/);

    // Every table shown and every details opened still passes axe (on the larger extract).
    if (extract === 'synthetic') {
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
        for (const b of document.querySelectorAll<HTMLButtonElement>('.chart-block__toggle')) if (/table/.test(b.textContent ?? '')) b.click();
      });
      expect(await runAxe(page)).toEqual([]);
      await screenshot(page, `analytics-${extract}-provision-gaps-tables-1280`);
    }
    expect(e.errors()).toEqual([]);
  });

  onBoth('EHC journey: step counts and median weeks, children waiting, and overlaps equal the API', async (extract) => {
    const e = env(extract);
    const data = await api<JourneyResponse>(e, '/api/analytics/journey');
    await both(e, '/journey', 'The EHC journey', 'journey');
    const page = e.wide;
    for (const s of data.steps) {
      expect(await page.getByTestId(`step-${s.step}-value`).textContent(), s.step).toBe(count(s.children));
      expect(await page.locator(`[data-testid="steps-chart"] tr[data-step="${s.step}"] [data-testid="step-median"]`).textContent()).toBe(
        s.time.median.value === null ? count(s.time.median) : oneDp(s.time.median.value),
      );
    }
    const all = data.waiting.rows.find((r) => r.age_band === 'all')!;
    expect(await page.getByTestId('waiting-open-value').textContent()).toBe(count(all.open_requests));
    expect(await page.getByTestId('waiting-6-value').textContent()).toBe(count(all.past_6_weeks_no_assessment_decision));
    expect(await page.getByTestId('waiting-20-value').textContent()).toBe(count(all.past_20_weeks_no_plan_decision));
    expect(await page.getByTestId('overlap-statement').allTextContents()).toEqual(data.overlap.map(overlapSentence));

    // A locality and an earlier calendar year, by the URL: the API is asked for the same. (The journey
    // counts events, so it is published for complete calendar years only: server/disclosure/periods.ts.)
    const locality = (await api<{ areas: { area_code: string; area_type: string }[] }>(e, '/api/areas')).areas.find((a) => a.area_type === 'locality');
    const periods = await api<PeriodsResponse>(e, '/api/periods');
    const earlier = periods.periods.filter((p) => p.measures.includes('flow') && p.period !== periods.default_period).at(-1)?.period;
    if (locality && earlier) {
      const path = `/journey?area=${encodeURIComponent(locality.area_code)}&period=${earlier}`;
      const local = await api<JourneyResponse>(e, `/api/analytics/journey?area=${encodeURIComponent(locality.area_code)}&period=${earlier}`);
      await go(page, path, 'The EHC journey');
      expect(await page.getByTestId('step-request-value').textContent()).toBe(count(local.steps[0]!.children));
      expect(await page.inputValue('#filter-area')).toBe(locality.area_code);
    }
    expect(e.errors()).toEqual([]);
  });

  onBoth('Forecast: the first projected year, the band, the method, the rates and the backtest error equal the API', async (extract) => {
    const e = env(extract);
    const data = await api<ForecastResponse>(e, '/api/forecast');
    await both(e, '/forecast', 'Forecast of EHC plans', 'forecast');
    const page = e.wide;
    const first = data.projection.find((r) => r.kind === 'projected')!;
    const plans = (v: number | null) => (v === null ? 'c' : wholeNumber(Math.round(v)));
    expect(await page.getByTestId('forecast-first-value').textContent()).toBe(plans(first.value));
    expect(await page.getByTestId('forecast-first').textContent()).toContain(`95% interval ${plans(first.lower_95)} to ${plans(first.upper_95)}`);
    expect(await page.getByTestId(`forecast-value-${first.period}`).textContent()).toBe(plans(first.value));
    // The projected years are drawn dotted and labelled "Projected" under the axis.
    expect(await page.locator('[data-testid="forecast-chart"] svg text').filter({ hasText: /^Projected$/ }).count()).toBe(data.model.projected_years.length);
    // The API's method word for word (split into paragraphs on the page).
    const paragraphs = await page.getByTestId('forecast-method').locator('p').allTextContents();
    expect(paragraphs.join(' ')).toBe(data.method);
    expect(await page.getByTestId('rates').locator('tbody tr').count()).toBe(data.rates.length);
    const total = data.backtest.summary.find((s) => s.breakdown === 'all');
    if (data.backtest.available && total?.mape != null) {
      expect(await page.getByTestId('backtest-summary').textContent()).toContain(`off by ${oneDp(total.mape)}% on average`);
      expect(await page.locator('tr[data-group="all"] [data-testid="backtest-mape"]').textContent()).toBe(`${oneDp(total.mape)}%`);
    } else {
      expect(await page.getByTestId('backtest').textContent()).toContain(data.backtest.note ?? 'no backtest');
    }

    // By age band: a chart for each band, through the page's filter form.
    const bands = await api<ForecastResponse>(e, '/api/forecast?by=age_band');
    await page.selectOption('#filter-by', 'age_band');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await settle(page);
    expect(new URL(page.url()).searchParams.get('by')).toBe('age_band');
    const groups = new Set(bands.projection.map((r) => r.breakdown_value));
    expect(await page.locator('[data-testid^="forecast-chart-"]').count()).toBe(groups.size);
    if (extract === 'synthetic') {
      expect(await runAxe(page)).toEqual([]);
      await screenshot(page, `analytics-${extract}-forecast-by-age-band-1280`);
    }
    expect(e.errors()).toEqual([]);
  });

  onBoth('Workload planner: prefilled with the defaults and their reasons; recomputes after keyboard edits; errors link to their fields', async (extract) => {
    const e = env(extract);
    const defaults = await api<WorkloadDefaultsResponse>(e, '/api/workload/defaults');
    await both(e, '/workload', 'Workload planner', 'workload', { axeNarrow: extract === 'synthetic' });
    const page = e.wide;
    expect(await page.inputValue('#workload-caseload')).toBe(defaults.defaults.caseload === null ? '' : String(defaults.defaults.caseload));
    expect(await page.inputValue('#workload-weeks-per-year')).toBe(String(defaults.defaults.weeks_per_year));
    expect(await page.locator('#workload-plans-per-coordinator-per-quarter-hint').textContent()).toBe(defaults.reasons.plans_per_coordinator_per_quarter);
    if (defaults.defaults.caseload !== null) {
      const initial = await api<WorkloadResponse>(
        e,
        `/api/workload?caseload=${defaults.defaults.caseload}&years=${defaults.defaults.years}&weeks_per_year=${defaults.defaults.weeks_per_year}&plans_per_coordinator_per_quarter=${defaults.defaults.plans_per_coordinator_per_quarter}`,
      );
      expect(await page.getByTestId('workload-fte-value').textContent()).toBe(workloadDisplay(initial).fte);
    }

    // Keyboard only: replace the caseload and the weeks, then press Enter.
    await page.locator('#workload-caseload').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('523');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('workload-years');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('52');
    await page.keyboard.press('Enter');
    await settle(page);
    await page.getByTestId('workload-results').waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('caseload')).toBe('523');
    expect(url.searchParams.get('weeks_per_year')).toBe('52');
    const result = await api<WorkloadResponse>(e, `/api/workload${url.search}`);
    const shown = workloadDisplay(result);
    expect(await page.getByTestId('workload-per-year-value').textContent()).toBe(shown.perYear);
    expect(await page.getByTestId('workload-per-week-value').textContent()).toBe(shown.perWeek);
    expect(await page.getByTestId('workload-fte-value').textContent()).toBe(shown.fte);
    expect(await page.getByTestId('workload-formula').textContent()).toContain(`= ${shown.fte}`);

    // Bad input: an error summary, focused, whose link moves focus to the field.
    await page.locator('#workload-years').fill('0');
    await page.locator('#workload-plans-per-coordinator-per-quarter').fill('lots');
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    expect(await summary.locator('a').allTextContents()).toEqual([
      'The years between reviews must be more than 0',
      'The reviews a coordinator completes must be a number, like 45 or 12.5',
    ]);
    expect(await page.locator('#workload-years').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).searchParams.get('years')).toBe(url.searchParams.get('years'));
    await summary.locator('a').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('workload-years');
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, `analytics-${extract}-workload-errors-1280`);
    expect(e.errors()).toEqual([]);
  });

  onBoth('Local Offer: feedback themes (count, share, rating, responses, quotes only where given) equal the API', async (extract) => {
    const e = env(extract);
    const data = await api<FeedbackThemesResponse>(e, '/api/feedback/themes');
    await both(e, '/local-offer', 'Local Offer and feedback', 'local-offer');
    const page = e.wide;
    const section = page.getByTestId('feedback-themes');
    if (data.comments.value === 0) {
      expect(await section.locator('.state--empty').count()).toBe(1);
    } else {
      for (const t of data.themes) {
        expect(await section.locator(`tr[data-theme="${t.theme}"] [data-testid="theme-comments"]`).textContent(), t.theme).toBe(count(t.comments));
        expect(await section.locator(`tr[data-theme="${t.theme}"] td`).nth(1).textContent()).toBe(percent(t.share));
        const rating = t.mean_rating.value === null ? (t.mean_rating.symbol ?? 'x') : oneDp(t.mean_rating.value);
        expect(await section.locator(`tr[data-theme="${t.theme}"] [data-testid="theme-rating"]`).textContent()).toMatch(new RegExp(`^${rating}`));
      }
      expect(await section.getByTestId('all-comments').textContent()).toBe(count(data.comments));
      expect(await section.getByTestId('quote').count()).toBe(data.themes.reduce((n, t) => n + t.quotes.length, 0));
      const quoted = data.themes.find((t) => t.quotes.length > 0);
      if (quoted) expect(await section.locator(`details[data-theme="${quoted.theme}"] [data-testid="quote"]`).first().textContent()).toBe(`“${quoted.quotes[0]}”`);
    }
    expect(e.errors()).toEqual([]);
  });

  onBoth('Personal budgets: take-up, amounts, health budgets and CNA-only budgets equal the API', async (extract) => {
    const e = env(extract);
    const data = await api<BudgetsResponse>(e, '/api/budgets');
    await both(e, '/personal-budgets', 'Personal budgets', 'personal-budgets');
    const page = e.wide;
    const w = data.take_up.with_budget;
    if (w.value !== null) expect(await page.getByTestId('take-up-statement').textContent()).toContain(`${w.numerator} of ${wholeNumber(w.denominator!)} (${oneDp(w.value)}%)`);
    for (const a of data.amounts) expect(await page.locator(`tr[data-element="${a.element}"] [data-testid="amount-median"]`).textContent(), a.element).toBe(pounds(a.median));
    expect(await page.getByTestId('sources-statement').textContent()).toContain(count(data.sources.budgets));
    expect(e.errors()).toEqual([]);
  });

  onBoth('Preparing for adulthood: outcomes by age, Care Act assessments and plans ceasing at 19 to 25 equal the API', async (extract) => {
    const e = env(extract);
    const data = await api<TransitionsResponse>(e, '/api/transitions');
    await both(e, '/preparing-for-adulthood', 'Preparing for adulthood and transitions', 'preparing-for-adulthood');
    const page = e.wide;
    const all = data.preparing_for_adulthood.rows.find((r) => r.group === 'all')!;
    if (all.young_people.value !== 0) expect(await page.getByTestId('pfa-all-employment').textContent()).toBe(percent(all.outcomes.employment));
    const care = data.care_act_transition_assessments.assessed_before_18;
    if (care.value !== null) expect(await page.getByTestId('care-act-statement').textContent()).toContain(`(${oneDp(care.value)}%)`);
    if (data.plans_ceased_19_to_25.plans.value !== 0) expect(await page.getByTestId('ceased-total').textContent()).toBe(count(data.plans_ceased_19_to_25.plans));

    // Single years of age, by the URL.
    await page.getByLabel('Group by').selectOption('age');
    await page.getByTestId('pfa-outcomes').getByRole('button', { name: 'Show', exact: true }).click();
    await settle(page);
    expect(new URL(page.url()).searchParams.get('pfa_by')).toBe('age');
    const byAge = await api<TransitionsResponse>(e, '/api/transitions?by=age');
    if (all.young_people.value !== 0) {
      expect(await page.locator('[data-testid="pfa-outcomes"] tr[data-group]').count()).toBe(byAge.preparing_for_adulthood.rows.filter((r) => r.group !== 'all').length);
    }
    expect(e.errors()).toEqual([]);
  });
});

describe('states', () => {
  it('shows an error when an endpoint fails and empty states when it has nothing, and both pass axe', async () => {
    const e = env('fixture');
    const page = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
    await page.route('**/api/analytics/journey*', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'Internal error: the request could not be completed' }) }),
    );
    await page.route('**/api/forecast*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as ForecastResponse;
      await route.fulfill({ response, json: { ...body, projection: [], rates: [], backtest: { ...body.backtest, available: false, rows: [], summary: [] } } });
    });
    await page.goto(`${e.server.url}/journey`);
    await settle(page);
    expect(await page.getByRole('alert').textContent()).toContain('Internal error: the request could not be completed');
    expect(await runAxe(page)).toEqual([]);
    await go(page, '/forecast', 'Forecast of EHC plans');
    expect(await page.getByTestId('projection').locator('.state--empty').textContent()).toContain('There is no projection');
    expect(await page.getByTestId('backtest').locator('.state--empty').count()).toBe(1);
    expect(await runAxe(page)).toEqual([]);
    await page.close();
  });
});

describe('size', () => {
  it('the Overview does not fetch the analytics pages’ code', async () => {
    const e = env('fixture');
    const page = await browser.newPage({ ...signedIn, viewport: { width: 1280, height: 900 } });
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(new URL(response.url()).pathname);
    });
    await page.goto(e.server.url + '/');
    await settle(page);
    expect(scripts.some((s) => /provision-gaps|journey|forecast|workload|analytics|category-bars|heat-map/.test(s)), scripts.join(', ')).toBe(false);
    await page.close();
  });
});
