import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../server/sql-files.ts';
import { round, textTable } from './stats.ts';

// `npx tsx bench/growth.ts [results-dir]`: the growth curves of docs/scaling.md, from the
// newest results JSON of each scale (default, 10x, national): rows against ingest time, p95
// latency and memory, as a markdown table.

const ingestSchema = z.object({ ms: z.number(), cpu_s: z.number().optional(), maxRssMb: z.number(), load_average: z.object({ end: z.array(z.number()) }).optional() });
const resultSchema = z.object({
  date: z.string(),
  scale: z.string(),
  extract: z.object({ las: z.number(), rows: z.number() }),
  ingest: z.object({ csv: ingestSchema, parquet: ingestSchema }),
  warm_all: z.object({ ms: z.number().nullable() }),
  summary: z.object({
    la_warm_c16_p95_worst_ms: z.number().nullable(),
    every_la_warm_c16_p95_worst_ms: z.number().nullable().optional(),
    la_cold_c16_p95_worst_ms: z.number().nullable().optional(),
    cold_ratio_median: z.number().nullable(),
    cold_cpu_ratio_median: z.number().nullable().optional(),
    server_rss_serving_mb: z.number().nullable(),
    server_peak_rss_mb: z.number().nullable(),
  }),
  machine: z.object({ load_average_at_end: z.array(z.number()) }),
});
type Result = z.infer<typeof resultSchema>;

const dir = process.argv[2] ?? join(repoRoot, 'bench', 'results');
const newest = new Map<string, Result>();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const parsed = resultSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  // Results written by an older bench lack fields: skipped.
  if (parsed.success) newest.set(parsed.data.scale, parsed.data);
}
const order = ['default', '10x', 'national'];
const results = order.flatMap((s) => newest.get(s) ?? []);
const s = (ms: number | null) => (ms === null ? null : round(ms / 1000, 1));
console.log(
  textTable(
    ['scale', 'LAs', 'rows', 'CSV ingest s', 'CPU s', 'Parquet ingest s', 'CPU s ', 'ingest RSS MB', 'all indicators s', 'LA c16 p95 ms', 'every LA c16 p95 ms', 'cold/raw', 'server peak RSS MB', 'serving RSS MB', 'load at end'],
    results.map((r) => [
      r.scale,
      r.extract.las,
      r.extract.rows.toLocaleString('en-GB'),
      s(r.ingest.csv.ms),
      r.ingest.csv.cpu_s ?? null,
      s(r.ingest.parquet.ms),
      r.ingest.parquet.cpu_s ?? null,
      Math.max(r.ingest.csv.maxRssMb, r.ingest.parquet.maxRssMb),
      s(r.warm_all.ms),
      r.summary.la_warm_c16_p95_worst_ms,
      r.summary.every_la_warm_c16_p95_worst_ms ?? null,
      r.summary.cold_ratio_median,
      r.summary.server_peak_rss_mb,
      r.summary.server_rss_serving_mb,
      r.machine.load_average_at_end.join(' '),
    ]),
  ),
);
