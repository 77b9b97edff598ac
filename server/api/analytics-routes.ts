import express from 'express';
import { workloadDefaultsQuerySchema, workloadDefaultsResponseSchema, workloadQuerySchema, workloadResponseSchema } from '../../contract/analytics.ts';
import { analyticsEndpoints, answer } from '../analytics/registry.ts';
import { workload, workloadDefaults } from '../analytics/workload.ts';
import type { ServingEnv } from '../serving-env.ts';
import { loadedData, parseQuery } from './requests.ts';
import type { DataSource } from '../data-context.ts';

// The analytics endpoints (server/analytics/registry.ts, one entry each: journey, provision
// gaps, feedback themes, budgets, transitions, forecast), served as JSON in one loop: the query
// is validated (400) before the data are looked at (404 before a load), then answered from the
// registry's per-data-version cache. Also the workload planner (server/analytics/README.md):
//   GET /api/workload?caseload=&years=&weeks_per_year=&plans_per_coordinator_per_quarter=
//   GET /api/workload/defaults?area=&period=         prefill values for the planner

export interface AnalyticsRouteOptions {
  env: ServingEnv;
  dataState: DataSource;
}

export function analyticsRoutes({ env, dataState }: AnalyticsRouteOptions): express.Router {
  const router = express.Router();
  for (const endpoint of analyticsEndpoints) {
    router.get(endpoint.path, async (req, res) => {
      const query = parseQuery(endpoint.query, req.query);
      res.json(await answer(endpoint, env, await loadedData(dataState), query));
    });
  }

  router.get('/api/workload/defaults', async (req, res) => {
    const query = parseQuery(workloadDefaultsQuerySchema, req.query);
    const context = await loadedData(dataState);
    res.json(workloadDefaultsResponseSchema.parse(await workloadDefaults(env.db, context, env.threshold, query)));
  });

  router.get('/api/workload', (req, res) => {
    res.json(workloadResponseSchema.parse(workload(parseQuery(workloadQuerySchema, req.query))));
  });

  return router;
}
