import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tables, type ExtractManifest, type TableName } from '../extract/spec.ts';
import { simulateCohort } from './cohort.ts';
import { CsvWriter, type Row } from './csv-writer.ts';
import { day, iso } from './dates.ts';
import { FAULT_KINDS, type FaultKind } from './faults.ts';
import { generateLocalAuthority } from './la.ts';
import { makeLocalities } from './localities.ts';
import type { LaContext } from './model.ts';
import { generateOptionsSchema, type GenerateOptions, type ResolvedOptions } from './options.ts';
import { loadParams, type SyntheticParams } from './params.ts';
import { csvToParquet } from './parquet.ts';
import { hashSeed } from './rng.ts';

export { generateOptionsSchema, type GenerateOptions } from './options.ts';
export { FAULT_KINDS, type FaultKind } from './faults.ts';

// A fixed calendar, never the clock: history ends in 2024 and the extract is taken on the
// SEN2 census date.
export const LAST_YEAR = 2024;
export const EXTRACT_DATE = day(2025, 1, 16);
export const GENERATOR_NAME = 'send-dashboard-synthetic';
export const GENERATOR_VERSION = 1;

/** Thrown for problems the user can fix (unknown LA, bad options): the CLI prints the message only. */
export class GenerateError extends Error {}

export interface GenerateSummary {
  outDir: string;
  format: 'csv' | 'parquet';
  national: boolean;
  /** The LA of a one-LA extract; null for a national one. */
  laCode: string | null;
  laName: string;
  /** Every LA in the extract, in file order. */
  laCodes: string[];
  seed: number;
  years: number;
  /** Rows in the children file. */
  children: number;
  /** Multiplier on the LA's published counts. */
  scale: number;
  activePlans: number;
  rows: Record<TableName, number>;
  faults: Record<FaultKind, number>;
  faultsByTable: Partial<Record<TableName, Partial<Record<FaultKind, number>>>>;
  files: string[];
}

// ODS codes of the ICB for section G commissioners. West Yorkshire ICB covers Leeds and its
// neighbours; elsewhere a plausible made-up code (ICB boundaries are not in the reference data).
const WEST_YORKSHIRE = ['E08000032', 'E08000033', 'E08000034', 'E08000035', 'E08000036'];
const POSTCODE_AREAS: Record<string, string> = { E08000032: 'BD', E08000033: 'HX', E08000034: 'HD', E08000035: 'LS', E08000036: 'WF' };
const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXY0123456789';

function icbCode(laCode: string): string {
  if (WEST_YORKSHIRE.includes(laCode)) return 'QWO';
  const h = hashSeed('icb', laCode);
  return `Q${ALNUM[h % ALNUM.length]}${ALNUM[(h >>> 8) % ALNUM.length]}`;
}

export function laContext(params: SyntheticParams, opts: ResolvedOptions): LaContext {
  const la = params.las[opts.laCode];
  if (!la) {
    throw new GenerateError(`unknown LA code ${opts.laCode}: expected one of the 153 English LA codes in data/reference/synthetic-params.json, e.g. E08000035 (Leeds)`);
  }
  const codes = Object.keys(params.las).sort();
  const years = Array.from({ length: opts.years }, (_, i) => LAST_YEAR - opts.years + 1 + i);
  const population = [...la.population.F, ...la.population.M].reduce((s, x) => s + x, 0);
  const ctx: LaContext = {
    laCode: opts.laCode,
    laIndex: codes.indexOf(opts.laCode),
    la,
    england: params.england,
    seed: opts.seed,
    scale: 1,
    years,
    flowYears: params.flowYears,
    snapshotYears: params.snapshotYears,
    periodStart: day(years[0] ?? LAST_YEAR, 1, 1),
    periodEnd: day(LAST_YEAR, 12, 31),
    extractDate: EXTRACT_DATE,
    localities: makeLocalities(opts.laCode, population),
    icbCode: icbCode(opts.laCode),
    postcodeArea: POSTCODE_AREAS[opts.laCode] ?? ['B', 'M', 'S', 'L', 'NE', 'BS', 'NG', 'LE'][hashSeed('pc', opts.laCode) % 8] ?? 'B',
    targetChildren: opts.children,
  };
  if (opts.children !== undefined) {
    // Scale against the children the LA's own size yields (a quick dry run of the cohort),
    // so --children with that number reproduces the default extract exactly.
    ctx.scale = opts.children / simulateCohort({ ...ctx, targetChildren: undefined }).children.length;
  }
  return ctx;
}

/** Adds one LA's fault counts into the extract's. */
function addFaults(into: GenerateSummary['faultsByTable'], from: GenerateSummary['faultsByTable']): void {
  for (const [table, byKind] of Object.entries(from) as [TableName, Partial<Record<FaultKind, number>>][]) {
    const target = (into[table] ??= {});
    for (const [kind, n] of Object.entries(byKind) as [FaultKind, number][]) target[kind] = (target[kind] ?? 0) + n;
  }
}

/** Every LA's rows into one CSV per table (national: one LA after another, with a progress line each). */
function writeEveryLa(contexts: LaContext[], csvDir: string, national: boolean, onProgress?: (msg: string) => void) {
  const writers = new Map(tables.map((t) => [t.name, new CsvWriter(join(csvDir, `${t.name}.csv`), t.columns.map((c) => c.name))]));
  const write = (table: TableName, row: Row) => writers.get(table)?.write(row);
  const faultsByTable: GenerateSummary['faultsByTable'] = {};
  let children = 0;
  let activePlans = 0;
  try {
    for (const [i, ctx] of contexts.entries()) {
      const started = performance.now();
      const result = generateLocalAuthority(ctx, write, national ? undefined : onProgress);
      addFaults(faultsByTable, result.faults);
      children += result.children;
      activePlans += result.activePlans;
      if (!national) continue;
      const mb = Math.round(process.memoryUsage().rss / 2 ** 20);
      onProgress?.(
        `[${i + 1}/${contexts.length}] ${ctx.la.name} (${ctx.laCode}): ${result.children.toLocaleString('en-GB')} children, ` +
          `${result.activePlans.toLocaleString('en-GB')} active plans, ${Math.round(performance.now() - started)} ms, RSS ${mb} MB`,
      );
    }
  } finally {
    for (const w of writers.values()) w.close();
  }
  const rows = Object.fromEntries(tables.map((t) => [t.name, writers.get(t.name)?.rows ?? 0])) as Record<TableName, number>;
  return { rows, faultsByTable, children, activePlans };
}

/** What every generated extract.json says of its dates and producer (the same key order, so the same bytes). */
function manifestDates(first: LaContext, producedFor: string) {
  return {
    extract_date: iso(first.extractDate),
    period_start: iso(first.periodStart),
    period_end: iso(first.periodEnd),
    producer: `Synthetic data for ${producedFor} (not real people)`,
    synthetic: true,
  } as const;
}

/** extract.json's `generator`: how the extract was made; `areas` says which LA or LAs it holds. */
function generatorInfo(
  seed: number,
  years: number,
  children: number,
  areas: { la_name: string } | { la_codes: string[] },
  faults: Record<FaultKind, number>,
  faultsByTable: GenerateSummary['faultsByTable'],
) {
  return { name: GENERATOR_NAME, version: GENERATOR_VERSION, seed, children, years, ...areas, faults, faults_by_table: faultsByTable };
}

function oneLaManifest(first: LaContext, seed: number, years: number, children: number, faults: Record<FaultKind, number>, faultsByTable: GenerateSummary['faultsByTable']): ExtractManifest {
  return {
    la_code: first.laCode,
    ...manifestDates(first, first.la.name),
    generator: generatorInfo(seed, years, children, { la_name: first.la.name }, faults, faultsByTable),
  };
}

/**
 * Writes a synthetic extract: one file per spec table plus extract.json. One LA by default;
 * with `national`, every LA in England (or `laCodes`) one after another into the same
 * files, each LA's rows exactly those a one-LA run with the same seed writes (IDs carry the
 * LA, so they stay unique). Rows stream through ~1 MB buffers, so memory stays flat: only
 * one LA's cohort is held at a time. Same options, same bytes.
 */
export async function generateExtract(options: GenerateOptions, onProgress?: (msg: string) => void): Promise<GenerateSummary> {
  const parsed = generateOptionsSchema.safeParse(options);
  if (!parsed.success) throw new GenerateError(parsed.error.issues.map((i) => i.message).join('; '));
  const opts = parsed.data;
  const params = loadParams();
  const laCodes = opts.national ? (opts.laCodes ?? Object.keys(params.las).sort()) : [opts.laCode];
  // Validate every LA before writing anything.
  const contexts = laCodes.map((laCode) => laContext(params, { ...opts, laCode }));
  const first = contexts[0];
  if (!first) throw new GenerateError('no LA to generate');
  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const csvDir = opts.format === 'csv' ? outDir : mkdtempSync(join(tmpdir(), 'send-generate-'));

  try {
    const { rows, faultsByTable, children, activePlans } = writeEveryLa(contexts, csvDir, opts.national, onProgress);

    const other = opts.format === 'csv' ? 'parquet' : 'csv';
    // A stale file of the other format would make the folder ambiguous for ingest.
    for (const t of tables) rmSync(join(outDir, `${t.name}.${other}`), { force: true });
    if (opts.format === 'parquet') {
      onProgress?.('converting to Parquet');
      await csvToParquet(tables.map((table) => ({ table, csv: join(csvDir, `${table.name}.csv`), parquet: join(outDir, `${table.name}.parquet`) })));
    }

    const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
    for (const byKind of Object.values(faultsByTable)) for (const [k, n] of Object.entries(byKind)) faults[k as FaultKind] += n;
    const manifest = opts.national
      ? nationalManifest(first, contexts, opts.seed, opts.years, children, faults, faultsByTable)
      : oneLaManifest(first, opts.seed, opts.years, children, faults, faultsByTable);
    writeFileSync(join(outDir, 'extract.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    return {
      outDir,
      format: opts.format,
      national: opts.national,
      laCode: opts.national ? null : first.laCode,
      laName: opts.national ? nationalName(contexts.length) : first.la.name,
      laCodes: contexts.map((c) => c.laCode),
      seed: opts.seed,
      years: opts.years,
      children,
      scale: first.scale,
      activePlans,
      rows,
      faults,
      faultsByTable,
      files: [...tables.map((t) => `${t.name}.${opts.format}`), 'extract.json'],
    };
  } finally {
    if (csvDir !== outDir) rmSync(csvDir, { recursive: true, force: true });
  }
}

const nationalName = (las: number): string => (las === 153 ? 'England (all 153 LAs)' : `England (${las} of the 153 LAs)`);

/**
 * A national extract has no single la_code (each child's la_code says whose it is) and says
 * so with `coverage: "national"` and the list of LAs it holds.
 */
function nationalManifest(
  first: LaContext,
  contexts: LaContext[],
  seed: number,
  years: number,
  children: number,
  faults: Record<FaultKind, number>,
  faultsByTable: GenerateSummary['faultsByTable'],
): ExtractManifest & { coverage: 'national' } {
  return {
    coverage: 'national',
    ...manifestDates(first, nationalName(contexts.length)),
    generator: generatorInfo(seed, years, children, { la_codes: contexts.map((c) => c.laCode) }, faults, faultsByTable),
  };
}
