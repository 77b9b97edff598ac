// Crawls the indicator figures: every indicator x area x breakdown x period type (`all`) and
// x single period, as JSON; for analysts also the CSV of each view, checked against the JSON.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { pool, type AuditClient } from './http-client.ts';
import type { AreaInfo, Observation, PeriodInfo } from './publication.ts';

/**
 * Exports write numbers to 6 decimal places (EXPORT_DECIMALS in server/exports/csv.ts, stated in every
 * metadata file; the API is unrounded), so a CSV figure agrees with the JSON within half a unit of the last place.
 */
const CSV_TOLERANCE = 0.5e-6 + 1e-12;

const num = z.number().nullable();
const rowSchema = z.object({
  area_code: z.string(),
  period: z.string(),
  breakdown: z.string(),
  breakdown_value: z.string(),
  numerator: num,
  denominator: num,
  value: num,
  suppressed: z.boolean(),
  /** Counts rounded to the nearest 5 (server/disclosure/rounding.ts): not exact, so not known values. */
  rounded: z.boolean().optional(),
  /** An LA row's comparisons: on a benchmark's own basis they publish that figure's counts. */
  comparisons: z.array(z.object({ basis: z.string(), local_numerator: num, local_denominator: num })).optional(),
});
type Row = z.infer<typeof rowSchema>;
const responseSchema = z.object({ rows: z.array(rowSchema) });

export const metaSchema = z.object({ id: z.string(), unit: z.string(), breakdowns: z.array(z.string()), benchmark: z.string().nullable() });
export type IndicatorMetaLite = z.infer<typeof metaSchema>;

const multipliers: Record<string, number> = { percent: 100, per_1000: 1000, per_10000: 10000, count: 1 };

/** Observations of one published row: numerator and denominator, and what a suppressed one can be worked out from. */
export function rowObservations(meta: IndicatorMetaLite, r: Row, source: string): Observation[] {
  const base = { output: `indicator:${meta.id}`, area: r.area_code, period: r.period, breakdown: r.breakdown, value: r.breakdown_value, source };
  const out: Observation[] = [];
  // A rounded row publishes no exact count: both are unknowns, and its value (from the rounded counts) gives none.
  if (r.rounded === true) return (['numerator', 'denominator'] as const).map((field) => ({ ...base, field, count: null }));
  const m = multipliers[meta.unit];
  const numeratorGone = r.numerator === null;
  if (r.suppressed || r.numerator !== null) {
    const derived = numeratorGone && m !== undefined && r.value !== null ? (meta.unit === 'count' ? r.value : r.denominator !== null ? (r.value * r.denominator) / m : undefined) : undefined;
    out.push({ ...base, field: 'numerator', count: r.numerator, ...(derived !== undefined ? { derived } : {}) });
  }
  if (r.denominator !== null || (r.suppressed && r.numerator === null)) {
    const derived = r.denominator === null && m !== undefined && r.value && r.numerator !== null ? (r.numerator * m) / r.value : undefined;
    out.push({ ...base, field: 'denominator', count: r.denominator, ...(derived !== undefined ? { derived } : {}) });
  }
  return out;
}

/**
 * The counts of the figure on the benchmark's basis (sql/benchmark-basis/<id>.sql) that an LA
 * row's comparisons publish, as observations of the pseudo-indicator `<id>:benchmark-basis`.
 */
export function basisObservations(meta: IndicatorMetaLite, r: Row, source: string): Observation[] {
  const c = r.comparisons?.find((x) => x.basis === 'benchmark-basis');
  if (!c) return [];
  const base = { output: `indicator:${meta.id}:benchmark-basis`, area: r.area_code, period: r.period, breakdown: 'all', value: 'all', source };
  return [
    { ...base, field: 'numerator', count: c.local_numerator },
    { ...base, field: 'denominator', count: c.local_denominator },
  ];
}

export interface IndicatorCrawl {
  observations: Observation[];
  inconsistencies: string[];
}

/** Every view of every indicator the catalogue lists. */
export async function crawlIndicators(client: AuditClient, catalogue: IndicatorMetaLite[], areas: AreaInfo[], periods: PeriodInfo[], withCsv: boolean): Promise<IndicatorCrawl> {
  const dataPeriods = new Set(periods.map((p) => p.period));
  const observations: Observation[] = [];
  const inconsistencies: string[] = [];
  const tasks: (() => Promise<void>)[] = [];
  for (const meta of catalogue) {
    for (const area of areas) {
      for (const by of meta.breakdowns) {
        // Every row comes with period=all of each type; single periods return the same rows (the
        // crawl checks that for the LA's totals, so it stays within seconds).
        const single = by === 'all' && area.area_type === 'la' ? periods : [];
        const views: Record<string, string>[] = [
          ...(['calendar-year', 'financial-year'] as const).map((t) => ({ period: 'all', period_type: t })),
          ...single.map((p) => ({ period: p.period, period_type: p.period_type })),
        ];
        for (const view of views) {
          const query = { area: area.area_code, by, ...view };
          tasks.push(async () => {
            const raw = await client.optionalJson('/api/indicators/:id', `/api/indicators/${meta.id}`, query);
            if (raw === null) return;
            const body = responseSchema.parse(raw);
            const source = `GET /api/indicators/${meta.id}?${new URLSearchParams(query).toString()}`;
            for (const r of body.rows) if (dataPeriods.has(r.period)) observations.push(...rowObservations(meta, r, source), ...basisObservations(meta, r, source));
            if (withCsv && view.period === 'all') inconsistencies.push(...(await checkCsv(client, meta, query, body.rows)));
          });
        }
      }
    }
  }
  await pool(tasks);
  return { observations, inconsistencies };
}

const gridSchema = z.object({ indicators: z.array(z.object({ indicator: z.object({ id: z.string() }), rows: z.array(rowSchema) })) });

/**
 * GET /api/overview-grid: every indicator's total rows for an LA and its localities, one period. The same cells as
 * /api/indicators/:id, so the same observations (an attacker holds both; any difference would show as a conflict).
 */
export async function crawlOverviewGrid(client: AuditClient, catalogue: IndicatorMetaLite[], areas: AreaInfo[], periods: PeriodInfo[]): Promise<Observation[]> {
  const byId = new Map(catalogue.map((m) => [m.id, m]));
  const dataPeriods = new Set(periods.map((p) => p.period));
  const observations: Observation[] = [];
  const tasks: (() => Promise<void>)[] = [];
  for (const area of areas.filter((a) => a.area_type === 'la')) {
    for (const period of periods.filter((p) => p.period_type === 'calendar-year')) {
      const query = { la: area.area_code, period: period.period };
      tasks.push(async () => {
        const raw = await client.optionalJson('/api/overview-grid', '/api/overview-grid', query);
        if (raw === null) return;
        const source = `GET /api/overview-grid?${new URLSearchParams(query).toString()}`;
        for (const answer of gridSchema.parse(raw).indicators) {
          const meta = byId.get(answer.indicator.id);
          if (!meta) continue;
          for (const r of answer.rows) if (dataPeriods.has(r.period)) observations.push(...rowObservations(meta, r, source), ...basisObservations(meta, r, source));
        }
      });
    }
  }
  await pool(tasks);
  return observations;
}

/** The CSV of a view must publish exactly what the JSON publishes: no number where the JSON has 'c'. */
async function checkCsv(client: AuditClient, meta: IndicatorMetaLite, query: Record<string, string>, rows: Row[]): Promise<string[]> {
  const res = await client.get('/api/export/:id.csv', `/api/export/${meta.id}.csv`, query);
  if (res.status !== 200) return [`CSV ${meta.id} ${JSON.stringify(query)}: HTTP ${res.status}`];
  const records = parse(res.text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const json = new Map(rows.map((r) => [`${r.area_code}|${r.period}|${r.breakdown}|${r.breakdown_value}`, r]));
  const problems: string[] = [];
  for (const rec of records) {
    const key = `${rec.area_code}|${rec.time_period}|${rec.breakdown}|${rec.breakdown_value}`;
    const r = json.get(key);
    if (!r) {
      problems.push(`CSV ${meta.id} ${JSON.stringify(query)}: row ${key} is not in the JSON`);
      continue;
    }
    for (const field of ['numerator', 'denominator'] as const) {
      const csv = rec[field];
      const published = r[field];
      const csvNumber = csv !== undefined && csv !== '' && !Number.isNaN(Number(csv)) ? Number(csv) : null;
      if (csvNumber !== null && published === null) problems.push(`CSV ${meta.id} ${key}: ${field} ${csvNumber} where the JSON suppresses it`);
      else if (csvNumber !== null && published !== null && Math.abs(csvNumber - published) > CSV_TOLERANCE) problems.push(`CSV ${meta.id} ${key}: ${field} ${csvNumber} but JSON ${published}`);
    }
  }
  return problems;
}
