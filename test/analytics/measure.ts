// Analytics timings (not a test): npx tsx test/analytics/measure.ts [--children N] [--threshold T]
// Generates the default synthetic extract (or N children), loads it, then times each analytics endpoint cold
// (first request after the load: SQL and disclosure control) and warm (cached), with response sizes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp } from '../helpers/auth.ts';
import { Database } from '../../server/db/database.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const children = arg('--children');
const threshold = arg('--threshold') ?? 7;

const dir = mkdtempSync(join(tmpdir(), 'send-analytics-measure-'));
try {
  const out = join(dir, 'extract');
  let t = performance.now();
  const summary = await generateExtract({ outDir: out, ...(children ? { children } : {}) });
  console.log(`generate: ${summary.children} children, ${summary.years} years, ${summary.activePlans} active plans, ${Math.round(performance.now() - t)} ms`);
  const db = await Database.open(join(dir, 'm.duckdb'));
  t = performance.now();
  await loadExtract(db, out);
  console.log(`load: ${Math.round(performance.now() - t)} ms`);
  const { app } = createTestApp({ db, config: { SUPPRESSION_THRESHOLD: threshold } });
  const areas = (await request(app).get('/api/areas')).body.areas as { area_code: string; area_type: string }[];
  const locality = areas.find((a) => a.area_type === 'locality')?.area_code ?? '';
  const paths = [
    '/api/analytics/journey',
    '/api/analytics/journey',
    `/api/analytics/journey?area=${locality}`,
    '/api/analytics/journey?period=2023-24',
    '/api/analytics/provision-gaps',
    '/api/analytics/provision-gaps',
    '/api/analytics/provision-gaps?period=2023',
    '/api/workload/defaults',
    '/api/workload?caseload=6000&years=1&weeks_per_year=39&plans_per_coordinator_per_quarter=45',
  ];
  for (const path of paths) {
    t = performance.now();
    const res = await request(app).get(path);
    console.log(`${res.status}\t${Math.round(performance.now() - t)} ms\t${JSON.stringify(res.body).length} bytes\t${path}`);
  }
  console.log(`rss ${Math.round(process.memoryUsage().rss / 1e6)} MB, threshold ${threshold}`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
