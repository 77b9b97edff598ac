import type express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import { ruleFor, type Access } from '../../server/auth/route-roles.ts';
import { roleAtLeast, roles, type Role } from '../../contract/auth.ts';
import { authHeader, passwordFor, testAuth } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Every route registered on the app, for anonymous and each role: 401 when not signed in, 403 below the route's
// role, and the route's own answer at or above it. The routes come from the router stack, so a new route that
// server/auth/route-roles.ts does not list fails here.

interface RouteInfo {
  method: string;
  path: string;
}

interface Layer {
  name?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method + path registered on the app, walking nested routers (all mounted at /, with full paths). */
export function registeredRoutes(app: express.Express): RouteInfo[] {
  const walk = (stack: Layer[]): RouteInfo[] =>
    stack.flatMap((layer) => {
      if (layer.route) return Object.keys(layer.route.methods).map((m) => ({ method: m.toUpperCase(), path: layer.route?.path ?? '' }));
      if (layer.handle?.stack) return walk(layer.handle.stack);
      return [];
    });
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
}

type Who = 'anonymous' | Role;
const everyone: Who[] = ['anonymous', ...roles];

interface Sample {
  url: string;
  body?: object;
  /** The route's answer to an allowed caller (checked for the roles at or above the route's role). */
  status?: number | ((who: Who) => number);
}

/** A concrete request per route; routes without one get their path with 'x' for each parameter. */
const samples: Record<string, Sample> = {
  'GET /api/health': { url: '/api/health', status: 200 },
  'POST /api/auth/sign-in': { url: '/api/auth/sign-in', body: { name: 'viewer', password: passwordFor('viewer') }, status: 200 },
  'POST /api/auth/sign-out': { url: '/api/auth/sign-out', status: 200 },
  'GET /api/auth/me': { url: '/api/auth/me', status: 200 },
  'POST /api/auth/password': {
    url: '/api/auth/password',
    body: { new_password: 'a new password that is long enough' },
    status: (who) => (who === 'anonymous' ? 401 : 400), // bearer users must give their current password
  },
  'GET /api/auth/one-time': { url: '/api/auth/one-time?token=not-issued', status: 401 },
  'GET /api/indicators': { url: '/api/indicators', status: 200 },
  'GET /api/indicators/:id': { url: '/api/indicators/ehc-plans-rate', status: 200 },
  'GET /api/areas': { url: '/api/areas', status: 200 },
  'GET /api/periods': { url: '/api/periods', status: 200 },
  'GET /api/benchmarks/:id': { url: '/api/benchmarks/ehc-plans-rate', status: 200 },
  'GET /api/data-status': { url: '/api/data-status', status: 200 },
  'GET /api/feedback/themes': { url: '/api/feedback/themes', status: 200 },
  'GET /api/budgets': { url: '/api/budgets', status: 200 },
  'GET /api/transitions': { url: '/api/transitions', status: 200 },
  'GET /api/analytics/journey': { url: '/api/analytics/journey', status: 200 },
  'GET /api/analytics/provision-gaps': { url: '/api/analytics/provision-gaps', status: 200 },
  'GET /api/forecast': { url: '/api/forecast', status: 200 },
  'GET /api/workload': { url: '/api/workload?caseload=100&years=1&weeks_per_year=52&plans_per_coordinator_per_quarter=10', status: 200 },
  'GET /api/workload/defaults': { url: '/api/workload/defaults', status: 200 },
  'GET /api/export/:file': { url: '/api/export/ehc-plans-rate.csv', status: 200 },
  // An unknown area is refused before Chromium starts.
  'GET /api/export/board-pack.pdf': { url: '/api/export/board-pack.pdf?area=E08000036', status: 404 },
  'GET /api/admin/users': { url: '/api/admin/users', status: 200 },
  'POST /api/admin/users': { url: '/api/admin/users', body: { name: 'viewer', role: 'viewer' }, status: 200 },
  'DELETE /api/admin/users/:name': { url: '/api/admin/users/nobody', status: 404 },
};

const sampleFor = (route: RouteInfo): Sample => samples[`${route.method} ${route.path}`] ?? { url: route.path.replace(/:[a-z_]+/gi, 'x') };

function expected(access: Access, sample: Sample, who: Who): { status?: number; denied?: 401 | 403 } {
  if (access !== 'public') {
    if (who === 'anonymous') return { denied: 401 };
    if (!roleAtLeast(who, access)) return { denied: 403 };
  }
  return { status: typeof sample.status === 'function' ? sample.status(who) : sample.status };
}

let t: TempDb;
let app: express.Express;
beforeAll(async () => {
  t = await fixtureDatabase();
  app = createApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, reference: await loadReferenceData('data/reference'), auth: testAuth() }).app;
});
afterAll(() => t.cleanup());

function send(route: RouteInfo, sample: Sample, who: Who): request.Test {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const r = request(app)[method](sample.url);
  if (who !== 'anonymous') r.set(authHeader(who));
  return sample.body ? r.send(sample.body) : r;
}

describe('route × role', () => {
  it('finds the routes of every router, including those added later', () => {
    const routes = registeredRoutes(app).map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(samples).length);
    for (const key of Object.keys(samples)) expect(routes, key).toContain(key);
  });

  it('every registered API route has an entry in route-roles.ts', () => {
    const missing = registeredRoutes(app).filter((r) => r.path.startsWith('/api') && !ruleFor(r.method, sampleFor(r).url.split('?')[0] ?? ''));
    expect(missing, 'add these routes to server/auth/route-roles.ts').toEqual([]);
  });

  it('answers each route with 401, 403 or the route itself, by role', async () => {
    const failures: string[] = [];
    for (const route of registeredRoutes(app).filter((r) => r.path.startsWith('/api'))) {
      const sample = sampleFor(route);
      const rule = ruleFor(route.method, sample.url.split('?')[0] ?? '');
      if (!rule) continue; // reported by the test above
      for (const who of everyone) {
        const res = await send(route, sample, who);
        const want = expected(rule.access, sample, who);
        const label = `${route.method} ${sample.url} as ${who}: got ${res.status}`;
        if (want.denied) {
          if (res.status !== want.denied) failures.push(`${label}, expected ${want.denied}`);
          else if (typeof (res.body as { error?: unknown }).error !== 'string') failures.push(`${label} without a JSON error`);
        } else if (want.status !== undefined) {
          if (res.status !== want.status) failures.push(`${label}, expected ${want.status}`);
        } else if (res.status === 401 || res.status === 403 || res.status >= 500) {
          failures.push(`${label}, expected the route's own answer`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('denies by default: an API path in no rule, or a method a rule does not list', async () => {
    for (const [method, url] of [['get', '/api/nothing-here'], ['post', '/api/indicators'], ['delete', '/api/areas'], ['get', '/api/admin']] as const) {
      await request(app)[method](url).expect(401);
      for (const role of roles) await request(app)[method](url).set(authHeader(role)).expect(403);
    }
  });

  it('matches paths as Express does: case, trailing and repeated slashes do not get round the table', async () => {
    for (const url of ['/API/indicators', '/api/Indicators/', '/Api/export/ehc-plans-rate.csv', '//api/admin/users', '/api/admin//users']) {
      const res = await request(app).get(url);
      expect([401, 404], url).toContain(res.status);
    }
    await request(app).get('/API/ADMIN/USERS').set(authHeader('analyst')).expect(403);
    await request(app).get('/api/Export/ehc-plans-rate.csv').set(authHeader('commissioner')).expect(403);
  });

  it('lets board members (viewers) download the board pack PDF, and only that export', async () => {
    expect(ruleFor('GET', '/api/export/board-pack.pdf')?.access).toBe('viewer');
    // An unknown area: the route itself answers 404, so the role table let the viewer through.
    await request(app).get('/api/export/board-pack.pdf?area=E08000036').set(authHeader('viewer')).expect(404);
    await request(app).get('/api/export/ehc-plans-rate.csv').set(authHeader('viewer')).expect(403);
    await request(app).get('/api/export/board-pack.pdf.csv').set(authHeader('viewer')).expect(403);
    await request(app).get('/api/export/board-pack.pdf').expect(401);
  });

  it('refuses a wrong or malformed bearer token with 401 even on public routes that read it', async () => {
    await request(app).get('/api/indicators').set('Authorization', 'Bearer sjcd_wrong').expect(401);
    await request(app).get('/api/indicators').set('Authorization', 'Basic dmlld2VyOng=').expect(401);
  });
});
