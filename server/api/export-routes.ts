import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { shippedCatalogue, type IndicatorCatalogue } from '../indicators/catalogue.ts';
import { indicatorMeta } from '../indicators/engine.ts';
import { NotFoundError } from '../errors.ts';
import { allAreas, type DataContext } from '../data-context.ts';
import type { ReferenceData } from '../benchmarks/reference-data.ts';
import { audit } from '../auth/audit.ts';
import type { Auth } from '../auth/auth.ts';
import type { Database } from '../db/database.ts';
import { boardPackPdfRoute } from './board-pack-route.ts';
import { HeavyWorkQueue, type HeavyQueueLimits } from '../exports/heavy-queue.ts';
import { attachment, csvDocument, safeFileStem } from '../exports/csv.ts';
import { analyticsTableById, analyticsTables } from '../exports/analytics-tables.ts';
import { analyticsMetadataRows, metaHeader, metadataRows } from '../exports/metadata.ts';
import { readProvenance } from '../exports/provenance.ts';
import { tidyHeader, tidyRecord, tidyRows } from '../exports/tidy.ts';
import { indicatorTrendRows, indicatorView, type ExportEnv } from '../exports/views.ts';
import { writeWorkbookInWorker } from '../exports/workbook-thread.ts';
import { chapters, inChapter, type Chapter, type WorkbookAnalyticsTable, type WorkbookInput, type WorkbookTable } from '../exports/workbook.ts';
import { OutputClosedError } from '../exports/xlsx-stream.ts';
import { bulkExportRoute } from './bulk-export-route.ts';
import { loadedData, parseQuery, resolveIndicatorRequest } from './requests.ts';

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
  db: Database;
  dataState: { get(): Promise<DataContext | null> };
  threshold: number;
  reference: ReferenceData | null;
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
  const env: ExportEnv = { db: options.db, threshold: options.threshold, reference: options.reference };
  const { list: catalogue, byId: indicatorById } = options.indicators ?? shippedCatalogue;
  const requireData = (): Promise<DataContext> => loadedData(options.dataState);
  const common = (res: Response, context: DataContext, type: string, fileName: string): void => {
    res.type(type);
    res.setHeader('Content-Disposition', attachment(fileName));
    res.setHeader('X-Synthetic-Data', String(context.notice.synthetic));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
  };
  const synthetic = (context: DataContext): string[] => (context.notice.synthetic ? ['synthetic'] : []);

  router.use('/api/export', auditExports);
  // Workbooks and the PDF are bounded: a few at a time, a short queue, then 503 with Retry-After.
  const heavy = new HeavyWorkQueue(options.heavy ?? { atOnce: 2, waiting: 8 });
  const gateWorkbooks: express.RequestHandler<{ file: string }> = (req, res, next) => {
    if (req.params.file.toLowerCase().endsWith('.xlsx')) void heavy.gate(req, res, next);
    else next();
  };
  const auth = options.auth;
  const credentials = auth
    ? (req: Request, lifetimeMs: number) => {
        if (!req.auth) throw new Error('board pack requested without a signed-in user');
        const session = auth.internalSessionCookie(req.auth.name, lifetimeMs);
        return { headers: { Cookie: session.cookie }, end: session.end };
      }
    : undefined;
  // Every indicator in one tidy table (issue 17); before ':file', which has no slash. Bounded like the other heavy exports.
  router.get('/api/export/bulk/:file', heavy.gate, bulkExportRoute(env, options.dataState, options.threshold, catalogue));
  router.get('/api/export/board-pack.pdf', heavy.gate, boardPackPdfRoute({ requireData, ...(credentials ? { credentials } : {}) }));

  // Analytics tables: the id must be in the registry; the file name is built from the
  // registry's id and the resolved query, never from the request text.
  router.get('/api/export/analytics/:file', async (req, res) => {
    const match = ANALYTICS_FILE.exec(req.params.file);
    const table = match ? analyticsTableById.get(match[1] ?? '') : undefined;
    if (!match || !table) throw new NotFoundError(`No analytics export ${req.params.file}: expected <table>.csv or <table>.meta.csv, tables ${[...analyticsTableById.keys()].join(', ')}`);
    if (match[2] === 'meta.csv') {
      parseQuery(noQuery, req.query);
      const { context, method } = await table.load(env, options.dataState, {});
      const rows = analyticsMetadataRows({ table, method, notice: context.notice, provenance: await readProvenance(options.db, context), threshold: options.threshold });
      common(res, context, 'text/csv; charset=utf-8', `${safeFileStem([table.id, 'meta', ...synthetic(context)])}.csv`);
      res.send(csvDocument(metaHeader, rows));
      return;
    }
    const { context, rows, resolved } = await table.load(env, options.dataState, req.query);
    const header = ['data_status', ...table.columns.map((c) => c.name)];
    const status = context.notice.synthetic ? 'synthetic' : 'extract';
    common(res, context, 'text/csv; charset=utf-8', `${safeFileStem([table.id, ...resolved, ...synthetic(context)])}.csv`);
    res.send(csvDocument(header, rows.map((row) => [status, ...table.columns.map((c) => row[c.name] ?? 'x')])));
  });

  router.get('/api/export/:file', gateWorkbooks, async (req, res) => {
    const match = EXPORT_FILE.exec(req.params.file);
    if (!match) throw new NotFoundError(`No export ${req.params.file}: expected <indicator>.csv, <indicator>.xlsx, <indicator>.meta.csv or <chapter>.xlsx`);
    const [, name = '', kind] = match;

    if (kind === 'xlsx' && !indicatorById.has(name)) {
      if (!(chapters as readonly string[]).includes(name)) throw new NotFoundError(`No chapter or indicator ${name}: expected one of ${chapters.join(', ')} or an indicator id`);
      parseQuery(noQuery, req.query);
      const chapter = name as Chapter;
      const context = await requireData();
      const definitions = catalogue.filter((d) => inChapter(chapter, d.group));
      if (definitions.length === 0) throw new NotFoundError(`The ${chapter} chapter has no indicators yet`);
      // Everything is computed before the first byte is sent, so a failure is still a clean error response.
      const tables: WorkbookTable[] = [];
      for (const definition of definitions) tables.push({ indicator: indicatorMeta(definition), rows: await indicatorTrendRows(env, context, definition) });
      res.locals.exportRows = tables.reduce((n, t) => n + t.rows.length, 0);
      const analytics: WorkbookAnalyticsTable[] = [];
      for (const table of analyticsTables.filter((t) => inChapter(chapter, t.chapter))) {
        const parts = [];
        for (const query of table.workbookQueries(context)) parts.push(await table.load(env, options.dataState, query));
        analytics.push({ table, rows: parts.flatMap((p) => p.rows), method: parts[0]?.method ?? [] });
      }
      const provenance = await readProvenance(options.db, context);
      const la = context.areas.find((a) => a.area_code === context.defaultArea);
      const fileName = `${safeFileStem(['send-jsna', chapter, context.defaultArea ?? 'la', ...synthetic(context)])}.xlsx`;
      common(res, context, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName);
      await sendWorkbook(res, {
        contact: options.contact ?? null,
        chapter,
        laName: la?.area_name ?? context.defaultArea ?? 'the local authority',
        notice: context.notice,
        provenance,
        threshold: options.threshold,
        tables,
        analytics,
        generatedAt: new Date(),
      });
      return;
    }

    const definition = indicatorById.get(name);
    if (!definition) throw new NotFoundError(`No indicator ${name}`);

    if (kind === 'meta.csv') {
      parseQuery(noQuery, req.query);
      const context = await requireData();
      const rows = metadataRows({ indicator: indicatorMeta(definition), notice: context.notice, provenance: await readProvenance(options.db, context), threshold: options.threshold });
      common(res, context, 'text/csv; charset=utf-8', `${safeFileStem([definition.id, 'meta', ...synthetic(context)])}.csv`);
      res.locals.exportRows = rows.length;
      res.send(csvDocument(metaHeader, rows));
      return;
    }

    const context = await requireData();
    // scope=las: the national table, every LA's rows (one area's options otherwise).
    const { scope: rawScope, ...indicatorQuery } = (req.query ?? {}) as Record<string, unknown>;
    const { scope } = parseQuery(exportScopeSchema, rawScope === undefined ? {} : { scope: rawScope });
    const request = resolveIndicatorRequest(definition, indicatorQuery, context);
    const { period, by } = request;
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
    const area = scope === 'las' ? 'all-las' : request.area;
    const stem = safeFileStem([definition.id, area, period, by, ...synthetic(context)]);
    res.locals.exportRows = rows.length;
    if (kind === 'csv') {
      common(res, context, 'text/csv; charset=utf-8', `${stem}.csv`);
      res.send(csvDocument(tidyHeader, rows.map(tidyRecord)));
      return;
    }
    // The same table as a workbook (cover, notes, one table sheet), e.g. the national table in Excel.
    const provenance = await readProvenance(options.db, context);
    common(res, context, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${stem}.xlsx`);
    await sendWorkbook(res, {
      contact: options.contact ?? null,
      chapter: definition.group,
      laName: scope === 'las' ? `every local authority in the extract (${las.length})` : (allAreas(context).find((a) => a.area_code === request.area)?.area_name ?? request.area),
      notice: context.notice,
      provenance,
      threshold: options.threshold,
      tables: [{ indicator, rows }],
      generatedAt: new Date(),
    });
  });

  return router;
}
