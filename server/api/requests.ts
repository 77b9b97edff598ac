import type { z } from 'zod';
import type { DataContext, IndicatorRequest } from '../indicators/engine.ts';
import { NotFoundError } from '../indicators/engine.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import { indicatorQuerySchema } from './contract.ts';

// Request parsing shared by every router: one zod boundary, one set of defaults.

export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new BadRequestError('Invalid query parameters', details);
  }
  return parsed.data;
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
