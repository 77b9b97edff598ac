import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordFor } from '../helpers/auth.ts';
import { launchBrowser, runAxe, screenshot, settle } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

// Signing in through the form (no bearer token here): redirect to sign-in and back, the error summary, the menu
// by role with the commissioning pages grouped, the no-access page, sign-out, a session that ends mid-visit,
// and the admin Users page (its POST and DELETE need the CSRF token the web app sends). axe on each new page.

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ extract: 'fixture' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const heading = (page: Page) => page.locator('main h1').first().textContent();
const path = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;
const menu = (page: Page) => page.getByRole('navigation', { name: 'Dashboard pages' }).getByRole('link').allTextContents();

async function waitForSignIn(page: Page): Promise<void> {
  await page.waitForFunction(() => document.title.startsWith('Sign in'));
  await page.locator('#sign-in-name').waitFor();
}

async function signInWithForm(page: Page, name: string, password: string): Promise<void> {
  await page.fill('#sign-in-name', name);
  await page.fill('#sign-in-password', password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signedInPage(role: 'viewer' | 'commissioner' | 'analyst' | 'admin', start = '/'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + start);
  await waitForSignIn(page);
  await signInWithForm(page, role, passwordFor(role));
  await page.locator('[data-testid="signed-in-user"]').waitFor();
  await settle(page);
  return page;
}

const viewerMenu = ['Overview', 'Needs', 'Gaps', 'Outcomes', 'Local Offer', 'Personal budgets', 'Preparing for adulthood', 'Benchmarks', 'Compare', 'Data quality', 'Glossary'];
/** The menu with the commissioning section where its first page is, before Benchmarks. */
const withCommissioning = [...viewerMenu.slice(0, 7), 'Commissioning', ...viewerMenu.slice(7)];

describe('sign-in page', () => {
  it('anonymous visitors are sent to sign in, with errors in a GOV.UK error summary, then back to the page they asked for', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/needs?period=2023`);
    await waitForSignIn(page);
    expect(path(page)).toBe(`/sign-in?next=${encodeURIComponent('/needs?period=2023')}`);
    expect(await heading(page)).toBe('Sign in');
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Dashboard pages' }).count()).toBe(0);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'sign-in-1280');

    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.locator('li').allTextContents()).toEqual(['Enter your user name', 'Enter your password']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    expect(await page.locator('#sign-in-name').getAttribute('aria-describedby')).toBe('sign-in-name-error');
    expect(await runAxe(page)).toEqual([]);
    await summary.getByRole('link', { name: 'Enter your password' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-password');

    await signInWithForm(page, 'viewer', 'not the password');
    await page.waitForFunction(() => document.querySelector('[data-testid="error-summary"] li')?.textContent?.includes('not correct'));
    expect(await summary.locator('li').allTextContents()).toEqual(['The user name or password is not correct']);
    expect(await page.inputValue('#sign-in-password')).toBe('');
    await screenshot(page, 'sign-in-error-1280');

    await signInWithForm(page, 'viewer', passwordFor('viewer'));
    await page.waitForFunction(() => document.title.startsWith('Needs'));
    await settle(page);
    expect(path(page)).toBe('/needs?period=2023');
    expect(await page.getByTestId('signed-in-user').textContent()).toBe('Signed in as viewer (Viewer)');
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite }))).toEqual([{ name: 'send-session', httpOnly: true, sameSite: 'Strict' }]);
    await page.close();
  });

  it('narrow screens: the sign-in page is axe-clean at 360 px', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(`${server.url}/sign-in`);
    await waitForSignIn(page);
    expect(await runAxe(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'sign-in-360');
    await page.close();
  });
});

describe('roles in the web app', () => {
  it('a viewer sees only the dashboards in the menu, and "you do not have access" elsewhere', async () => {
    const page = await signedInPage('viewer');
    expect(await menu(page)).toEqual(viewerMenu);
    expect(await page.locator('footer').getByRole('link', { name: 'Export and API' }).count()).toBe(0);
    for (const [target, title] of [['/forecast', 'Forecast'], ['/export', 'Export'], ['/admin/users', 'Users']] as const) {
      await page.goto(server.url + target);
      await page.locator('main h1').waitFor();
      expect(await heading(page), target).toBe('You do not have access to this page');
      expect(await page.locator('main').textContent()).not.toContain(title === 'Forecast' ? 'five years' : 'workbook');
    }
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'no-access-1280');
    await page.close();
  });

  it('commissioners get the commissioning analytics as one menu item with its own menu; analysts add Export; admins add Admin', async () => {
    const commissioner = await signedInPage('commissioner');
    expect(await menu(commissioner)).toEqual(withCommissioning);
    await commissioner.getByRole('navigation', { name: 'Dashboard pages' }).getByRole('link', { name: 'Commissioning' }).click();
    await commissioner.waitForFunction(() => document.title.startsWith('Provision gaps'));
    await settle(commissioner);
    const sub = commissioner.getByRole('navigation', { name: 'Commissioning analytics pages' });
    expect(await sub.getByRole('link').allTextContents()).toEqual(['Provision gaps', 'EHC journey', 'Forecast', 'Workload planner']);
    expect(await sub.getByRole('link', { name: 'Provision gaps' }).getAttribute('aria-current')).toBe('page');
    await sub.getByRole('link', { name: 'Forecast' }).click();
    await commissioner.waitForFunction(() => document.title.startsWith('Forecast'));
    await settle(commissioner);
    expect(await runAxe(commissioner)).toEqual([]);
    await screenshot(commissioner, 'commissioning-sub-navigation-1280');
    await commissioner.close();

    const analyst = await signedInPage('analyst');
    expect(await menu(analyst)).toEqual([...withCommissioning, 'Export']);
    await analyst.close();

    const admin = await signedInPage('admin');
    expect(await menu(admin)).toEqual([...withCommissioning, 'Export', 'Admin']);
    await admin.close();
  });

  it('a 403 from the API (role lowered while signed in) shows the no-access page', async () => {
    const page = await signedInPage('commissioner', '/journey');
    expect(await heading(page)).toBe('The EHC journey');
    const user = server.auth.users.get('commissioner');
    if (!user) throw new Error('no commissioner');
    server.auth.users.put({ ...user, role: 'viewer' });
    try {
      await page.getByRole('navigation', { name: 'Commissioning analytics pages' }).getByRole('link', { name: 'Forecast' }).click();
      await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'You do not have access to this page');
    } finally {
      server.auth.users.put(user);
    }
    await page.close();
  });

  it('a session that ends mid-visit (401) goes to sign-in and back to the page', async () => {
    const page = await signedInPage('viewer');
    server.auth.sessions.destroyUser('viewer');
    await page.getByRole('navigation', { name: 'Dashboard pages' }).getByRole('link', { name: 'Benchmarks' }).click();
    await waitForSignIn(page);
    expect(path(page)).toMatch(/^\/sign-in\?next=%2Fbenchmarks/);
    await signInWithForm(page, 'viewer', passwordFor('viewer'));
    await page.waitForFunction(() => document.title.startsWith('Benchmarks'));
    expect(new URL(page.url()).pathname).toBe('/benchmarks');
    await page.close();
  });

  it('Sign out ends the session on the server and returns to the sign-in page', async () => {
    const page = await signedInPage('viewer');
    const [before] = await page.context().cookies();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForSignIn(page);
    expect(await page.context().cookies()).toEqual([]);
    const res = await fetch(`${server.url}/api/areas`, { headers: { cookie: `${before?.name ?? ''}=${before?.value ?? ''}` } });
    expect(res.status).toBe(401);
    await page.close();
  });
});

describe('admin Users page', () => {
  it('lists users, adds one, changes a role and removes it, with the CSRF token; errors in the summary', async () => {
    const page = await signedInPage('admin', '/admin/users');
    expect(await heading(page)).toBe('Users');
    const sub = page.getByRole('navigation', { name: 'Administration pages' });
    expect(await sub.getByRole('link', { name: 'Users' }).getAttribute('aria-current')).toBe('page');
    const rows = () => page.locator('[data-testid="users-table"] tbody th').allTextContents();
    expect(await rows()).toEqual(['admin', 'analyst', 'commissioner', 'viewer']);
    expect(await runAxe(page)).toEqual([]);

    await page.fill('#user-name', 'bad name!');
    await page.fill('#user-password', 'short');
    await page.getByRole('button', { name: 'Save user' }).click();
    expect(await page.getByTestId('error-summary').locator('li').count()).toBe(2);
    expect(await runAxe(page)).toEqual([]);

    await page.fill('#user-name', 'frank');
    await page.fill('#user-password', 'franks long password');
    await page.getByLabel('Commissioner').check();
    await page.getByRole('button', { name: 'Save user' }).click();
    await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent === 'frank saved as commissioner');
    expect(await rows()).toEqual(['admin', 'analyst', 'commissioner', 'frank', 'viewer']);
    expect(server.auth.users.get('frank')?.role).toBe('commissioner');

    await page.fill('#user-name', 'frank');
    await page.getByLabel('Analyst').check();
    await page.getByRole('button', { name: 'Save user' }).click();
    await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent === 'frank saved as analyst');
    expect(server.auth.users.get('frank')?.role).toBe('analyst');

    await page.getByRole('button', { name: 'Remove frank' }).click();
    await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent === 'frank removed');
    expect(await rows()).toEqual(['admin', 'analyst', 'commissioner', 'viewer']);
    await screenshot(page, 'admin-users-1280');
    await page.close();
  });
});
