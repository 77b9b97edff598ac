import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { createApp } from '../server/api/app.ts';
import { Auth } from '../server/auth/index.ts';
import { MemoryUserStore, newToken, newUser, sha256Hex } from '../server/auth/users-store.ts';
import { loadReferenceData } from '../server/benchmarks/reference-data.ts';
import { Database } from '../server/db/database.ts';
import { analyticsTableList } from '../contract/analytics-tables.ts';
import { generateExtract } from '../server/generate/index.ts';
import { loadExtract } from '../server/ingest/load-extract.ts';
import { repoRoot } from '../server/sql-files.ts';

// The figures of every endpoint on one extract, as canonical JSON, so two commits can be diffed
// ("behaviour unchanged" for refactors):
//   npm run snapshot -- [--extract <dir>] [--out <file.json>]     (default extract: bench/data/extract-default)
//   npm run snapshot -- --compare <a.json> <b.json>                (prints the differences; exit 1 if any)
// The app is served in-process as an admin (every route allowed) on an ephemeral port, on a fresh database
// with the extract loaded. Every indicator × area × period (and 'all') × period type × breakdown the API
// offers, as JSON, one Arrow stream per indicator, CSV exports (per view, national scope, metadata, bulk),
// benchmarks, analytics, insights, forecast and workload. Keys are sorted; load times are dropped (or written <time>);
// CSVs are kept as text lines. Workbooks (.xlsx) and the board-pack PDF are binary and carry the time they
// were made: they are left out (their figures are the same rows as the CSVs).

interface Entry {
  status: number;
  body: unknown;
}
type Snapshot = Record<string, Entry>;

/** Values of `by` the analytics endpoints take (their contracts' enums). */
const FORECAST_BREAKDOWNS = ['all', 'age_band', 'primary_need'];
const TRANSITION_BREAKDOWNS = ['age_band', 'age'];
/** Keys whose values change from run to run (load times), not with the figures. */
const VOLATILE_KEYS = new Set(['started_at', 'finished_at']);
/** A time of day (the load time in metadata CSVs): figures and extract dates never carry one. */
const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?/g;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return value.replace(TIMESTAMP, '<time>');
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (!VOLATILE_KEYS.has(key)) out[key] = canonical((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

const query = (params: Record<string, string | undefined>): string => {
  const pairs = Object.entries(params).filter((p): p is [string, string] => p[1] !== undefined);
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`;
};

interface Catalogue { indicators: { id: string; period_type: 'snapshot' | 'calendar-year'; breakdowns: string[]; benchmark: string | null }[] }
interface Areas { areas: { area_code: string; area_type: string }[] }
interface Periods {
  periods: { period: string; period_type: 'calendar-year' | 'financial-year'; measures: ('flow' | 'snapshot')[] }[];
  publication: Record<'flow' | 'snapshot', ('calendar-year' | 'financial-year')[]>;
}

class Client {
  readonly snapshot: Snapshot = {};
  constructor(private readonly base: string, private readonly token: string) {}

  async get(path: string, accept = 'application/json'): Promise<Entry> {
    const res = await fetch(this.base + path, { headers: { Authorization: `Bearer ${this.token}`, Accept: accept } });
    const type = res.headers.get('content-type') ?? '';
    let body: unknown;
    if (type.startsWith('application/vnd.apache.arrow.stream')) body = arrowBody(new Uint8Array(await res.arrayBuffer()));
    else if (type.startsWith('application/json')) body = await res.json();
    else body = (await res.text()).replace(/^\uFEFF/, '').split(/\r?\n/);
    const entry = { status: res.status, body: canonical(body) };
    this.snapshot[accept === 'application/json' ? path : `${path} [${accept}]`] = entry;
    return entry;
  }

  async json<T>(path: string): Promise<T> {
    const entry = await this.get(path);
    if (entry.status !== 200) throw new Error(`${path}: ${entry.status} ${JSON.stringify(entry.body)}`);
    return entry.body as T;
  }
}

function arrowBody(bytes: Uint8Array): unknown {
  const table = tableFromIPC(bytes);
  return { metadata: Object.fromEntries(table.schema.metadata), fields: table.schema.fields.map((f) => `${f.name}:${String(f.type)}`), rows: table.toArray().map((r) => r.toJSON()) };
}

/** Every indicator view, its CSV, Arrow, national table, metadata and benchmark. */
async function indicators(client: Client, areas: Areas, periods: Periods): Promise<void> {
  const catalogue = await client.json<Catalogue>('/api/indicators');
  const la = areas.areas.find((a) => a.area_type === 'la')?.area_code;
  for (const indicator of catalogue.indicators) {
    const kind = indicator.period_type === 'snapshot' ? 'snapshot' : 'flow';
    for (const periodType of periods.publication[kind]) {
      const labels = periods.periods.filter((p) => p.period_type === periodType && p.measures.includes(kind)).map((p) => p.period);
      for (const period of [...labels, 'all']) {
        for (const by of indicator.breakdowns) {
          const params = { period, period_type: periodType, by };
          for (const area of areas.areas) {
            await client.get(`/api/indicators/${indicator.id}${query({ area: area.area_code, ...params })}`);
            await client.get(`/api/export/${indicator.id}.csv${query({ area: area.area_code, ...params })}`);
          }
          await client.get(`/api/export/${indicator.id}.csv${query({ ...params, scope: 'las' })}`);
        }
      }
    }
    await client.get(`/api/indicators/${indicator.id}${query({ area: la, period: 'all' })}`, 'application/vnd.apache.arrow.stream');
    await client.get(`/api/export/${indicator.id}.meta.csv`);
    if (indicator.benchmark === null) continue;
    await client.get(`/api/benchmarks/${indicator.id}`);
    for (const p of periods.periods.filter((x) => x.period_type === 'calendar-year')) await client.get(`/api/benchmarks/${indicator.id}${query({ period: p.period })}`);
  }
  for (const breakdowns of ['totals', 'all']) await client.get(`/api/export/bulk/indicators.csv${query({ breakdowns })}`);
}

/** Analytics, insights, forecast and workload JSON, and every analytics table's CSV and metadata. */
async function analytics(client: Client, areas: Areas, periods: Periods): Promise<void> {
  const areaCodes = [undefined, ...areas.areas.map((a) => a.area_code)];
  const periodLabels = [undefined, ...periods.periods.map((p) => p.period)];
  const bysFor = (path: string): (string | undefined)[] =>
    path.includes('forecast') ? [undefined, ...FORECAST_BREAKDOWNS] : path.includes('transitions') ? [undefined, ...TRANSITION_BREAKDOWNS] : [undefined];
  const variants = (parameters: readonly string[], path: string): Record<string, string | undefined>[] => {
    const out: Record<string, string | undefined>[] = [];
    for (const area of parameters.includes('area') ? areaCodes : [undefined]) {
      for (const period of parameters.includes('period') ? periodLabels : [undefined]) {
        for (const by of parameters.includes('by') ? bysFor(path) : [undefined]) out.push({ area, period, by });
      }
    }
    return out;
  };
  const endpoints: [string, string[]][] = [
    ['/api/analytics/journey', ['area', 'period']],
    ['/api/analytics/provision-gaps', ['period']],
    ['/api/feedback/themes', ['area', 'period']],
    ['/api/budgets', ['area', 'period']],
    ['/api/transitions', ['area', 'period', 'by']],
    ['/api/forecast', ['area', 'by']],
    ['/api/workload/defaults', ['area', 'period']],
  ];
  for (const [path, parameters] of endpoints) for (const params of variants(parameters, path)) await client.get(path + query(params));
  await client.get(`/api/workload${query({ caseload: '6004', years: '1', weeks_per_year: '46', plans_per_coordinator_per_quarter: '30' })}`);
  for (const table of analyticsTableList) {
    await client.get(`/api/export/analytics/${table.id}.meta.csv`);
    for (const params of variants(table.parameters, table.id)) await client.get(`/api/export/analytics/${table.id}.csv${query(params)}`);
  }
}

async function takeSnapshot(extractDir: string): Promise<Snapshot> {
  if (!existsSync(join(extractDir, 'extract.json'))) {
    console.error(`generating the default extract into ${extractDir}`);
    await generateExtract({ outDir: extractDir });
  }
  const dir = mkdtempSync(join(tmpdir(), 'endpoint-snapshot-'));
  const db = await Database.open(join(dir, 'snapshot.duckdb'));
  try {
    console.error(`loading ${extractDir}`);
    await loadExtract(db, extractDir);
    const token = newToken();
    const admin = { ...newUser('snapshot', 'admin'), tokens: [{ sha256: sha256Hex(token), created: new Date().toISOString() }] };
    const auth = new Auth({ users: new MemoryUserStore([admin]), auditPath: null });
    const reference = await loadReferenceData(join(repoRoot, 'data', 'reference'));
    const { app } = createApp({ db, config: { SUPPRESSION_THRESHOLD: 7, UPLOAD_DIR: join(dir, 'uploads') }, reference, auth });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((done) => server.once('listening', done));
    try {
      const client = new Client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, token);
      for (const path of ['/api/health', '/api/data-status']) await client.get(path);
      const areas = await client.json<Areas>('/api/areas');
      const periods = await client.json<Periods>('/api/periods');
      await indicators(client, areas, periods);
      await analytics(client, areas, periods);
      return client.snapshot;
    } finally {
      await new Promise((done) => server.close(done));
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One endpoint per line, keys sorted: a line diff shows which endpoints changed. */
function serialise(snapshot: Snapshot): string {
  const keys = Object.keys(snapshot).sort();
  return `{\n${keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify(snapshot[k])}`).join(',\n')}\n}\n`;
}

/** The paths at which two canonical values differ (at most `limit`). */
function differences(a: unknown, b: unknown, path: string, out: string[], limit: number): void {
  if (out.length >= limit) return;
  if (Object.is(a, b)) return;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) {
    out.push(`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
    return;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])];
  for (const key of keys) {
    if (!(key in rb)) out.push(`${path}.${key}: removed`);
    else if (!(key in ra)) out.push(`${path}.${key}: added ${JSON.stringify(rb[key]).slice(0, 200)}`);
    else differences(ra[key], rb[key], `${path}.${key}`, out, limit);
    if (out.length >= limit) return;
  }
}

function compare(fileA: string, fileB: string): number {
  const a = canonical(JSON.parse(readFileSync(fileA, 'utf8'))) as Snapshot;
  const b = canonical(JSON.parse(readFileSync(fileB, 'utf8'))) as Snapshot;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  let changed = 0;
  for (const key of keys) {
    const lines: string[] = [];
    if (!(key in b)) lines.push('only in the first');
    else if (!(key in a)) lines.push('only in the second');
    else differences(a[key], b[key], '', lines, 10);
    if (lines.length === 0) continue;
    changed += 1;
    if (changed <= 200) console.log(`${key}\n  ${lines.join('\n  ')}`);
  }
  console.log(`${keys.length} endpoints compared: ${keys.length - changed} identical, ${changed} different${changed > 200 ? ' (first 200 shown)' : ''}`);
  return changed === 0 ? 0 : 1;
}

const { values, positionals } = parseArgs({
  options: { extract: { type: 'string' }, out: { type: 'string' }, compare: { type: 'boolean' } },
  allowPositionals: true,
});
if (values.compare) {
  const [fileA, fileB] = positionals;
  if (!fileA || !fileB) throw new Error('usage: endpoint-snapshot --compare <a.json> <b.json>');
  process.exitCode = compare(fileA, fileB);
} else {
  const started = performance.now();
  const snapshot = await takeSnapshot(resolve(values.extract ?? join(repoRoot, 'bench', 'data', 'extract-default')));
  const text = serialise(snapshot);
  const out = values.out ?? 'endpoint-snapshot.json';
  writeFileSync(out, text);
  console.error(`${Object.keys(snapshot).length} endpoints, ${(text.length / 2 ** 20).toFixed(1)} MB → ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
