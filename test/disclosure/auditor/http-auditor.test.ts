import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeRoles } from '../../../server/auth/route-roles.ts';
import { loadReferenceData } from '../../../server/benchmarks/reference-data.ts';
import { referenceDir } from '../../../server/db/server-options.ts';
import { roleAtLeast } from '../../../contract/auth.ts';
import { auditDatabase, type RoleAudit } from '../../../server/cli/audit-disclosure-run.ts';
import { fixtureDatabase, type TempDb } from '../../helpers/fixture-db.ts';

// The whole auditor over real HTTP on the hand-made fixture: it must reach every route each role
// may call that serves figures, and only those; and with the joint protection (linked outputs,
// complements, one period type per kind of measure, no part-years) it pins no count of 1-7.

let fixture: TempDb;
let results: RoleAudit[];
beforeAll(async () => {
  fixture = await fixtureDatabase();
  results = await auditDatabase(fixture.db, ['viewer', 'analyst'], { threshold: 7, reference: await loadReferenceData(referenceDir) });
}, 240_000);
afterAll(() => fixture.cleanup());

/**
 * GET routes a role may call that serve figures (not sign-in, health or admin). The board-pack PDF
 * is not crawled: Chromium prints the headline figures the JSON routes already give.
 */
function dataRoutes(role: 'viewer' | 'analyst') {
  return routeRoles.filter((r) => r.access !== 'public' && r.access !== 'admin' && !r.path.startsWith('/api/auth') && !r.path.endsWith('.pdf') && (!r.methods || r.methods.includes('GET')) && roleAtLeast(role, r.access));
}

describe('HTTP auditor on the fixture', () => {
  for (const role of ['viewer', 'analyst'] as const) {
    it(`the ${role}'s crawl reaches every route the role may call, all answering 200`, () => {
      const result = results.find((r) => r.role === role) as RoleAudit;
      const called = Object.entries(result.crawl.calls);
      for (const rule of dataRoutes(role)) {
        const pattern = new RegExp(`^${rule.path.replace(/:[a-z]+/g, '[^/]+').replace(/\*$/, '.+')}$`);
        expect(called.some(([, c]) => pattern.test(c.example)), `${rule.path} not crawled`).toBe(true);
      }
      for (const [path, c] of called) expect(c.failures, `${path} failed ${c.failures} times`).toBe(0);
      expect(result.crawl.observations).toBeGreaterThan(1000);
      expect(result.audit.size.equations).toBeGreaterThan(1000);
    });
  }

  for (const role of ['viewer', 'analyst'] as const) {
    it(`pins no count of 1-7 from everything the ${role} can fetch, and finds no published figures contradicting each other`, () => {
      const result = results.find((r) => r.role === role) as RoleAudit;
      expect(result.audit.findings.map((f) => `${f.variable} = ${f.value} (${f.route})`)).toEqual([]);
      expect(result.audit.inconsistencies).toEqual([]);
    });
  }

  it('a viewer crawls no commissioner or analyst route', () => {
    const viewer = results.find((r) => r.role === 'viewer') as RoleAudit;
    const paths = Object.values(viewer.crawl.calls).map((c) => c.example);
    expect(paths.filter((p) => /^\/api\/(analytics|forecast|workload|export)/.test(p))).toEqual([]);
  });

  it('the analyst sees at least what the viewer sees', () => {
    const [viewer, analyst] = results as [RoleAudit, RoleAudit];
    expect(analyst.crawl.observations).toBeGreaterThanOrEqual(viewer.crawl.observations);
    expect(analyst.audit.size.unknownCounts).toBeGreaterThanOrEqual(viewer.audit.size.unknownCounts);
  });
});
