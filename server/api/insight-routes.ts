import express from 'express';
import type { Database } from '../db/database.ts';
import { budgetsEndpoint, feedbackThemesEndpoint, serveJson, transitionsEndpoint } from './analytics-endpoints.ts';
import type { DataSource } from '../data-context.ts';

// Commissioning insight endpoints (built in analytics-endpoints.ts, shared with the exports):
//   GET /api/feedback/themes?area=&period=        Local Offer feedback themes
//   GET /api/budgets?area=&period=                personal budgets
//   GET /api/transitions?area=&period=&by=        preparing for adulthood and transitions
// Each computes every area and period once per loaded extract (and suppression threshold),
// applies disclosure control across all of them together, and caches the result until the
// next load; a request then only picks its area and period out of it.

export interface InsightRouteOptions {
  db: Database;
  dataState: DataSource;
  threshold: number;
}

export function insightRoutes(options: InsightRouteOptions): express.Router {
  const router = express.Router();
  const env = { db: options.db, threshold: options.threshold, reference: null };
  serveJson(router, feedbackThemesEndpoint, env, options.dataState);
  serveJson(router, budgetsEndpoint, env, options.dataState);
  serveJson(router, transitionsEndpoint, env, options.dataState);
  return router;
}
