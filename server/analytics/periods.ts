import { NotFoundError, type Area, type DataContext, type Period } from '../indicators/engine.ts';

// Areas and periods of a request: defaults from the loaded data, 404 for what it does not have.

export function resolvePeriod(context: DataContext, label: string | undefined): Period {
  const wanted = label ?? context.defaultPeriod;
  if (!wanted) throw new NotFoundError('The loaded extract has no periods');
  const period = context.periods.find((p) => p.period === wanted);
  if (!period) throw new NotFoundError(`No period ${wanted} in the loaded data`);
  return period;
}

export function resolveArea(context: DataContext, code: string | undefined): Area {
  const wanted = code ?? context.defaultArea;
  if (!wanted) throw new NotFoundError('The loaded extract has no areas');
  const area = context.areas.find((a) => a.area_code === wanted);
  if (!area) throw new NotFoundError(`No area ${wanted} in the loaded data`);
  return area;
}

/** The extract's LA (the commissioning authority). */
export function extractLa(context: DataContext): Area {
  return resolveArea(context, undefined);
}

export function localitiesOf(context: DataContext, laCode: string): Area[] {
  return context.areas.filter((a) => a.parent_code === laCode).sort((a, b) => a.area_code.localeCompare(b.area_code));
}

/** The complete period that ends last (a calendar year before a financial year ending the same day); else the latest calendar year. */
export function latestCompletePeriod(context: DataContext): Period {
  const complete = context.periods.filter((p) => p.complete);
  const order = (p: Period) => `${p.end_date}|${p.period_type === 'calendar-year' ? 1 : 0}`;
  const latest = [...complete].sort((a, b) => order(a).localeCompare(order(b))).at(-1);
  return latest ?? resolvePeriod(context, undefined);
}
