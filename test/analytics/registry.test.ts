import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// One analytics shape (issue 18.2): every analytics endpoint is one entry of
// server/analytics/registry.ts, its SQL from the allow-list in server/analytics/sql.ts, served
// in one loop, each with its CSV tables; a request computes only what it needs.

const analyticsDir = join(repoRoot, 'server', 'analytics');
const sqlDir = join(repoRoot, 'sql', 'analytics');

describe('the analytics registry', () => {
  it('no analytics module reads SQL files itself: every query goes through the allow-list (sql.ts)', () => {
    const readers = readdirSync(analyticsDir)
      .filter((f) => f.endsWith('.ts') && f !== 'sql.ts')
      .filter((f) => /\breadSql\s*\(|from '\.\.\/sql-files\.ts'/.test(readFileSync(join(analyticsDir, f), 'utf8')));
    expect(readers).toEqual([]);
  });

  it('allow-lists every file of sql/analytics, and each query belongs to exactly one registry entry', async () => {
    const { analyticsQueries } = await import('../../server/analytics/sql.ts');
    const { analyticsEndpoints } = await import('../../server/analytics/registry.ts');
    const files = readdirSync(sqlDir).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();
    expect([...analyticsQueries].sort()).toEqual(files);
    const declared = analyticsEndpoints.flatMap((e) => e.sql);
    expect([...declared].sort()).toEqual(files);
  });

  it('every endpoint has CSV tables derived from its entry, and every table names a registry endpoint', async () => {
    const { analyticsEndpoints } = await import('../../server/analytics/registry.ts');
    const { analyticsTables } = await import('../../server/exports/analytics-tables.ts');
    const paths = analyticsEndpoints.map((e) => e.path);
    expect(paths).toEqual(['/api/analytics/journey', '/api/analytics/provision-gaps', '/api/feedback/themes', '/api/budgets', '/api/transitions', '/api/forecast']);
    for (const endpoint of analyticsEndpoints) {
      const tables = analyticsTables.filter((t) => t.endpoint === endpoint.path);
      expect(tables.length, endpoint.path).toBeGreaterThan(0);
      for (const t of tables) expect(t.query, t.id).toBe(endpoint.query);
    }
    expect(analyticsTables.every((t) => paths.includes(t.endpoint))).toBe(true);
  });

  it('the thin route files are gone: the registry is served by one loop in api/analytics-routes.ts', () => {
    const api = readdirSync(join(repoRoot, 'server', 'api'));
    expect(api.filter((f) => ['insight-routes.ts', 'forecast-routes.ts', 'analytics-endpoints.ts'].includes(f))).toEqual([]);
  });
});

describe('slicing first', () => {
  let t: TempDb;
  const calls: { sql: string; params: unknown }[] = [];
  beforeAll(async () => {
    t = await fixtureDatabase();
  });
  afterAll(() => t.cleanup());

  /** The app on a database that records every analytics query it runs and its parameters. */
  function recordingApp() {
    const original = Database.prototype.query;
    const db = Object.create(t.db) as Database;
    db.query = function <T extends Record<string, unknown>>(sql: string, params?: Parameters<Database['query']>[1]) {
      if (/^-- (budgets|transitions)-/.test(sql)) calls.push({ sql: sql.slice(3, sql.indexOf(':')), params });
      return original.call(t.db, sql, params) as Promise<T[]>;
    };
    return createTestApp({ db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
  }

  it('a budgets or transitions request runs its SQL for the requested period only', async () => {
    const app = recordingApp();
    calls.length = 0;
    await request(app).get('/api/budgets?period=2024').expect(200);
    await request(app).get('/api/transitions?period=2023').expect(200);
    const run = calls.map((c) => [c.sql, (c.params as { period?: string } | undefined)?.period ?? 'every period']);
    expect(run.sort()).toEqual([
      ['budgets-amounts', '2024'],
      ['budgets-take-up', '2024'],
      ['transitions-care-act', '2023'],
      ['transitions-ceased', '2023'],
      ['transitions-pfa', '2023'],
    ]);
    // Another area of the same period is sliced out of the cached computation: no SQL runs again.
    calls.length = 0;
    await request(app).get('/api/budgets?period=2024&area=E08000035:north').expect(200);
    expect(calls).toEqual([]);
  });
});
