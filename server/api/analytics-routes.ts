import express from 'express';
import { z } from 'zod';
import {
  journeyQuerySchema,
  journeyResponseSchema,
  provisionGapsQuerySchema,
  provisionGapsResponseSchema,
  workloadDefaultsResponseSchema,
  workloadQuerySchema,
  workloadResponseSchema,
} from '../analytics/contract.ts';
import { journey } from '../analytics/journey.ts';
import { resolveArea, resolvePeriod } from '../analytics/periods.ts';
import { provisionGaps } from '../analytics/provision-gaps.ts';
import { workload, workloadDefaults } from '../analytics/workload.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError, type DataContext } from '../indicators/engine.ts';
import { parseQuery } from './requests.ts';

// Commissioning analytics (server/analytics/README.md):
//   GET /api/analytics/journey?area=&period=        single view of the child: the EHC journey, waits, overlaps
//   GET /api/analytics/provision-gaps?period=        demand against Local Offer capacity, commissioners, placements
//   GET /api/workload?caseload=&years=&weeks_per_year=&plans_per_coordinator_per_quarter=
//   GET /api/workload/defaults                       prefill values for the planner
// Queries and responses are validated with the zod schemas in server/analytics/contract.ts.

export interface AnalyticsRouteOptions {
  db: Database;
  dataState: { get(): Promise<DataContext | null> };
  threshold: number;
}

const noQuery = z.object({}).strict();

export function analyticsRoutes(options: AnalyticsRouteOptions): express.Router {
  const router = express.Router();
  const { db, threshold } = options;
  const requireData = async (): Promise<DataContext> => {
    const context = await options.dataState.get();
    if (!context) throw new NotFoundError('No extract has been loaded yet: run `npm run ingest -- <extract-dir>`');
    return context;
  };

  router.get('/api/analytics/journey', async (req, res) => {
    const query = parseQuery(journeyQuerySchema, req.query);
    const context = await requireData();
    const area = resolveArea(context, query.area);
    const period = resolvePeriod(context, query.period);
    res.json(journeyResponseSchema.parse(await journey(db, context, threshold, area, period)));
  });

  router.get('/api/analytics/provision-gaps', async (req, res) => {
    const query = parseQuery(provisionGapsQuerySchema, req.query);
    const context = await requireData();
    const period = resolvePeriod(context, query.period);
    res.json(provisionGapsResponseSchema.parse(await provisionGaps(db, context, threshold, period)));
  });

  router.get('/api/workload/defaults', async (req, res) => {
    parseQuery(noQuery, req.query);
    const context = await requireData();
    res.json(workloadDefaultsResponseSchema.parse(await workloadDefaults(db, context, threshold)));
  });

  router.get('/api/workload', (req, res) => {
    res.json(workloadResponseSchema.parse(workload(parseQuery(workloadQuerySchema, req.query))));
  });

  return router;
}
