import * as z from 'zod';
import type { IndicatorRequest } from '../indicators/engine.ts';
import type { DataContext, DataSource } from '../data-context.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import { indicatorQuerySchema } from '../../contract/indicators.ts';

// Request parsing shared by every router: one zod boundary, one set of defaults.

/** The loaded data, or 404 when no extract has been loaded. */
export async function loadedData(dataState: DataSource): Promise<DataContext> {
  const context = await dataState.get();
  if (!context) throw new NotFoundError('No extract has been loaded yet: run `npm run ingest -- <extract-dir>`');
  return context;
}

/** A zod schema, full or mini (the contract's shapes are zod/mini, shared with the web app). */
export type Schema<T> = z.core.$ZodType<T>;

function parseWith<T>(schema: Schema<T>, value: unknown, what: string): T {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new BadRequestError(`Invalid ${what}`, details);
  }
  return parsed.data;
}

export function parseQuery<T>(schema: Schema<T>, query: unknown): T {
  return parseWith(schema, query, 'query parameters');
}

/** A JSON request body (express.json has parsed it; a missing body is undefined and fails the schema). */
export function parseBody<T>(schema: Schema<T>, body: unknown): T {
  return parseWith(schema, body, 'request body');
}

/**
 * An indicator view from request query text: validates it, checks the breakdown is allowed
 * for the indicator, and fills the defaults (the extract's LA, the latest complete year).
 */
export function resolveIndicatorRequest(definition: IndicatorDefinition, rawQuery: unknown, context: DataContext): IndicatorRequest {
  const query = parseQuery(indicatorQuerySchema, rawQuery);
  const by = query.by ?? 'all';
  if (by !== 'all' && !definition.breakdowns.includes(by)) {
    throw new BadRequestError('Invalid query parameters', [
      `by: ${definition.id} has no breakdown "${by}"; allowed: all, ${definition.breakdowns.join(', ')}`,
    ]);
  }
  const periodType = query.period_type ?? (query.period?.includes('-') ? 'financial-year' : 'calendar-year');
  const area = query.area ?? context.defaultArea;
  const period = query.period ?? (periodType === 'financial-year' ? context.defaultFinancialYear : context.defaultPeriod);
  if (!area || !period) throw new NotFoundError('The loaded extract has no areas or periods');
  return { area, period, periodType, by };
}
