import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../../server/benchmarks/reference-data.ts';
import { referenceDir } from '../../../server/db/server-options.ts';
import { auditDatabase, type RoleAudit } from '../../../server/cli/audit-disclosure-run.ts';
import { loadExtract } from '../../../server/ingest/load-extract.ts';
import { repoRoot } from '../../../server/sql-files.ts';
import { tempDatabase, type TempDb } from '../../helpers/fixture-db.ts';

// Issue 19: the adversarial auditor over the HTTP API of an extract of several LAs, where England,
// regions and ICBs are served (test/fixtures/multi-la-extract). Before the forecast followed the
// plan-stock owners (server/indicators/links.ts) it pinned Bradford's 5 active plans 8 ways: the
// forecast's history has no aggregate rows, so it published Leeds' 16 that the hierarchy hides,
// and Yorkshire and The Humber's 21 − 16 = 5.
let t: TempDb;
let results: RoleAudit[];
beforeAll(async () => {
  t = await tempDatabase();
  await loadExtract(t.db, join(repoRoot, 'test', 'fixtures', 'multi-la-extract'));
  results = await auditDatabase(t.db, ['analyst'], { threshold: 7, reference: await loadReferenceData(referenceDir) });
}, 300_000);
afterAll(() => t.cleanup());

describe('auditor on an extract of several LAs', () => {
  it('signs in and crawls as the analyst', () => {
    const analyst = results[0];
    expect(analyst?.crawl.requests).toBeGreaterThan(0);
  });

  it('pins no count of 1 to 7, through any level of the hierarchy', () => {
    const findings = results.flatMap((r) => r.audit.findings.map((f) => `${r.role} ${f.route}: ${f.value} = ${f.label}`));
    expect(findings).toEqual([]);
    expect(results.flatMap((r) => r.audit.inconsistencies)).toEqual([]);
  });
});
