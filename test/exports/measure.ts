// Export timings and sizes (not a test): npx tsx test/exports/measure.ts [--generated] [--children N]
// Prints one line per export: source, route, status, bytes, milliseconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp } from '../helpers/auth.ts';
import { loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import { Database } from '../../server/db/database.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { fixtureDir } from '../helpers/fixture-db.ts';

const args = process.argv.slice(2);
const childrenArg = args.indexOf('--children');
const children = childrenArg >= 0 ? Number(args[childrenArg + 1]) : undefined;

async function measure(label: string, extractDir: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'send-export-measure-'));
  try {
    const db = await Database.open(join(dir, 'm.duckdb'));
    let t = performance.now();
    await loadExtract(db, extractDir);
    console.log(`${label}: load ${Math.round(performance.now() - t)} ms`);
    const reference = await loadReferenceData('data/reference');
    const { app } = createTestApp({ db, config: { SUPPRESSION_THRESHOLD: 7 }, reference });
    for (const path of ['/api/export/ehc-plans-rate.csv?period=all', '/api/export/ehc-plans-rate.csv?period=all', '/api/export/ehc-plans-rate.meta.csv', '/api/export/needs.xlsx', '/api/export/all.xlsx', '/api/export/analytics/provision-gaps-grid.csv', '/api/export/analytics/journey-steps.csv', '/api/export/gaps.xlsx']) {
      t = performance.now();
      const res = await request(app).get(path).buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      const ms = Math.round(performance.now() - t);
      console.log(`${label}\t${path}\t${res.status}\t${(res.body as Buffer).length} bytes\t${ms} ms`);
    }
    const rss = process.memoryUsage().rss;
    console.log(`${label}: rss ${Math.round(rss / 1e6)} MB`);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await measure('fixture', fixtureDir);
if (args.includes('--generated')) {
  const { generateExtract } = await import('../../server/generate/index.ts');
  const out = mkdtempSync(join(tmpdir(), 'send-export-extract-'));
  try {
    const t = performance.now();
    const summary = await generateExtract({ outDir: out, ...(children ? { children } : {}) });
    console.log(`generated: ${summary.children} children, ${summary.years} years in ${Math.round(performance.now() - t)} ms`);
    await measure(`generated(${summary.children})`, out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
