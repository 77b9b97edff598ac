import express from 'express';
import { workloadDefaultsQuerySchema, workloadDefaultsResponseSchema, workloadQuerySchema, workloadResponseSchema } from '../../contract/analytics.ts';
import { workload, workloadDefaults } from '../analytics/workload.ts';
import type { Database } from '../db/database.ts';
import { journeyEndpoint, provisionGapsEndpoint, serveJson } from './analytics-endpoints.ts';
import { loadedData, parseQuery } from './requests.ts';
import type { DataSource } from '../data-context.ts';

// Commissioning analytics (server/analytics/README.md):
//   GET /api/analytics/journey?area=&period=        single view of the child: the EHC journey, waits, overlaps
//   GET /api/analytics/provision-gaps?period=        demand against Local Offer capacity, commissioners, placements
//   GET /api/workload?caseload=&years=&weeks_per_year=&plans_per_coordinator_per_quarter=
//   GET /api/workload/defaults?area=&period=         prefill values for the planner
// Queries and responses are validated with the zod schemas in contract/analytics.ts; the
// journey and provision gaps are built in analytics-endpoints.ts (shared with the exports).

export interface AnalyticsRouteOptions {
  db: Database;
  dataState: DataSource;
  threshold: number;
}

export function analyticsRoutes(options: AnalyticsRouteOptions): express.Router {
  const router = express.Router();
  const { db, threshold } = options;

  const env = { db, threshold, reference: null };
  serveJson(router, journeyEndpoint, env, options.dataState);
  serveJson(router, provisionGapsEndpoint, env, options.dataState);

  router.get('/api/workload/defaults', async (req, res) => {
    const query = parseQuery(workloadDefaultsQuerySchema, req.query);
    const context = await loadedData(options.dataState);
    res.json(workloadDefaultsResponseSchema.parse(await workloadDefaults(db, context, threshold, query)));
  });

  router.get('/api/workload', (req, res) => {
    res.json(workloadResponseSchema.parse(workload(parseQuery(workloadQuerySchema, req.query))));
  });

  return router;
}
