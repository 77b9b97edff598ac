import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import {
  ALL_BREAKDOWN,
  AREA_COLUMNS,
  BENCHMARK_COLUMNS,
  indicatorIdSchema,
  ENGLAND_CODE,
  GEOGRAPHIC_LEVELS,
  NEED_CODES,
} from './benchmark-schema.ts';
import { units } from '../../contract/vocabularies.ts';
import type { DfeTable, IndicatorDefinition, PublishedFigure } from '../indicators/types.ts';
import { makeLaNameMatcher, parseTribunalTable } from './tribunal-appeals.ts';
import type { Cell } from './tribunal-appeals.ts';

// Builds data/reference/dfe-ehc-benchmarks.csv and areas.csv from the published
// DfE "Education, health and care plans" (2025) files, the MoJ tribunal table,
// the ONS mid-2021 population and the DfE statistical-neighbour list.
// Deterministic: same inputs, same bytes (explicit sort, fixed number format).

export const BENCHMARKS_FILE = 'dfe-ehc-benchmarks.csv';
export const AREAS_FILE = 'areas.csv';

export function sourcePaths(sourceDir: string) {
  const dfe = join(sourceDir, 'dfe-ehc-plans-2025');
  const data = (file: string) => join(dfe, 'data', file);
  return {
    caseload: data('caseload.csv'),
    requests: data('requests.csv'),
    timeliness: data('timeliness_20_week.csv'),
    needs: data('sen_needs_all_plans.csv'),
    personalBudgets: data('personal_budgets.csv'),
    annualReviews: data('annual_reviews.csv'),
    ceased: data('ceased_plans.csv'),
    tribunals: join(dfe, 'supporting-files', 'SEND Tribunals and appeal rate 2014-2024.csv'),
    neighbours: join(sourceDir, 'statistical-neighbours', 'statistical-neighbours.csv'),
    population: join(sourceDir, 'ons-population', 'ons-mye-2021-la-age0-25.csv'),
  };
}
type SourcePaths = ReturnType<typeof sourcePaths>;

const areaRowSchema = z.object({
  area_code: z.string(),
  old_la_code: z.string().nullable(),
  area_name: z.string(),
  geographic_level: z.enum(GEOGRAPHIC_LEVELS),
  region_code: z.string().nullable(),
  region_name: z.string().nullable(),
});
export type AreaOut = z.infer<typeof areaRowSchema>;

const benchmarkRowSchema = areaRowSchema.extend({
  indicator_id: indicatorIdSchema,
  period: z.number().int(),
  time_period: z.string().regex(/^\d{4}(\d{2})?$/),
  time_identifier: z.enum(['Calendar year', 'Academic year']),
  breakdown: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
});
export type BenchmarkOut = z.infer<typeof benchmarkRowSchema>;

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const dfeCsv = (path: string) => `read_csv(${literal(path)}, header = true, delim = ',', quote = '"', all_varchar = true)`;

async function rows(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

// Headline ("All …") rows of one DfE file, with our area_code. LA rows whose
// old_la_code is not one of the 153 current LAs (Cumbria, Northamptonshire,
// old Dorset, Bournemouth, Poole) are dropped.
function headline(path: string, topic: string): string {
  return `(
    SELECT d.*,
      CASE d.geographic_level WHEN 'National' THEN '${ENGLAND_CODE}'
        WHEN 'Regional' THEN d.region_code ELSE m.area_code END AS area_code
    FROM ${dfeCsv(path)} d
    LEFT JOIN la_map m ON d.geographic_level = 'Local authority' AND m.old_la_code = d.old_la_code
    WHERE d.breakdown_topic = ${literal(topic)} AND d.breakdown = ${literal(topic)}
      AND (d.geographic_level <> 'Local authority' OR m.area_code IS NOT NULL)
  )`;
}

const keyCols = (breakdown = `'${ALL_BREAKDOWN}'`) =>
  `h.time_period, h.time_identifier, h.area_code, ${breakdown} AS breakdown`;

/** Each DfE table's file and the topic of its headline rows; caseload and requests are prepared as tables. */
const dfeSources = (p: SourcePaths): Record<DfeTable, string> => ({
  caseload: 'caseload',
  requests: 'requests',
  timeliness_20_week: headline(p.timeliness, 'All EHC plans issued'),
  sen_needs_all_plans: headline(p.needs, 'All EHC plans'),
  personal_budgets: headline(p.personalBudgets, 'All personal budgets'),
  ceased_plans: headline(p.ceased, 'All ceased EHC plans'),
  annual_reviews: headline(p.annualReviews, 'All annual reviews'),
});

type DfeFigure = Extract<PublishedFigure, { publisher: 'dfe' }>;
const COLUMN = /^[a-z0-9_]+$/;
/** A published column, `{need}` replaced: column names come from the typed definitions and must be plain names. */
function column(name: string, need = ''): string {
  const c = name.replaceAll('{need}', need);
  if (!COLUMN.test(c)) throw new Error(`published column ${name} is not a plain column name`);
  return `num(h.${c})`;
}
const sumOf = (names: readonly string[], need?: string) => names.map((n) => column(n, need)).join(' + ');

/** One definition's published figure as a SELECT over its DfE table (one per need when `byNeed`). */
function figureSql(p: SourcePaths, id: string, multiplier: number, f: DfeFigure): string[] {
  const join = f.denominator === 'population' ? ' LEFT JOIN pop USING (area_code)'
    : f.denominator === 'caseload' ? ' LEFT JOIN caseload c ON c.area_code = h.area_code AND c.time_period = h.time_period' : '';
  const from = f.fromYear === undefined ? '' : ` WHERE CAST(h.time_period AS INTEGER) >= ${Math.trunc(f.fromYear)}`;
  const one = (need?: string) => {
    const denominator = f.denominator === 'population' ? 'pop.population' : f.denominator === 'caseload' ? 'num(c.ehcplans)' : sumOf(f.denominator, need);
    const value = `per(numerator, denominator, ${multiplier})`;
    return `SELECT ${literal(id)} AS indicator_id, ${keyCols(need === undefined ? undefined : literal(need.toUpperCase()))},
        ${sumOf(f.numerator, need)} AS numerator, ${denominator} AS denominator,
        ${f.publishedValue ? `coalesce(${value}, ${column(f.publishedValue, need)})` : value} AS value
      FROM ${dfeSources(p)[f.table]} h${join}${from}`;
  };
  return f.byNeed ? NEED_CODES.map((code) => one(code.toLowerCase())) : [one()];
}

/** The published figure of every benchmarked indicator from a DfE table (the definitions' `benchmarkBasis.importedFrom`). */
function indicatorSql(p: SourcePaths, definitions: readonly IndicatorDefinition[]): string {
  const selects = definitions.flatMap((d) => {
    const f = d.benchmarkBasis?.importedFrom;
    return f?.publisher === 'dfe' ? figureSql(p, indicatorIdSchema.parse(d.id), units[d.unit].multiplier, f) : [];
  });
  if (selects.length === 0) throw new Error('no definition has a DfE benchmark');
  return selects.join('\nUNION ALL BY NAME\n');
}

async function prepare(con: DuckDBConnection, p: SourcePaths): Promise<void> {
  // Any published symbol is missing; anything else non-numeric fails loudly.
  await con.run(`CREATE MACRO num(v) AS CASE
      WHEN v IS NULL OR lower(trim(v)) IN ('x', 'c', 'z', 'low', 'u', ':', '') THEN NULL
      ELSE CAST(trim(v) AS DOUBLE) END`);
  await con.run(`CREATE MACRO pct(n, d) AS CASE WHEN d > 0 THEN 100.0 * n / d END`);
  await con.run(`CREATE MACRO per(n, d, k) AS CASE WHEN d > 0 THEN k * n / d END`);
  await con.run(`CREATE TABLE la_map AS
    SELECT DISTINCT la_code AS area_code, old_la_code, la_name
    FROM read_csv(${literal(p.neighbours)}, header = true, all_varchar = true)`);
  await con.run(`CREATE TABLE caseload AS SELECT * FROM ${headline(p.caseload, 'All EHC plans')}`);
  await con.run(`CREATE TABLE requests AS SELECT * FROM ${headline(p.requests, 'All requests for EHC needs assessments')}`);
  // Regions (and LAs' regions) from the latest January snapshot.
  await con.run(`CREATE TABLE areas AS
    WITH latest AS (SELECT * FROM caseload WHERE time_period = (SELECT max(time_period) FROM caseload))
    SELECT '${ENGLAND_CODE}' AS area_code, NULL::VARCHAR AS old_la_code, 'England' AS area_name,
      'National' AS geographic_level, NULL::VARCHAR AS region_code, NULL::VARCHAR AS region_name
    UNION ALL
    SELECT region_code, NULL, region_name, 'Regional', region_code, region_name
    FROM latest WHERE geographic_level = 'Regional'
    UNION ALL
    SELECT m.area_code, m.old_la_code, m.la_name, 'Local authority', l.region_code, l.region_name
    FROM la_map m JOIN latest l ON l.geographic_level = 'Local authority' AND l.old_la_code = m.old_la_code`);
  // Mid-2021 population aged 0–25, both sexes: England row as published,
  // regions as the sum of their LAs.
  await con.run(`CREATE TABLE pop AS
    WITH p AS (
      SELECT la_code, CAST(population AS BIGINT) AS population
      FROM read_csv(${literal(p.population)}, header = true, all_varchar = true)
      WHERE CAST(age AS INTEGER) BETWEEN 0 AND 25)
    SELECT la_code AS area_code, sum(population) AS population FROM p GROUP BY la_code
    UNION ALL
    SELECT a.region_code, sum(p.population) FROM p
    JOIN areas a ON a.area_code = p.la_code AND a.geographic_level = 'Local authority'
    GROUP BY a.region_code`);
}

async function readAreas(con: DuckDBConnection): Promise<AreaOut[]> {
  const areas = z.array(areaRowSchema).parse(await rows(con, 'SELECT * FROM areas'));
  const las = areas.filter((a) => a.geographic_level === 'Local authority').length;
  const regions = areas.filter((a) => a.geographic_level === 'Regional').length;
  if (las !== 153 || regions !== 9 || areas.length !== 163) {
    throw new Error(`expected England, 9 regions and 153 LAs; got ${regions} regions and ${las} LAs`);
  }
  return areas;
}

async function readTribunals(con: DuckDBConnection, path: string, areas: readonly AreaOut[], definitions: readonly IndicatorDefinition[]): Promise<BenchmarkOut[]> {
  const tribunal = definitions.find((d) => d.benchmarkBasis?.importedFrom.publisher === 'moj-tribunal');
  if (!tribunal) return [];
  const raw = (
    await con.runAndReadAll(
      `SELECT * FROM read_csv(${literal(path)}, header = false, all_varchar = true,
         delim = ',', quote = '"', escape = '"', null_padding = true)`,
    )
  ).getRowsJson() as Cell[][];
  const byCode = new Map(areas.map((a) => [a.area_code, a]));
  const match = makeLaNameMatcher(areas.filter((a) => a.geographic_level === 'Local authority'));
  const out: BenchmarkOut[] = [];
  for (const r of parseTribunalTable(raw)) {
    const code = r.isEngland ? ENGLAND_CODE : match(r.name);
    if (code === undefined) continue; // legacy LA
    const area = byCode.get(code);
    if (!area) throw new Error(`tribunal file: no area ${code}`);
    const recomputed =
      r.appeals !== null && r.decisions !== null && r.decisions > 0 ? (100 * r.appeals) / r.decisions : null;
    out.push({
      ...area,
      indicator_id: tribunal.id,
      period: r.year,
      time_period: String(r.year),
      time_identifier: 'Calendar year',
      breakdown: ALL_BREAKDOWN,
      numerator: r.appeals,
      denominator: r.decisions,
      value: recomputed ?? r.rate,
    });
  }
  return out;
}

const LEVEL_ORDER: Record<string, number> = { National: 0, Regional: 1, 'Local authority': 2 };
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

export function compareBenchmarkRows(a: BenchmarkOut, b: BenchmarkOut): number {
  return (
    cmp(a.indicator_id, b.indicator_id) ||
    cmp(a.period, b.period) ||
    cmp(LEVEL_ORDER[a.geographic_level] ?? 9, LEVEL_ORDER[b.geographic_level] ?? 9) ||
    cmp(a.area_code, b.area_code) ||
    cmp(a.breakdown, b.breakdown)
  );
}

/** Reads every source and returns the tidy benchmark rows (sorted) of the definitions' published figures, and the area list. */
export async function buildReferenceTables(sourceDir: string, definitions: readonly IndicatorDefinition[]): Promise<{ benchmarks: BenchmarkOut[]; areas: AreaOut[] }> {
  const p = sourcePaths(sourceDir);
  // One thread: the tribunal parser relies on rows arriving in file order.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  try {
    await prepare(con, p);
    const areas = await readAreas(con);
    const dfe = await rows(
      con,
      `SELECT i.indicator_id, CAST(substr(i.time_period, 1, 4) AS INTEGER) AS period,
         i.time_period, i.time_identifier, a.*, i.breakdown,
         CAST(i.numerator AS DOUBLE) AS numerator, CAST(i.denominator AS DOUBLE) AS denominator,
         CAST(i.value AS DOUBLE) AS value
       FROM (${indicatorSql(p, definitions)}) i JOIN areas a USING (area_code)`,
    );
    const benchmarks = [
      ...z.array(benchmarkRowSchema).parse(dfe),
      ...(await readTribunals(con, p.tribunals, areas, definitions)),
    ].sort(compareBenchmarkRows);
    assertUnique(benchmarks);
    const level = (a: AreaOut) => LEVEL_ORDER[a.geographic_level] ?? 9;
    areas.sort((a, b) => cmp(level(a), level(b)) || cmp(a.area_code, b.area_code));
    return { benchmarks, areas };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

function assertUnique(benchmarks: readonly BenchmarkOut[]): void {
  const seen = new Set<string>();
  for (const r of benchmarks) {
    const key = `${r.indicator_id}|${r.period}|${r.area_code}|${r.breakdown}`;
    if (seen.has(key)) throw new Error(`duplicate benchmark row ${key}`);
    seen.add(key);
  }
}

// Counts are whole numbers; values keep 4 decimals (enough for % and rates,
// and stable across platforms).
function formatNumber(x: number | null, decimals: number): string {
  if (x === null) return '';
  const rounded = Number(x.toFixed(decimals));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function toCsv<T extends Record<string, unknown>>(
  columns: readonly (keyof T & string)[],
  data: readonly T[],
  format: (row: T, column: keyof T & string) => string | null,
): string {
  const lines = [columns.join(',')];
  for (const row of data) lines.push(columns.map((c) => csvField(format(row, c))).join(','));
  return `${lines.join('\n')}\n`;
}

export function benchmarksCsv(benchmarks: readonly BenchmarkOut[]): string {
  return toCsv<BenchmarkOut>(BENCHMARK_COLUMNS, benchmarks, (row, c) => {
    if (c === 'numerator' || c === 'denominator') return formatNumber(row[c], 0);
    if (c === 'value') return formatNumber(row.value, 4);
    const v = row[c];
    return v === null ? null : String(v);
  });
}

export function areasCsv(areas: readonly AreaOut[]): string {
  return toCsv<AreaOut>(AREA_COLUMNS, areas, (row, c) => row[c]);
}

/** Writes dfe-ehc-benchmarks.csv and areas.csv into outDir. */
export async function importBenchmarks(sourceDir: string, outDir: string, definitions: readonly IndicatorDefinition[]) {
  const { benchmarks, areas } = await buildReferenceTables(sourceDir, definitions);
  await mkdir(outDir, { recursive: true });
  const benchmarksPath = join(outDir, BENCHMARKS_FILE);
  const areasPath = join(outDir, AREAS_FILE);
  await writeFile(benchmarksPath, benchmarksCsv(benchmarks));
  await writeFile(areasPath, areasCsv(areas));
  return { benchmarksPath, areasPath, benchmarkRows: benchmarks.length, areaRows: areas.length };
}
