import { execFile, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorMeta, IndicatorRow } from '../../contract/indicators.ts';
import { createTestApp } from '../helpers/auth.ts';
import { loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import { RenderQueue } from '../../server/exports/board-pack.ts';
import { selfBaseUrl } from '../../server/api/board-pack-route.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { indicatorMeta } from '../../server/indicators/engine.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { changeSince, comparisonCell, disclosureStatement, keyMessages } from '../../web/src/components/board-pack-text.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// The board pack's command line and API route where no browser is needed: failures are one line (CLI) or a
// JSON error (API), never a stack trace; plus the render queue and the pack's plain-English text. The PDFs
// themselves are rendered and read back in test/browser/board-pack.test.ts.

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const runAsync = promisify(execFile);
const cli = join(repoRoot, 'server', 'cli', 'board-pack.ts');
const out = mkdtempSync(join(tmpdir(), 'board-pack-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(tsx, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
}

function expectOneLineError(r: ReturnType<typeof run>, mention: RegExp | string): void {
  expect(r.status, r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(mention);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('npm run board-pack: failures are one line and exit 1', () => {
  it('Chromium missing (CHROMIUM_PATH names no file): one line, exit 1, no PDF written', () => {
    const pdf = join(out, 'no-chromium.pdf');
    const r = run(['--out', pdf], { CHROMIUM_PATH: join(out, 'no-such-chromium') });
    expectOneLineError(r, `needs Chromium, and there is none at ${join(out, 'no-such-chromium')}`);
    expect(r.stderr).toContain('CHROMIUM_PATH');
    expect(r.stdout).toBe('');
    expect(existsSync(pdf)).toBe(false);
  });

  // From here CHROMIUM_PATH names an executable (node itself): these fail before a browser is started.
  const fakeChromium = { CHROMIUM_PATH: process.execPath };

  it.each([
    [[], '--out <file.pdf> is required'],
    [['--out', 'x.pdf', '--area', 'leeds'], '--area must be an LA ONS code'],
    [['--out', 'x.pdf', '--period', '24'], '--period must be a calendar year'],
    [['--out', 'x.pdf', '--url', 'not a url'], '--url must be an address'],
    [['--out', 'x.pdf', '--colour', 'red'], 'colour'],
  ])('rejects %j', (args, mention) => {
    expectOneLineError(run(args, fakeChromium), mention);
  });

  it('a dashboard that cannot be reached', () => {
    expectOneLineError(run(['--out', join(out, 'x.pdf'), '--url', 'http://127.0.0.1:59999'], fakeChromium), /cannot reach the dashboard at http:\/\/127\.0\.0\.1:59999/);
  });

  it('a running dashboard without DASHBOARD_TOKEN (or with a wrong one) says how to get a token', async () => {
    const t = await fixtureDatabase();
    const server = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).server.listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const token of [undefined, 'sjcd_not-a-token']) {
        const env: NodeJS.ProcessEnv = { ...process.env, ...fakeChromium };
        if (token) env.DASHBOARD_TOKEN = token;
        else delete env.DASHBOARD_TOKEN;
        const r = await runAsync(tsx, [cli, '--out', join(out, 'x.pdf'), '--url', url], { cwd: repoRoot, encoding: 'utf8', env }).then(
          () => ({ status: 0, stderr: '' }),
          (e: { code: number; stderr: string }) => ({ status: e.code, stderr: e.stderr }),
        );
        expectOneLineError({ ...r, stdout: '' } as ReturnType<typeof run>, /needs a signed-in user: set DASHBOARD_TOKEN to a bearer token from `npm run users -- token <name>`/);
      }
    } finally {
      server.close();
      t.cleanup();
    }
  });

  it('no database at DB_PATH', () => {
    expectOneLineError(run(['--out', join(out, 'x.pdf')], { ...fakeChromium, DB_PATH: join(out, 'none.duckdb') }), /no database at .*none\.duckdb.*--url/);
  });

  it('the database is held by another process (a running server): asks for --url', async () => {
    const held = await fixtureDatabase();
    try {
      const r = run(['--out', join(out, 'x.pdf')], { ...fakeChromium, DB_PATH: held.path, PORT: '3123' });
      expectOneLineError(r, /is in use by another process .*pass --url http:\/\/127\.0\.0\.1:3123/);
    } finally {
      held.cleanup();
    }
  });
});

describe('GET /api/export/board-pack.pdf without a browser', () => {
  let t: TempDb;
  let app: Parameters<typeof request>[0];
  const saved = process.env.CHROMIUM_PATH;
  beforeAll(async () => {
    t = await fixtureDatabase();
    app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, reference: await loadReferenceData(join(repoRoot, 'data', 'reference')) }).app;
  });
  afterAll(() => t.cleanup());
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('answers 503 with a JSON error naming the missing Chromium', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const res = await request(app).get('/api/export/board-pack.pdf?area=E08000035&period=2024').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.error).toMatch(/^The board pack PDF is not available on this server: .*Chromium.*\/nonexistent\/chromium/);
  });

  it.each([
    ['?area=leeds', 400],
    ['?period=24', 400],
    ['?colour=red', 400],
    ['?area=E08000001', 404],
    ['?period=1999', 404],
  ])('checks its query before anything else: %s → %i', async (query, status) => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const res = await request(app).get(`/api/export/board-pack.pdf${query}`).expect(status);
    expect(res.body.error).toBeTruthy();
    expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at /);
  });

  it('loads the page from the address the request arrived on', () => {
    const req = (localAddress: string, localPort: number) => ({ socket: { localAddress, localPort } }) as unknown as Parameters<typeof selfBaseUrl>[0];
    expect(selfBaseUrl(req('127.0.0.1', 3000))).toBe('http://127.0.0.1:3000');
    expect(selfBaseUrl(req('::ffff:127.0.0.1', 4000))).toBe('http://127.0.0.1:4000');
    expect(selfBaseUrl(req('::1', 5000))).toBe('http://[::1]:5000');
  });
});

describe('render queue', () => {
  it('renders one at a time and refuses when too many are waiting', async () => {
    const queue = new RenderQueue(1);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const job = () =>
      new Promise<number>((resolve) => {
        running += 1;
        most = Math.max(most, running);
        releases.push(() => {
          running -= 1;
          resolve(running);
        });
      });
    const first = queue.run(job);
    const second = queue.run(job);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(queue.run(job), 'one running and one waiting: the third is refused').toBeNull();
    await new Promise((r) => setTimeout(r, 10));
    expect(releases).toHaveLength(1);
    releases[0]?.();
    await first;
    await new Promise((r) => setTimeout(r, 10));
    expect(releases).toHaveLength(2);
    releases[1]?.();
    await second;
    expect(most).toBe(1);
    expect(queue.run(job)).not.toBeNull();
    releases[2]?.();
  });

  it('a failed render does not block the next', async () => {
    const queue = new RenderQueue(1);
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});

describe('plain-English text of the pack', () => {
  const metas: IndicatorMeta[] = catalogue.map(indicatorMeta);
  const meta = metas.find((m) => m.id === 'ehc-20-week-timeliness') as IndicatorMeta;
  const row = (period: string, value: number | null, england: number | null, significance: IndicatorRow['comparisons'][number]['significance']): IndicatorRow => ({
    area_code: 'E08000035',
    area_name: 'Leeds',
    period,
    breakdown: 'all',
    breakdown_value: 'all',
    numerator: null,
    denominator: null,
    value,
    lower_95: null,
    upper_95: null,
    lower_99_8: null,
    upper_99_8: null,
    suppressed: value === null,
    symbol: value === null ? 'c' : null,
    suppression_reason: value === null ? 'primary' : null,
    comparisons: [{ comparator: 'england', label: 'England', value: england, significance, basis: 'headline', local_value: null, local_lower_95: null, local_upper_95: null, local_numerator: null, local_denominator: null, reason: null }],
    rank: null,
  });

  it('states the disclosure threshold once when every indicator shares it', () => {
    expect(disclosureStatement(metas)).toMatch(/^Counts from 1 to 7 .* are suppressed and shown as c, with secondary suppression/);
  });

  it('groups indicators by how they compare, listing withheld figures together', () => {
    const worse = { meta, trend: [], row: row('2024', 7.3, 46.4, 'worse'), exact: true };
    const withheld = { meta: { ...meta, title: 'Withheld one' }, trend: [], row: row('2024', null, 50, 'not-compared'), exact: true };
    const none = { meta: { ...meta, title: 'No benchmark' }, trend: [], row: row('2024', 5, null, 'not-compared'), exact: true };
    const messages = keyMessages([worse, withheld, none], 'england', 'England');
    expect(messages.map((m) => [m.heading, m.count])).toEqual([
      ['Worse than England', 1],
      ['Not compared with England', 2],
    ]);
    expect(messages[0]?.items).toEqual([`${meta.title} (7.3%; England 46.4%)`]);
    expect(messages[1]?.items).toEqual(['Withheld (shown as c) because the numbers are small: Withheld one', 'No published figure for England: No benchmark']);
  });

  it('summary-table cells: change since the first figure, comparator with its judgement', () => {
    const trend = [row('2020', 85.3, 58, 'better'), row('2021', null, 59, 'not-compared'), row('2024', 7.3, 46.4, 'worse')];
    expect(changeSince({ meta, trend, row: trend[2], exact: true })).toBe('Down from 85.3% in 2020: not tested (no interval)');
    expect(comparisonCell(trend[2], 'england', meta)).toEqual({ value: '46.4%', judgement: 'worse' });
    expect(comparisonCell(trend[1], 'england', meta), 'a withheld figure is not judged').toEqual({ value: '59.0%', judgement: '' });
    expect(comparisonCell(trend[2], 'neighbours', meta)).toEqual({ value: 'none published', judgement: '' });
  });
});
