// `npm run audit-disclosure`: the adversarial disclosure auditor (server/disclosure/README.md).
//   npm run audit-disclosure [-- --role viewer|commissioner|analyst] [--db <file>] [--extract <dir>] [--json <out>] [--areas <codes>]
//     --areas E92000001,E12000001,E06000001,...: crawl only these areas (and the listed LAs' localities), for an
//     extract too large to crawl whole (national); an aggregate's LAs left out count as one unknown.
//   npm run audit-disclosure -- --generated 20 [--cases 0-9] [--json <out>]   (generated extracts: seeds, sizes
//     2,000-20,000, LAs; every role unless --role; a summary table at the end; --json rewritten after each extract)
// Signs in as each role through the public HTTP API of the app started in-process, fetches
// everything the role may call, and lists every suppressed or unpublished count the published
// figures pin to 1..threshold, by route. Exit code 1 when it finds any.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadReferenceData } from '../benchmarks/reference-data.ts';
import { loadConfig } from '../config.ts';
import { Database } from '../db/database.ts';
import { referenceDir } from '../db/server-options.ts';
import { auditPublication } from '../disclosure/auditor/audit.ts';
import { routeDescriptions, type Publication } from '../disclosure/auditor/publication.ts';
import type { AuditRole } from '../disclosure/auditor/crawl.ts';
import { generateExtract } from '../generate/index.ts';
import { loadExtract } from '../ingest/load-extract.ts';
import { auditDatabase, auditRoles, type RoleAudit } from './audit-disclosure-run.ts';
import { printTable, runCli, UsageError } from './cli-support.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    db: { type: 'string' },
    extract: { type: 'string' },
    json: { type: 'string' },
    generated: { type: 'string' },
    /** With --generated: only these cases (0-based, `3` or `0-9`), to split a long soak. */
    cases: { type: 'string' },
    details: { type: 'string', default: '20' },
    /** Also check each pinned indicator cell against the indicator's SQL (the truth). */
    verify: { type: 'boolean', default: false },
    /** Only these areas (comma-separated codes) and the localities of the LAs among them. */
    areas: { type: 'string' },
    /** Development: write what the last role fetched, or audit such a file without a server. */
    'save-publication': { type: 'string' },
    publication: { type: 'string' },
  },
});

/** Generated extracts whose audit failed (listed in the summary; the run then exits 1). */
const failures: string[] = [];

interface Target {
  name: string;
  roles: RoleAudit[];
  seconds: number;
}

function rolesToAudit(): readonly AuditRole[] {
  if (values.role === undefined) return auditRoles;
  if (!(auditRoles as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${auditRoles.join(', ')}`);
  return [values.role as AuditRole];
}

/** A fresh temporary database with `extractDir` loaded. */
async function withLoadedExtract<T>(extractDir: string, work: (db: Database) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'send-auditor-db-'));
  const db = await Database.open(join(dir, 'audit.duckdb'));
  try {
    await loadExtract(db, extractDir);
    return await work(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function auditTarget(name: string, db: Database, roles: readonly AuditRole[], threshold: number): Promise<Target> {
  const started = performance.now();
  const reference = await loadReferenceData(referenceDir).catch(() => null);
  const areas = values.areas === undefined ? undefined : new Set(values.areas.split(',').map((c) => c.trim()).filter((c) => c.length > 0));
  const result = await auditDatabase(db, roles, { threshold, reference, verify: values.verify, ...(areas ? { areas } : {}) });
  return { name, roles: result, seconds: (performance.now() - started) / 1000 };
}

/** Sizes from 2,000 to 20,000 children, a new seed and an LA from a fixed list each time. */
const GENERATED_LAS = ['E08000035', 'E06000001', 'E09000002', 'E10000003', 'E08000025', 'E06000023', 'E09000033', 'E10000015'];
export function generatedCases(n: number): { seed: number; children: number; la: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    seed: 1000 + 17 * i,
    children: Math.round(2000 + (n === 1 ? 0 : (18000 * i) / (n - 1))),
    la: GENERATED_LAS[i % GENERATED_LAS.length] as string,
  }));
}

/** The cases `--cases` selects (`3` or `0-9`), all without it. */
function selectedCases(n: number): ReturnType<typeof generatedCases> {
  const all = generatedCases(n);
  if (values.cases === undefined) return all;
  const m = /^(\d+)(?:-(\d+))?$/.exec(values.cases);
  if (!m) throw new UsageError('--cases must be N or N-M');
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return all.slice(from, to + 1);
}

async function generatedTargets(n: number, roles: readonly AuditRole[], threshold: number, written: (targets: Target[]) => void): Promise<Target[]> {
  const out: Target[] = [];
  for (const c of selectedCases(n)) {
    const dir = mkdtempSync(join(tmpdir(), 'send-auditor-extract-'));
    try {
      await generateExtract({ outDir: dir, seed: c.seed, children: c.children, laCode: c.la }, () => undefined);
      const name = `generated seed ${c.seed}, ${c.children} children, ${c.la}`;
      const target = await withLoadedExtract(dir, (db) => auditTarget(name, db, roles, threshold)).catch((error: unknown) => {
        // One extract that cannot be audited (a crawl that fails on a busy machine) is reported, not the end of the soak.
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        console.error(`\n${name}: FAILED ${failures.at(-1) ?? ''}`);
        return null;
      });
      if (target === null) continue;
      printTarget(target);
      out.push(target);
      written(out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

function printTarget(t: Target): void {
  console.log(`\n${t.name}: ${t.seconds.toFixed(1)} s`);
  const routes = [...new Set(t.roles.flatMap((r) => Object.keys(r.audit.byRoute)))].sort();
  printTable(
    t.roles.map((r) => ({
      role: r.role,
      requests: r.crawl.requests,
      counts: r.crawl.observations,
      unknown: r.audit.size.unknownCounts,
      'pinned 1-7': Object.values(r.audit.byRoute).reduce((a, b) => a + b, 0),
      ...Object.fromEntries(routes.map((k) => [k, r.audit.byRoute[k] ?? 0])),
      'pinned 0': r.audit.pinnedZero.length,
      'pinned >7': r.audit.pinnedLarge.length,
      inconsistent: r.audit.inconsistencies.length,
      's crawl': Number((r.crawl.millis / 1000).toFixed(1)),
      's solve': Number((r.audit.millis / 1000).toFixed(1)),
    })),
  );
  for (const r of t.roles) {
    if (r.verification) console.log(`  ${r.role}: checked ${r.verification.checked} pinned indicator cells against the SQL: ${r.verification.agree} agree, ${r.verification.disagree.length} disagree`);
    for (const d of r.verification?.disagree.slice(0, 10) ?? []) console.log(`    WRONG: ${d}`);
  }
  const limit = Number(values.details);
  const last = t.roles.at(-1);
  for (const f of last?.audit.findings.slice(0, limit) ?? []) console.log(`  ${f.route}: ${f.value} = ${f.label}`);
  for (const i of last?.audit.inconsistencies.slice(0, limit) ?? []) console.log(`  inconsistent: ${i}`);
}

/** One line per extract and role: what was fetched and what was pinned, by route. */
function printSummary(targets: readonly Target[]): void {
  const routes = [...new Set(targets.flatMap((t) => t.roles.flatMap((r) => Object.keys(r.audit.byRoute))))].sort();
  console.log(`\nsummary: ${targets.length} extracts`);
  printTable(
    targets.flatMap((t) =>
      t.roles.map((r) => ({
        extract: t.name,
        role: r.role,
        counts: r.crawl.observations,
        unknown: r.audit.size.unknownCounts,
        'pinned 1-7': r.audit.findings.length,
        ...Object.fromEntries(routes.map((k) => [k, r.audit.byRoute[k] ?? 0])),
        inconsistent: r.audit.inconsistencies.length,
        's total': Number(t.seconds.toFixed(0)),
      })),
    ),
  );
}

function writeJson(threshold: number, targets: readonly Target[]): void {
  if (!values.json) return;
  const report = targets.map((t) => ({ ...t, roles: t.roles.map(({ publication: _omit, ...r }) => r) }));
  writeFileSync(values.json, JSON.stringify({ threshold, targets: report }, null, 2));
}

await runCli(async () => {
  const config = loadConfig();
  const roles = rolesToAudit();
  const threshold = config.SUPPRESSION_THRESHOLD;
  const targets: Target[] = [];
  if (values.publication !== undefined) {
    const publication = JSON.parse(readFileSync(values.publication, 'utf8')) as Publication;
    const started = performance.now();
    const audit = auditPublication(publication, threshold);
    const crawl = { calls: {}, requests: 0, millis: 0, observations: publication.observations.length };
    targets.push({ name: values.publication, roles: [{ role: 'analyst', crawl, audit }], seconds: (performance.now() - started) / 1000 });
    printTarget(targets[0] as Target);
  } else if (values.generated !== undefined) {
    const n = Number(values.generated);
    if (!Number.isInteger(n) || n < 1) throw new UsageError('--generated must be a whole number of extracts');
    targets.push(...(await generatedTargets(n, roles, threshold, (sofar) => writeJson(threshold, sofar))));
    printSummary(targets);
  } else if (values.extract !== undefined) {
    targets.push(await withLoadedExtract(values.extract, (db) => auditTarget(values.extract as string, db, roles, threshold)));
    printTarget(targets[0] as Target);
  } else {
    const path = values.db ?? config.DB_PATH;
    const db = await Database.open(path, { readOnly: true });
    try {
      targets.push(await auditTarget(path, db, roles, threshold));
    } finally {
      db.close();
    }
    printTarget(targets[0] as Target);
  }
  console.log('\nroutes:');
  for (const [k, v] of Object.entries(routeDescriptions)) console.log(`  ${k}: ${v}`);
  const lastPublication = targets.at(-1)?.roles.at(-1)?.publication;
  if (values['save-publication'] && lastPublication) writeFileSync(values['save-publication'], JSON.stringify(lastPublication));
  if (values.json) {
    writeJson(threshold, targets);
    console.log(`wrote ${values.json}`);
  }
  const found = targets.reduce((n, t) => n + t.roles.reduce((m, r) => m + r.audit.findings.length, 0), 0);
  for (const f of failures) console.log(`not audited: ${f}`);
  if (found > 0 || failures.length > 0) process.exitCode = 1;
});
