import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeJourney, journeyView } from '../../../server/analytics/journey.ts';
import { auditDatabase } from '../../../server/cli/audit-disclosure-run.ts';
import { generateExtract } from '../../../server/generate/index.ts';
import { ceasedNeedsMet } from '../../../server/indicators/definitions/ceased-needs-met.ts';
import { ehcRequestsRate } from '../../../server/indicators/definitions/ehc-requests-rate.ts';
import { readDataContext, type DataContext } from '../../../server/data-context.ts';
import { computeIndicator } from '../../../server/indicators/engine.ts';
import { loadExtract } from '../../../server/ingest/load-extract.ts';
import { tempDatabase, type TempDb } from '../../helpers/fixture-db.ts';

// The fast subset of the disclosure soak (`npm run audit-disclosure:soak` runs 20 such extracts):
// one small generated extract (2,000 children, the soak's first seed and LA), the HTTP auditor
// as a commissioner (who sees every count a viewer sees, and the same counts as an analyst), and
// the journey's links to the indicators that count its populations (issue 13).

let t: TempDb;
let out: string;
let context: DataContext;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'send-auditor-generated-'));
  await generateExtract({ outDir: out, children: 2000, seed: 1000, laCode: 'E08000035' });
  t = await tempDatabase();
  await loadExtract(t.db, out);
  context = (await readDataContext(t.db))!;
}, 300_000);
afterAll(() => {
  t.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('generated extract (2,000 children): linked journey counts and the auditor', () => {
  it('the journey hides plans ceased and requests received wherever ceased-needs-met and ehc-requests-rate hide them', async () => {
    let followed = 0;
    for (const period of context.periods.filter((p) => p.period_type === 'calendar-year')) {
      for (const area of context.areas) {
        const query = { area: area.area_code, period: period.period, periodType: period.period_type, by: 'all' } as const;
        const [ceased] = await computeIndicator(t.db, context, ceasedNeedsMet, query, { threshold: 7, reference: null });
        const [requests] = await computeIndicator(t.db, context, ehcRequestsRate, query, { threshold: 7, reference: null });
        const model = await computeJourney(t.db, context, 7, period);
        const steps = new Map(journeyView(context, 7, model, area, period).steps.map((s) => [s.step, s]));
        if (ceased?.suppressed || ceased?.rounded) {
          followed++;
          expect(steps.get('cease')?.time.n.symbol, `${area.area_code} ${period.period}: plans ceased`).toBe('c');
        }
        if (requests?.suppressed) expect(steps.get('request')?.children.symbol, `${area.area_code} ${period.period}: requests`).toBe('c');
      }
    }
    expect(followed).toBeGreaterThan(0); // the extract exercises the link
  }, 300_000);

  it('pins no count of 1-7 from everything a commissioner can fetch', async () => {
    const [result] = await auditDatabase(t.db, ['commissioner'], { threshold: 7, reference: null });
    expect(result?.crawl.observations).toBeGreaterThan(1000);
    expect(result?.audit.findings.map((f) => `${f.route}: ${f.value} = ${f.label}`)).toEqual([]);
    expect(result?.audit.inconsistencies).toEqual([]);
  }, 300_000);
});
