import express from 'express';
import type { Database } from '../db/database.ts';
import { forecastFor } from '../forecast/forecast.ts';
import { forecastQuerySchema, forecastResponseSchema, type ForecastResponse, type ForecastRow } from '../forecast/contract.ts';
import { describeMethod, publishBacktest, publishRates } from '../forecast/publish.ts';
import { ehcPlansForecast } from '../indicators/definitions/ehc-plans-forecast.ts';
import { computeIndicator, NotFoundError, type DataContext } from '../indicators/engine.ts';
import type { ReferenceData } from '../benchmarks/reference-data.ts';
import { parseQuery } from './requests.ts';

// GET /api/forecast?area=&by=  the five-year projection of active EHC plans (the
// ehc-plans-forecast indicator's rows, disclosure control applied), the method in words, the
// fitted rates by age and the backtest. See server/forecast/README.md.

export interface ForecastRouteOptions {
  db: Database;
  dataState: { get(): Promise<DataContext | null> };
  threshold: number;
  reference: ReferenceData | null;
}

export function forecastRoutes(options: ForecastRouteOptions): express.Router {
  const router = express.Router();
  router.get('/api/forecast', async (req, res) => {
    const query = parseQuery(forecastQuerySchema, req.query);
    const context = await options.dataState.get();
    if (!context) throw new NotFoundError('No extract has been loaded yet: run `npm run ingest -- <extract-dir>`');
    const areaCode = query.area ?? context.defaultArea;
    const area = context.areas.find((a) => a.area_code === areaCode);
    if (!area) throw new NotFoundError(`No area ${areaCode ?? ''} in the loaded data`);
    const by = query.by ?? 'all';
    const forecast = await forecastFor(options.db);
    const rows = await computeIndicator(options.db, context, ehcPlansForecast, { area: area.area_code, period: 'all', periodType: 'calendar-year', by }, {
      threshold: options.threshold,
      reference: options.reference,
    });
    const projection: ForecastRow[] = rows.map((r) => ({ ...r, kind: forecast.jumpOff !== null && Number(r.period) > forecast.jumpOff ? 'projected' : 'actual' }));
    const p = forecast.projections.get(area.area_code);
    const { rates, joiningRatio, leavingRatio } = publishRates(forecast, context.areas, area.area_code, options.threshold);
    const body: ForecastResponse = {
      data: context.notice,
      query: { area: area.area_code, by },
      area,
      method: describeMethod(forecast, area),
      model: {
        jump_off_year: forecast.jumpOff === null ? null : String(forecast.jumpOff),
        projected_years: forecast.years.map(String),
        fit_years: (p?.fit.fitYears ?? []).map(String),
        population_growth: p?.populationGrowth ?? 0,
        joining_year_spread: p?.fit.joiningSpread ?? 0,
        leaving_year_spread: p?.fit.leavingSpread ?? 0,
        joining_ratio: joiningRatio,
        leaving_ratio: leavingRatio,
        simulations: forecast.options.simulations,
        seed: forecast.options.seed,
      },
      projection,
      rates,
      backtest: publishBacktest(forecast, context.areas, area.area_code, options.threshold),
    };
    res.json(forecastResponseSchema.parse(body));
  });
  return router;
}
