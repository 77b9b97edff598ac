import type { Role } from '../../contract/auth.ts';

// Who may call which API route: ONE table, deny by default. A route under /api that no rule matches is refused
// to everyone (401 when not signed in, 403 when signed in). Paths outside /api (the web assets and the SPA
// shell) are public: they contain no data.
//
// Patterns: literal segments, `:param` for one segment, a trailing `*` for one or more segments.
// `methods` omitted = every method; GET rules also allow HEAD.

export type Access = Role | 'public';

export interface RouteRule {
  path: string;
  methods?: readonly ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[];
  access: Access;
  why: string;
}

export const routeRoles: readonly RouteRule[] = [
  { path: '/api/health', methods: ['GET'], access: 'public', why: 'liveness probe, no data' },
  { path: '/api/auth/*', access: 'public', why: 'sign-in, sign-out, me, one-time link: each handler checks what it needs' },

  // viewer: board members, the dashboards
  { path: '/api/indicators', methods: ['GET'], access: 'viewer', why: 'indicator catalogue' },
  { path: '/api/indicators/:id', methods: ['GET'], access: 'viewer', why: 'indicator figures' },
  { path: '/api/overview-grid', methods: ['GET'], access: 'viewer', why: 'every indicator for the LA and its localities in one request (overview grid)' },
  { path: '/api/areas', methods: ['GET'], access: 'viewer', why: 'areas' },
  { path: '/api/periods', methods: ['GET'], access: 'viewer', why: 'periods' },
  { path: '/api/benchmarks/:id', methods: ['GET'], access: 'viewer', why: 'published benchmarks' },
  { path: '/api/data-status', methods: ['GET'], access: 'viewer', why: 'data quality page' },
  { path: '/api/feedback/themes', methods: ['GET'], access: 'viewer', why: 'Local Offer page' },
  { path: '/api/budgets', methods: ['GET'], access: 'viewer', why: 'personal budgets page' },
  { path: '/api/transitions', methods: ['GET'], access: 'viewer', why: 'preparing for adulthood page' },

  // commissioner: plus the gap analytics
  { path: '/api/analytics/*', methods: ['GET'], access: 'commissioner', why: 'provision gaps, EHC journey' },
  { path: '/api/forecast', methods: ['GET'], access: 'commissioner', why: 'projection of active plans' },
  { path: '/api/workload', methods: ['GET'], access: 'commissioner', why: 'workload planner' },
  { path: '/api/workload/defaults', methods: ['GET'], access: 'commissioner', why: 'workload planner prefill' },

  // The board pack is FOR board members: its PDF holds only the headline figures a viewer already sees on
  // /board-pack (it is rendered as the requesting user). Listed before /api/export/*, which stays with analysts.
  { path: '/api/export/board-pack.pdf', methods: ['GET'], access: 'viewer', why: 'the board pack PDF, for board members' },

  // analyst: plus the downloads
  { path: '/api/export/*', methods: ['GET'], access: 'analyst', why: 'CSV, XLSX and board-pack PDF exports' },

  // admin: plus uploads and user management
  { path: '/api/admin/*', access: 'admin', why: 'uploads and users' },
];

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  for (let i = 0; i < want.length; i++) {
    const segment = want[i];
    if (segment === '*') return i === want.length - 1 && got.length > i;
    const value = got[i];
    if (value === undefined) return false;
    if (segment?.startsWith(':')) continue;
    if (segment !== value) return false;
  }
  return got.length === want.length;
}

/** The rule for this request, or undefined (then the request is denied). */
export function ruleFor(method: string, path: string): RouteRule | undefined {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  // Express matches routes case-insensitively, so the table does too.
  const p = path.toLowerCase();
  return routeRoles.find((rule) => (!rule.methods || (rule.methods as readonly string[]).includes(m)) && matches(rule.path, p));
}

/** Whether a path is under /api, however it is spelled (case, repeated or trailing slashes). */
export function isApiPath(path: string): boolean {
  return path.split('/').find(Boolean)?.toLowerCase() === 'api';
}
