import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { shippedCatalogue, type IndicatorCatalogue } from '../indicators/catalogue.ts';
import { indicatorMeta } from '../indicators/engine.ts';
import { NotFoundError } from '../errors.ts';
import { allAreas, type DataContext } from '../data-context.ts';
import { audit } from '../auth/audit.ts';
import type { Auth } from '../auth/auth.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import type { ServingEnv } from '../serving-env.ts';
import { boardPackPdfRoute } from './board-pack-route.ts';
import { HeavyWorkQueue, type HeavyQueueLimits } from '../exports/heavy-queue.ts';
import { attachment, csvDocument, safeFileStem } from '../exports/csv.ts';
import { analyticsTableById, analyticsTables, type AnalyticsTable } from '../exports/analytics-tables.ts';
import { analyticsMetadataRows, metaHeader, metadataRows } from '../exports/metadata.ts';
import { readProvenance } from '../exports/provenance.ts';
import { tidyHeader, tidyRecord, tidyRows } from '../exports/tidy.ts';
import { indicatorTrendRows, indicatorView, workbookAreas, type WorkbookSelection } from '../exports/views.ts';
import { writeWorkbookInWorker } from '../exports/workbook-thread.ts';
import { chapters, inChapter, type Chapter, type WorkbookAnalyticsTable, type WorkbookInput, type WorkbookTable } from '../exports/workbook.ts';
import { OutputClosedError } from '../exports/xlsx-stream.ts';
import { bulkExportRoute } from './bulk-export-route.ts';
import { loadedData, parseQuery, resolveIndicatorRequest } from './requests.ts';
import type { DataSource } from '../data-context.ts';

// Downloads for JSNA authors (see server/exports/README.md):
//   GET /api/export/:id.csv?area=&period=&by=   tidy CSV of one indicator view
//   GET /api/export/:id.meta.csv                 its metadata
//   GET /api/export/:chapter.xlsx                needs | gaps | outcomes | all
//   GET /api/export/board-pack.pdf?area=&period= the board-pack page printed by headless Chromium
//   GET /api/export/bulk/indicators.csv|.xlsx     every indicator in one tidy table (bulk-export-route.ts)
//   GET /api/export/analytics/:table.csv?…       an analytics table (exports/analytics-tables.ts), the JSON endpoint's query
//   GET /api/export/analytics/:table.meta.csv    its metadata
// Every figure goes through computeIndicator or the analytics endpoint's own response, so disclosure
// control always applies.

export interface ExportRouteOptions {
  env: ServingEnv;
  dataState: DataSource;
  /** The indicators exported (default: the shipped catalogue). */
  indicators?: IndicatorCatalogue;
  /** For the board-pack PDF: Chromium loads the page with a short-lived session of the requesting user. */
  auth?: Auth;
  /** PUBLICATION_CONTACT: the Contact line of workbook covers (null: the cover says how to set it). */
  contact?: string | null;
  /** Workbooks and PDFs built at once and waiting (HEAVY_EXPORTS_AT_ONCE, HEAVY_EXPORTS_WAITING); default 2 and 8. */
  heavy?: HeavyQueueLimits;
}

/** The file name of a Content-Disposition header, for the audit log. */
function downloadName(header: unknown): string | null {
  return typeof header === 'string' ? (/filename="([^"]*)"/.exec(header)?.[1] ?? null) : null;
}

/** Every export is audited when its response ends: who, what, how many rows, which file, and the outcome. */
function auditExports(req: Request, res: Response, next: NextFunction): void {
  res.on('close', () => {
    const rows = (res.locals as { exportRows?: number }).exportRows ?? null;
    const outcome = !res.writableFinished ? 'error' : res.statusCode < 400 ? 'success' : 'failure';
    audit.record({ req, action: 'export', outcome, params: { path: req.originalUrl.split('?')[0], ...(req.query as Record<string, unknown>) }, rows, file: downloadName(res.getHeader('Content-Disposition')) });
  });
  next();
}

const noQuery = z.object({}).strict();
const exportScopeSchema = z.object({ scope: z.enum(['area', 'las']).optional() }).strict();
/** A chapter workbook of one level of areas (`level=region`) or one area (`area=E08000035`, an LA with its localities); neither: every area. */
const workbookSelectionSchema = z
  .object({ level: z.enum(['england', 'region', 'icb', 'la', 'locality']).optional(), area: z.string().regex(/^[A-Za-z0-9:_-]{1,60}$/).optional() })
  .strict()
  .refine((q) => q.level === undefined || q.area === undefined, { message: 'give level or area, not both' })
  .transform((q): WorkbookSelection => (q.level ? { level: q.level } : q.area ? { area: q.area } : {}));

const EXPORT_FILE = /^([a-z0-9][a-z0-9-]{0,99})\.(meta\.csv|csv|xlsx)$/;
const ANALYTICS_FILE = /^([a-z0-9][a-z0-9-]{0,99})\.(meta\.csv|csv)$/;

/**
 * Streams a workbook built in a worker thread (off the event loop); once headers are gone a failure can only end
 * the download as failed.
 */
async function sendWorkbook(res: Response, input: WorkbookInput): Promise<void> {
  try {
    await writeWorkbookInWorker(res, input);
  } catch (error) {
    if (!res.destroyed && !(error instanceof OutputClosedError)) console.error('workbook export failed', error instanceof Error ? error.message : error);
    res.destroy();
  }
}

export function exportRoutes(options: ExportRouteOptions): express.Router {
  const router = express.Router();
  const { env, dataState } = options;
  const indicators = options.indicators ?? shippedCatalogue;
  const requireData = (): Promise<DataContext> => loadedData(dataState);
  router.use('/api/export', auditExports);
  // Workbooks and the PDF are bounded: a few at a time, a short queue, then 503 with Retry-After.
  const heavy = new HeavyWorkQueue(options.heavy ?? { atOnce: 2, waiting: 8 });
  const gateWorkbooks: express.RequestHandler<{ file: string }> = (req, res, next) => {
    if (req.params.file.toLowerCase().endsWith('.xlsx')) void heavy.gate(req, res, next);
    else next();
  };
  const credentials = boardPackCredentials(options.auth);
  // Every indicator in one tidy table (issue 17); before ':file', which has no slash. Bounded like the other heavy exports.
  router.get('/api/export/bulk/:file', heavy.gate, bulkExportRoute(env, dataState, env.threshold, indicators.list));
  router.get('/api/export/board-pack.pdf', heavy.gate, boardPackPdfRoute({ requireData, ...(credentials ? { credentials } : {}) }));
  router.get('/api/export/analytics/:file', analyticsTableRoute(env, requireData));
  router.get('/api/export/:file', gateWorkbooks, exportFileRoute({ env, requireData, indicators, contact: options.contact ?? null }));
  return router;
}

/** The headers of every download: type, file name, the synthetic flag, no caching or sniffing. */
function downloadHeaders(res: Response, context: DataContext, type: string, fileName: string): void {
  res.type(type);
  res.setHeader('Content-Disposition', attachment(fileName));
  res.setHeader('X-Synthetic-Data', String(context.notice.synthetic));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
const synthetic = (context: DataContext): string[] => (context.notice.synthetic ? ['synthetic'] : []);
const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The board pack's Chromium signs in as the requesting user, for a short while. */
function boardPackCredentials(auth: Auth | undefined) {
  if (!auth) return undefined;
  return (req: Request, lifetimeMs: number) => {
    if (!req.auth) throw new Error('board pack requested without a signed-in user');
    const session = auth.internalSessionCookie(req.auth.name, lifetimeMs);
    return { headers: { Cookie: session.cookie }, end: session.end };
  };
}

/**
 * GET /api/export/analytics/:table.csv|.meta.csv: the id must be in the registry; the query is
 * validated with the table's endpoint schema; the file name is built from the registry's id and
 * the resolved query, never from the request text.
 */
function analyticsTableRoute(env: ServingEnv, requireData: () => Promise<DataContext>): express.RequestHandler<{ file: string }> {
  return async (req, res) => {
    const match = ANALYTICS_FILE.exec(req.params.file);
    const table = match ? analyticsTableById.get(match[1] ?? '') : undefined;
    if (!match || !table) throw new NotFoundError(`No analytics export ${req.params.file}: expected <table>.csv or <table>.meta.csv, tables ${[...analyticsTableById.keys()].join(', ')}`);
    if (match[2] === 'meta.csv') {
      parseQuery(noQuery, req.query);
      const query = parseQuery(table.query, {});
      const context = await requireData();
      const { method } = await table.load(env, context, query);
      const rows = analyticsMetadataRows({ table, method, notice: context.notice, provenance: await readProvenance(env.db, context), threshold: env.threshold });
      downloadHeaders(res, context, CSV, `${safeFileStem([table.id, 'meta', ...synthetic(context)])}.csv`);
      res.send(csvDocument(metaHeader, rows));
      return;
    }
    const query = parseQuery(table.query, req.query);
    const context = await requireData();
    const { rows, resolved } = await table.load(env, context, query);
    const header = ['data_status', ...table.columns.map((c) => c.name)];
    const status = context.notice.synthetic ? 'synthetic' : 'extract';
    downloadHeaders(res, context, CSV, `${safeFileStem([table.id, ...resolved, ...synthetic(context)])}.csv`);
    res.send(csvDocument(header, rows.map((row) => [status, ...table.columns.map((c) => row[c.name] ?? 'x')])));
  };
}

interface FileRouteOptions {
  env: ServingEnv;
  requireData: () => Promise<DataContext>;
  indicators: IndicatorCatalogue;
  contact: string | null;
}

/** GET /api/export/:file: a chapter workbook, or one indicator's CSV, workbook or metadata. */
function exportFileRoute(options: FileRouteOptions): express.RequestHandler<{ file: string }> {
  return async (req, res) => {
    const match = EXPORT_FILE.exec(req.params.file);
    if (!match) throw new NotFoundError(`No export ${req.params.file}: expected <indicator>.csv, <indicator>.xlsx, <indicator>.meta.csv or <chapter>.xlsx`);
    const [, name = '', kind = ''] = match;
    if (kind === 'xlsx' && !options.indicators.byId.has(name)) {
      if (!(chapters as readonly string[]).includes(name)) throw new NotFoundError(`No chapter or indicator ${name}: expected one of ${chapters.join(', ')} or an indicator id`);
      await sendChapterWorkbook(options, res, name as Chapter, parseQuery(workbookSelectionSchema, req.query));
      return;
    }
    const definition = options.indicators.byId.get(name);
    if (!definition) throw new NotFoundError(`No indicator ${name}`);
    if (kind === 'meta.csv') {
      parseQuery(noQuery, req.query);
      const context = await options.requireData();
      const rows = metadataRows({ indicator: indicatorMeta(definition), notice: context.notice, provenance: await readProvenance(options.env.db, context), threshold: options.env.threshold });
      downloadHeaders(res, context, CSV, `${safeFileStem([definition.id, 'meta', ...synthetic(context)])}.csv`);
      res.locals.exportRows = rows.length;
      res.send(csvDocument(metaHeader, rows));
      return;
    }
    await sendIndicatorTable(options, req, res, definition, kind === 'csv' ? 'csv' : 'xlsx');
  };
}

/** A JSNA chapter: every indicator of it, then its analytics tables (every area, the default period). */
async function sendChapterWorkbook({ env, requireData, indicators, contact }: FileRouteOptions, res: Response, chapter: Chapter, selection: WorkbookSelection): Promise<void> {
  const context = await requireData();
  const definitions = indicators.list.filter((d) => inChapter(chapter, d.group));
  if (definitions.length === 0) throw new NotFoundError(`The ${chapter} chapter has no indicators yet`);
  const { areas, name } = workbookAreas(context, selection);
  const selected = new Set(areas.map((a) => a.area_code));
  // Everything is computed before the first byte is sent, so a failure is still a clean error response.
  const tables: WorkbookTable[] = [];
  for (const definition of definitions) tables.push({ indicator: indicatorMeta(definition), rows: await indicatorTrendRows(env, context, definition, areas) });
  res.locals.exportRows = tables.reduce((n, t) => n + t.rows.length, 0);
  const analytics: WorkbookAnalyticsTable[] = [];
  for (const table of analyticsTables.filter((t) => inChapter(chapter, t.chapter))) {
    const parts = [];
    // A table by area gives the selected areas' queries only; a table of the extract as a whole, its one query.
    const queries = table.workbookQueries(context).filter((q) => typeof q.area !== 'string' || selected.has(q.area));
    for (const query of queries) {
      const part = await loadAnalyticsPart(env, context, table, query);
      if (part) parts.push(part);
    }
    analytics.push({ table, rows: parts.flatMap((p) => p.rows), method: parts[0]?.method ?? [] });
  }
  const provenance = await readProvenance(env.db, context);
  const la = context.areas.find((a) => a.area_code === context.defaultArea);
  const fileArea = 'level' in selection ? selection.level : 'area' in selection ? selection.area : (context.defaultArea ?? 'la');
  downloadHeaders(res, context, XLSX, `${safeFileStem(['send-jsna', chapter, fileArea, ...synthetic(context)])}.xlsx`);
  await sendWorkbook(res, {
    contact,
    chapter,
    laName: name ?? la?.area_name ?? context.defaultArea ?? 'the local authority',
    notice: context.notice,
    provenance,
    threshold: env.threshold,
    tables,
    analytics,
    generatedAt: new Date(),
  });
}

/**
 * One query of an analytics table for a workbook. An aggregate area (England, a region, an ICB) the
 * table does not serve (404) is left out, as an indicator with no aggregate is (`exportedRows`),
 * rather than failing the whole workbook of an extract of several LAs.
 */
async function loadAnalyticsPart(env: ServingEnv, context: DataContext, table: AnalyticsTable, query: Record<string, string>): Promise<Awaited<ReturnType<AnalyticsTable['load']>> | null> {
  const aggregate = typeof query.area === 'string' && context.aggregates.some((a) => a.area_code === query.area);
  try {
    return await table.load(env, context, parseQuery(table.query, query));
  } catch (error) {
    if (aggregate && error instanceof NotFoundError) return null;
    throw error;
  }
}

/** One indicator view as a tidy CSV or a one-table workbook; scope=las: every LA's rows (the national table). */
async function sendIndicatorTable({ env, requireData, contact }: FileRouteOptions, req: Request, res: Response, definition: IndicatorDefinition, kind: 'csv' | 'xlsx'): Promise<void> {
  const context = await requireData();
  const { scope: rawScope, ...indicatorQuery } = (req.query ?? {}) as Record<string, unknown>;
  const { scope } = parseQuery(exportScopeSchema, rawScope === undefined ? {} : { scope: rawScope });
  const request = resolveIndicatorRequest(definition, indicatorQuery, context);
  const indicator = indicatorMeta(definition);
  const las = context.areas.filter((a) => a.area_type === 'la');
  let rows;
  if (scope === 'las') {
    rows = [];
    for (const la of las) {
      const view = await indicatorView(env, context, definition, { ...request, area: la.area_code });
      rows.push(...tidyRows(view.rows, { indicator, notice: context.notice, parentRows: null }));
    }
  } else {
    const view = await indicatorView(env, context, definition, request);
    rows = tidyRows(view.rows, { indicator, notice: context.notice, parentRows: view.parentRows });
  }
  const stem = safeFileStem([definition.id, scope === 'las' ? 'all-las' : request.area, request.period, request.by, ...synthetic(context)]);
  res.locals.exportRows = rows.length;
  if (kind === 'csv') {
    downloadHeaders(res, context, CSV, `${stem}.csv`);
    res.send(csvDocument(tidyHeader, rows.map(tidyRecord)));
    return;
  }
  // The same table as a workbook (cover, notes, one table sheet), e.g. the national table in Excel.
  const provenance = await readProvenance(env.db, context);
  downloadHeaders(res, context, XLSX, `${stem}.xlsx`);
  await sendWorkbook(res, {
    contact,
    chapter: definition.group,
    laName: scope === 'las' ? `every local authority in the extract (${las.length})` : (allAreas(context).find((a) => a.area_code === request.area)?.area_name ?? request.area),
    notice: context.notice,
    provenance,
    threshold: env.threshold,
    tables: [{ indicator, rows }],
    generatedAt: new Date(),
  });
}
