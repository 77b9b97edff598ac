import express from 'express';
import type { Database } from '../db/database.ts';
import type { ReferenceData } from '../benchmarks/reference-data.ts';
import { forecastEndpoint, serveJson } from './analytics-endpoints.ts';
import type { DataSource } from '../data-context.ts';

// GET /api/forecast?area=&by=  the five-year projection of active EHC plans (the
// ehc-plans-forecast indicator's rows, disclosure control applied), the method in words, the
// fitted rates by age and the backtest (built in analytics-endpoints.ts, shared with the
// exports). See server/forecast/README.md.

export interface ForecastRouteOptions {
  db: Database;
  dataState: DataSource;
  threshold: number;
  reference: ReferenceData | null;
}

export function forecastRoutes(options: ForecastRouteOptions): express.Router {
  const router = express.Router();
  serveJson(router, forecastEndpoint, { db: options.db, threshold: options.threshold, reference: options.reference }, options.dataState);
  return router;
}
