import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadReferenceData } from '../server/benchmarks/reference-data.ts';
import { readDataContext } from '../server/data-context.ts';
import { Database } from '../server/db/database.ts';
import { catalogue } from '../server/indicators/catalogue.ts';
import { computeIndicator } from '../server/indicators/engine.ts';
import { runIndicatorQuery } from '../server/indicators/indicator-sql.ts';
import { repoRoot } from '../server/sql-files.ts';
import { round, textTable } from './stats.ts';

// `npx tsx bench/cold-profile.ts --db <loaded database> [--only id,…] [--threads 2]`
// (add `node --cpu-prof` through NODE_OPTIONS for a CPU profile: NODE_OPTIONS=--cpu-prof-dir=dir …)
//
// Where an indicator's cold request spends its time beyond the raw SQL: per indicator, the SQL
// alone (rows read into JavaScript, as `raw` in bench/run.ts), then the first request for the
// extract's LA on a fresh engine cache (SQL again, disclosure control over every area, the
// slice published, benchmark-basis indicators, comparisons), and the first request for England
// where the extract has it. Wall and CPU time (CPU: steadier on the shared machine).

const { values } = parseArgs({ options: { db: { type: 'string' }, only: { type: 'string' }, threads: { type: 'string', default: '2' }, threshold: { type: 'string', default: '7' } } });
if (!values.db) throw new Error('--db <database file> is required');
const db = await Database.open(values.db, { threads: Number(values.threads) });
const context = await readDataContext(db);
if (!context) throw new Error('no data loaded');
const reference = await loadReferenceData(join(repoRoot, 'data', 'reference'));
const la = context.defaultArea ?? '';
const england = context.aggregates.find((a) => a.area_type === 'england')?.area_code;
const period = context.defaultPeriod ?? '';
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
async function timed(run: () => Promise<unknown>): Promise<{ ms: number; cpu: number }> {
  const started = performance.now();
  const cpu = cpuMs();
  await run();
  return { ms: performance.now() - started, cpu: cpuMs() - cpu };
}

const rows: Record<string, string | number>[] = [];
for (const definition of catalogue.filter((d) => !values.only || values.only.split(',').includes(d.id))) {
  if (definition.model) continue;
  const raw = await timed(() => runIndicatorQuery(db, definition));
  // A fresh context object: the engine caches per context, so this is a cold cache.
  const fresh = { ...context };
  const request = { area: la, period, periodType: 'calendar-year' as const, by: 'all' as const };
  const cold = await timed(() => computeIndicator(db, fresh, definition, request, { threshold: Number(values.threshold), reference }).catch(() => []));
  const aggregate = england ? await timed(() => computeIndicator(db, fresh, definition, { ...request, area: england }, { threshold: Number(values.threshold), reference }).catch(() => [])) : null;
  rows.push({ indicator: definition.id, 'raw ms': round(raw.ms), 'raw cpu': round(raw.cpu), 'cold ms': round(cold.ms), 'cold cpu': round(cold.cpu), ratio: round(cold.ms / raw.ms, 2), 'cpu ratio': round(cold.cpu / raw.cpu, 2), 'england ms': aggregate ? round(aggregate.ms) : '' });
  console.log(JSON.stringify(rows.at(-1)));
}
console.log(`\n${context.areas.length} areas, ${context.aggregates.length} aggregates; LA ${la}, period ${period}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const header = Object.keys(rows[0] ?? {});
console.log(textTable(header, rows.map((r) => header.map((h) => r[h] ?? null))));
db.close();
