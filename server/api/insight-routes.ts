import express from 'express';
import type { Database } from '../db/database.ts';
import { NotFoundError, type Area, type DataContext, type Period } from '../indicators/engine.ts';
import { budgetsQuerySchema, budgetsResponseSchema } from '../analytics/budgets-contract.ts';
import { computeBudgets } from '../analytics/budgets.ts';
import { feedbackThemesQuerySchema, feedbackThemesResponseSchema } from '../analytics/feedback-contract.ts';
import { computeFeedbackThemes } from '../analytics/feedback-themes.ts';
import { transitionsQuerySchema, transitionsResponseSchema } from '../analytics/transitions-contract.ts';
import { computeTransitions } from '../analytics/transitions.ts';
import { parseQuery } from './requests.ts';

// Commissioning insight endpoints:
//   GET /api/feedback/themes?area=&period=        Local Offer feedback themes
//   GET /api/budgets?area=&period=                personal budgets
//   GET /api/transitions?area=&period=&by=        preparing for adulthood and transitions
// Each computes every area and period once per loaded extract (and suppression threshold),
// applies disclosure control across all of them together, and caches the result until the
// next load; a request then only picks its area and period out of it.

export interface InsightRouteOptions {
  db: Database;
  dataState: { get(): Promise<DataContext | null> };
  threshold: number;
}

type Compute<T> = (db: Database, areas: readonly Area[], periods: readonly Period[], threshold: number) => Promise<T>;

export function insightRoutes(options: InsightRouteOptions): express.Router {
  const { db, threshold } = options;
  const router = express.Router();
  // Per data version: a new load brings a new DataContext, and its cache goes with the old one.
  const caches = new WeakMap<DataContext, Map<string, Promise<unknown>>>();
  const cached = <T>(context: DataContext, name: string, compute: Compute<T>): Promise<T> => {
    let cache = caches.get(context);
    if (!cache) caches.set(context, (cache = new Map()));
    let entry = cache.get(name) as Promise<T> | undefined;
    if (!entry) {
      entry = compute(db, context.areas, context.periods, threshold);
      cache.set(name, entry);
      entry.catch(() => cache.delete(name));
    }
    return entry;
  };

  const resolve = async (query: { area?: string | undefined; period?: string | undefined }) => {
    const context = await options.dataState.get();
    if (!context) throw new NotFoundError('No extract has been loaded yet: run `npm run ingest -- <extract-dir>`');
    const areaCode = query.area ?? context.defaultArea;
    const periodLabel = query.period ?? context.defaultPeriod;
    const area = context.areas.find((a) => a.area_code === areaCode);
    if (!area) throw new NotFoundError(areaCode ? `No area ${areaCode} in the loaded data` : 'The loaded extract has no areas');
    const period = context.periods.find((p) => p.period === periodLabel);
    if (!period) throw new NotFoundError(periodLabel ? `No period ${periodLabel} in the loaded data` : 'The loaded extract has no periods');
    return { context, area, period };
  };

  router.get('/api/feedback/themes', async (req, res) => {
    const query = parseQuery(feedbackThemesQuerySchema, req.query);
    const { context, area, period } = await resolve(query);
    const model = await cached(context, 'feedback-themes', computeFeedbackThemes);
    res.json(feedbackThemesResponseSchema.parse({
      data: context.notice,
      query: { area: area.area_code, period: period.period },
      ...model.view(area, period),
    }));
  });

  router.get('/api/budgets', async (req, res) => {
    const query = parseQuery(budgetsQuerySchema, req.query);
    const { context, area, period } = await resolve(query);
    const model = await cached(context, 'budgets', computeBudgets);
    res.json(budgetsResponseSchema.parse({
      data: context.notice,
      query: { area: area.area_code, period: period.period },
      ...model.view(area, period),
    }));
  });

  router.get('/api/transitions', async (req, res) => {
    const query = parseQuery(transitionsQuerySchema, req.query);
    const { context, area, period } = await resolve(query);
    const by = query.by ?? 'age_band';
    const model = await cached(context, 'transitions', computeTransitions);
    res.json(transitionsResponseSchema.parse({
      data: context.notice,
      query: { area: area.area_code, period: period.period, by },
      ...model.view(area, period, by),
    }));
  });

  return router;
}
