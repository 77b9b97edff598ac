import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ReferenceData } from '../benchmarks/reference-data.ts';
import { loadConfig, type Config } from '../config.ts';
import { authFromConfig, authRoutes, userRoutes, type Auth } from '../auth/index.ts';
import type { Database } from '../db/database.ts';
import { indicatorCatalogue, shippedCatalogue, type IndicatorCatalogue } from '../indicators/catalogue.ts';
import { hasBenchmark, type IndicatorDefinition } from '../indicators/types.ts';
import { benchmarkView } from '../indicators/benchmark-view.ts';
import { catalogueEntry } from '../indicators/placement.ts';
import { computeIndicator, indicatorMeta } from '../indicators/engine.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { allAreas, readDataContext, type DataContext } from '../data-context.ts';
import { repoRoot } from '../sql-files.ts';
import type { ServingEnv } from '../serving-env.ts';
import type { ErrorResponse } from '../../contract/common.ts';
import { areasResponseSchema, benchmarkQuerySchema, benchmarkResponseSchema, catalogueResponseSchema, indicatorResponseSchema, periodsResponseSchema } from '../../contract/indicators.ts';
import { ARROW_STREAM, arrowMetadata, rowsToArrowStream } from './arrow.ts';
import { dataStatus } from './data-status.ts';
import { responseCacheFor } from './response-cache.ts';
import { apiRateLimit, securityMiddleware, type SecurityOptions } from './security.ts';
import { parseQuery, resolveIndicatorRequest } from './requests.ts';
import { exportRoutes } from './export-routes.ts';
import { gridRoute } from './grid-route.ts';
import { analyticsRoutes } from './analytics-routes.ts';
import { uploadRoutes, type UploadConfig } from './upload-routes.ts';
import { periodsPublication } from '../disclosure/periods.ts';

export interface AppOptions {
  db: Database;
  /** The indicators served (default: the shipped catalogue, server/indicators/catalogue.ts). */
  indicators?: readonly IndicatorDefinition[];
  config: Pick<Config, 'SUPPRESSION_THRESHOLD'> & UploadConfig & Partial<Pick<Config, 'HEAVY_EXPORTS_AT_ONCE' | 'HEAVY_EXPORTS_WAITING' | 'PUBLICATION_CONTACT'>>;
  /** Published benchmarks (data/reference); without them rows carry no comparisons. */
  reference?: ReferenceData | null;
  security?: SecurityOptions;
  /** Folder of the built web app; omitted in API-only tests. */
  webDist?: string;
  /** Users, sessions and audit log (server/auth). Default: from the environment (USERS_PATH, AUDIT_LOG_PATH).
   *  Every /api route not public in server/auth/route-roles.ts needs a signed-in user with the role it names. */
  auth?: Auth;
  /** The proxy's addresses or CIDRs (TRUST_PROXY): only X-Forwarded-* headers from these peers are believed. */
  trustProxy?: false | readonly string[];
}

/** Cached description of the loaded data; `refresh()` after a load. */
export class DataState {
  private current: Promise<DataContext | null> | null = null;
  constructor(private readonly db: Database) {}
  get(): Promise<DataContext | null> {
    this.current ??= readDataContext(this.db).catch((error: unknown) => {
      this.current = null;
      throw error;
    });
    return this.current;
  }
  refresh(): void {
    this.current = null;
  }
}

export interface DashboardApp {
  app: express.Express;
  dataState: DataState;
  auth: Auth;
}

export function createApp(options: AppOptions): DashboardApp {
  const { db, config } = options;
  const app = express();
  const dataState = new DataState(db);
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Express's list form: X-Forwarded-For is read right to left, stopping at the first address not in the list.
  if (options.trustProxy && options.trustProxy.length > 0) app.set('trust proxy', [...options.trustProxy]);
  const auth = options.auth ?? authFromConfig(loadConfig());
  app.locals.auditLog = auth.auditLog;
  app.use(securityMiddleware());
  // Every API answer (data, denials, errors) is private to the user who asked: no browser or proxy may keep it.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (options.security?.apiRequestsPerMinute) app.use('/api', apiRateLimit(options.security));
  // Deny by default: who may call what is server/auth/route-roles.ts.
  app.use(auth.middleware());
  app.use(authRoutes(auth));
  app.use(userRoutes(auth));

  // What every figure is computed with, declared once for every route (server/serving-env.ts).
  const env: ServingEnv = { db, threshold: config.SUPPRESSION_THRESHOLD, reference: options.reference ?? null };
  const indicators = options.indicators ? indicatorCatalogue(options.indicators) : shippedCatalogue;
  app.use(dataRoutes(env, dataState, indicators));

  const heavy = { atOnce: config.HEAVY_EXPORTS_AT_ONCE ?? 2, waiting: config.HEAVY_EXPORTS_WAITING ?? 8 };
  app.use(exportRoutes({ env, dataState, indicators, auth, heavy, contact: config.PUBLICATION_CONTACT ?? null }));
  app.use(analyticsRoutes({ env, dataState }));
  app.use(uploadRoutes({ db, dataState, config }));
  app.use('/api', (req, _res, next) => next(new NotFoundError(`No API route ${req.method} ${req.path}`)));

  const webDist = options.webDist;
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.get('/{*path}', (_req, res) => res.sendFile(join(webDist, 'index.html')));
  }

  app.use((error: unknown, _req: Request, res: Response<ErrorResponse>, _next: NextFunction) => {
    if (error instanceof BadRequestError) return void res.status(400).json({ error: error.message, details: error.details });
    if (error instanceof NotFoundError) return void res.status(404).json({ error: error.message });
    if (isBodyParserError(error)) return void res.status(error.status).json({ error: 'Bad request' });
    console.error('unexpected error', error);
    res.status(500).json({ error: 'Internal error: the request could not be completed' });
  });
  return { app, dataState, auth };
}

/** The indicator, benchmark, area, period and data-status routes. */
function dataRoutes(env: ServingEnv, dataState: DataState, indicators: IndicatorCatalogue): express.Router {
  const router = express.Router();
  const { db } = env;
  const indicatorOptions = { threshold: env.threshold, reference: env.reference };
  const requireData = async (): Promise<DataContext> => {
    const context = await dataState.get();
    if (!context) throw new NotFoundError('No extract has been loaded yet: run `npm run ingest -- <extract-dir>`');
    return context;
  };

  router.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/api/indicators', async (_req, res) => {
    const context = await requireData();
    res.json(catalogueResponseSchema.parse({ data: context.notice, indicators: indicators.list.map(catalogueEntry) }));
  });

  router.get('/api/indicators/:id', async (req, res) => {
    const definition = indicators.byId.get(req.params.id);
    if (!definition) throw new NotFoundError(`No indicator ${req.params.id}`);
    const context = await requireData();
    const request = resolveIndicatorRequest(definition, req.query, context);
    const arrow = req.accepts(['application/json', ARROW_STREAM]) === ARROW_STREAM;
    const cache = responseCacheFor(context);
    const key = JSON.stringify([definition.id, request.area, request.period, request.periodType, request.by, arrow]);
    let payload = cache.get(key);
    if (!payload) {
      const rows = await computeIndicator(db, context, definition, request, indicatorOptions);
      const body = indicatorResponseSchema.parse({
        indicator: indicatorMeta(definition),
        query: { area: request.area, period: request.period, period_type: request.periodType, by: request.by },
        data: context.notice,
        rows,
      });
      payload = arrow ? Buffer.from(rowsToArrowStream(body.rows, arrowMetadata(body))) : Buffer.from(JSON.stringify(body));
      cache.set(key, payload);
    }
    res.vary('Accept');
    if (arrow) res.setHeader('X-Synthetic-Data', String(context.notice.synthetic));
    res.type(arrow ? ARROW_STREAM : 'application/json');
    res.send(payload);
  });

  router.get('/api/overview-grid', gridRoute({ db, dataState, indicators: indicators.list, ...indicatorOptions }));

  router.get('/api/benchmarks/:id', async (req, res) => {
    const definition = indicators.byId.get(req.params.id);
    if (!definition) throw new NotFoundError(`No indicator ${req.params.id}`);
    const query = parseQuery(benchmarkQuerySchema, req.query);
    if (!hasBenchmark(definition) || !env.reference) throw new NotFoundError(`${definition.id} has no published benchmark`);
    const context = await requireData();
    const la = context.defaultArea;
    const period = query.period ?? context.defaultPeriod;
    if (!la || !period) throw new NotFoundError('The loaded extract has no areas or periods');
    const [laRow] = await computeIndicator(db, context, definition, { area: la, period, periodType: 'calendar-year', by: 'all' }, indicatorOptions);
    res.json(benchmarkResponseSchema.parse(benchmarkView(definition, env.reference, la, period, laRow)));
  });

  router.get('/api/areas', async (_req, res) => {
    const context = await requireData();
    res.json(areasResponseSchema.parse({ data: context.notice, areas: allAreas(context) }));
  });

  router.get('/api/periods', async (_req, res) => {
    const context = await requireData();
    res.json(periodsResponseSchema.parse({
        data: context.notice,
        ...periodsPublication(context.periods, context.allPeriods),
        default_period: context.defaultPeriod,
        default_financial_year: context.defaultFinancialYear,
      }),);
  });

  router.get('/api/data-status', async (req, res) => {
    res.json(await dataStatus(db, await dataState.get(), req.auth?.role ?? null));
  });
  return router;
}

function isBodyParserError(error: unknown): error is { status: number } {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' && error.status < 500;
}

export const defaultWebDist = join(repoRoot, 'dist', 'web');
