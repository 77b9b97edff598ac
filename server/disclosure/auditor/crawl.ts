// The whole crawl: what a signed-in role can fetch, as a Publication.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { crawlEndpoints } from './crawl-endpoints.ts';
import { crawlIndicators, crawlOverviewGrid, metaSchema } from './crawl-indicators.ts';
import { pool, type AuditClient } from './http-client.ts';
import type { AreaInfo, PeriodInfo, Publication } from './publication.ts';

export type AuditRole = 'viewer' | 'commissioner' | 'analyst';
const rank: Record<AuditRole, number> = { viewer: 1, commissioner: 2, analyst: 3 };

const areasSchema = z.object({ areas: z.array(z.object({ area_code: z.string(), area_type: z.enum(['england', 'region', 'icb', 'la', 'locality']), parent_code: z.string().nullable(), las: z.array(z.string()).optional() })) });
const periodsSchema = z.object({
  periods: z.array(z.object({ period: z.string(), period_type: z.enum(['calendar-year', 'financial-year']), start_date: z.string(), end_date: z.string(), complete: z.boolean() })),
});
const catalogueSchema = z.object({ indicators: z.array(metaSchema) });
const benchmarkSchema = z.object({ la_value: z.number().nullable(), la_suppressed: z.boolean() });

export interface CrawlResult {
  publication: Publication;
  /** Route patterns called, with requests and non-200 answers. */
  calls: Record<string, { requests: number; failures: number; notPublished: number; example: string }>;
  requests: number;
  millis: number;
}

/** Analytics export tables and the JSON endpoint each follows (contract/analytics-tables.ts). */
const analyticsCsvTables: Record<string, string> = {
  'journey-steps': '/api/analytics/journey',
  'journey-waiting': '/api/analytics/journey',
  'journey-overlap': '/api/analytics/journey',
  'provision-gaps-grid': '/api/analytics/provision-gaps',
  'provision-gaps-categories': '/api/analytics/provision-gaps',
  'provision-waits-by-commissioner': '/api/analytics/provision-gaps',
  'provision-age-coverage': '/api/analytics/provision-gaps',
  placements: '/api/analytics/provision-gaps',
  'feedback-themes': '/api/feedback/themes',
  'feedback-theme-trend': '/api/feedback/themes',
  'budget-take-up': '/api/budgets',
  'budget-amounts': '/api/budgets',
  'budget-sources': '/api/budgets',
  'transitions-pfa-outcomes': '/api/transitions',
  'transitions-care-act': '/api/transitions',
  'transitions-ceasing-reasons': '/api/transitions',
  forecast: '/api/forecast',
  'forecast-rates': '/api/forecast',
};

/**
 * The areas to crawl: every area served, or (`only`, for an extract too large to crawl whole)
 * the areas listed and the localities of the LAs listed. An aggregate's LAs left out are then
 * one unknown count in its equations (relations.ts), never taken as zero.
 */
export function areasToCrawl(served: readonly AreaInfo[], only?: ReadonlySet<string>): AreaInfo[] {
  if (!only) return [...served];
  return served.filter((a) => only.has(a.area_code) || (a.parent_code !== null && only.has(a.parent_code)));
}

export async function crawl(client: AuditClient, role: AuditRole, only?: ReadonlySet<string>): Promise<CrawlResult> {
  const started = performance.now();
  const catalogue = catalogueSchema.parse(await client.json('/api/indicators', '/api/indicators')).indicators;
  const areas = areasToCrawl(areasSchema.parse(await client.json('/api/areas', '/api/areas')).areas, only);
  const periods: PeriodInfo[] = periodsSchema.parse(await client.json('/api/periods', '/api/periods')).periods;
  await client.json('/api/data-status', '/api/data-status');
  const analyst = rank[role] >= rank.analyst;
  const indicators = await crawlIndicators(client, catalogue, areas, periods, analyst);
  const observations = [
    ...indicators.observations,
    ...(await crawlOverviewGrid(client, catalogue, areas, periods)),
    ...(await crawlEndpoints(client, { areas, periods, commissioner: rank[role] >= rank.commissioner })),
  ];
  const inconsistencies = [...indicators.inconsistencies, ...(await benchmarks(client, catalogue, periods))];
  if (analyst) inconsistencies.push(...(await analyticsCsv(client, areas, periods)));
  const calls = Object.fromEntries(client.calls);
  const requests = [...client.calls.values()].reduce((n, c) => n + c.requests, 0);
  return { publication: { areas, periods, observations, inconsistencies }, calls, requests, millis: performance.now() - started };
}

/** The LA's figure among the other LAs': a value shown where the indicator suppresses it is a leak. */
async function benchmarks(client: AuditClient, catalogue: z.infer<typeof metaSchema>[], periods: PeriodInfo[]): Promise<string[]> {
  const problems: string[] = [];
  const years = periods.filter((p) => p.period_type === 'calendar-year');
  await pool(
    catalogue
      .filter((m) => m.benchmark)
      .flatMap((m) =>
        years.map((p) => async () => {
          const r = await client.get('/api/benchmarks/:id', `/api/benchmarks/${m.id}`, { period: p.period });
          if (r.status !== 200) return;
          const b = benchmarkSchema.parse(JSON.parse(r.text));
          if (b.la_suppressed && b.la_value !== null) problems.push(`benchmarks ${m.id} ${p.period}: la_value ${b.la_value} while the LA figure is suppressed`);
        }),
      ),
  );
  return problems;
}

/** Numbers anywhere in a JSON document. */
function numbersIn(value: unknown, into: number[] = []): number[] {
  if (typeof value === 'number' && Number.isFinite(value)) into.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, into);
  return into;
}

/**
 * Whether `n` is one of the JSON's numbers as the CSV writes it: exports round to 6 decimal places
 * (server/exports/csv.ts), so a gap of 249.99999999 places (capacity shared out by population) is "250".
 */
function inJson(sorted: readonly number[], n: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < n - CSV_TOLERANCE) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && Math.abs((sorted[lo] as number) - n) <= CSV_TOLERANCE;
}
const CSV_TOLERANCE = 0.5e-6 + 1e-12;

/** Whether a whole number written in an analytics CSV is among the numbers of its JSON response. */
export const csvNumberInJson = (body: unknown, n: number): boolean => inJson(numbersIn(body).sort((x, y) => x - y), n);

const notFigures = new Set(['time_period', 'year', 'age', 'rank', 'period', 'data_version']);

/**
 * Each analytics CSV against its JSON endpoint, for the LA and each England, region and ICB area
 * in every period: a whole number in a figure column of the CSV that the JSON response does not
 * contain is published by the CSV only.
 */
async function analyticsCsv(client: AuditClient, areas: AreaInfo[], periods: PeriodInfo[]): Promise<string[]> {
  const la = areas.find((a) => a.area_type === 'la')?.area_code;
  if (!la) return [];
  const byArea = [la, ...areas.filter((a) => (a.las?.length ?? 0) > 0).map((a) => a.area_code)];
  const problems: string[] = [];
  const tasks = Object.entries(analyticsCsvTables).flatMap(([table, path]) => {
    if (path === '/api/analytics/provision-gaps') return periods.map((p) => ({ period: p.period })).map((query) => csvTask(client, table, path, query, problems));
    const queries = path === '/api/forecast' ? byArea.map((area) => ({ area })) : byArea.flatMap((area) => periods.map((p) => ({ area, period: p.period })));
    return queries.map((query) => csvTask(client, table, path, query, problems));
  });
  await pool(tasks);
  return problems;
}

/** One analytics CSV against its JSON: problems are pushed onto `problems`. */
function csvTask(client: AuditClient, table: string, path: string, query: Record<string, string>, problems: string[]): () => Promise<void> {
  return async () => {
    const csv = await client.get('/api/export/analytics/:table.csv', `/api/export/analytics/${table}.csv`, query);
    const body = await client.optionalJson(path, path, query);
    if (csv.status === 404 && body === null) return; // not published in this period or area, as JSON or CSV
    if (csv.status !== 200) return void problems.push(`CSV ${table} ${JSON.stringify(query)}: HTTP ${csv.status}`);
    const json = numbersIn(body).sort((x, y) => x - y);
    const records = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    for (const rec of records) {
      for (const [column, text] of Object.entries(rec)) {
        if (notFigures.has(column) || !/^-?\d+$/.test(text)) continue;
        if (!inJson(json, Number(text))) problems.push(`CSV ${table} ${JSON.stringify(query)}: ${column} = ${text} is not in the JSON response`);
      }
    }
  };
}
