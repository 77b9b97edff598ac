import { publicationOf, type MeasureKind } from '../disclosure/periods.ts';
import { NotFoundError } from '../errors.ts';
import { allAreas, type DataContext } from '../data-context.ts';
import type { AreaLink } from '../disclosure/tables.ts';
import { hierarchyParts } from '../indicators/engine.ts';
import type { Area, Period } from '../../contract/common.ts';

// Areas and periods of a request: defaults from the loaded data, 404 for what it does not have
// or does not publish (part-years; financial years for counts of events: server/disclosure/periods.ts).

export function resolvePeriod(context: DataContext, label: string | undefined, kind: MeasureKind): Period {
  const wanted = label ?? context.defaultPeriod;
  if (!wanted) throw new NotFoundError('The loaded extract has no complete calendar year');
  const period = context.allPeriods.find((p) => p.period === wanted);
  if (!period) throw new NotFoundError(`No period ${wanted} in the loaded data`);
  const verdict = publicationOf(period, kind);
  if (!verdict.published) throw new NotFoundError(verdict.reason);
  return period;
}

export function resolveArea(context: DataContext, code: string | undefined): Area {
  const wanted = code ?? context.defaultArea;
  if (!wanted) throw new NotFoundError('The loaded extract has no areas');
  const area = allAreas(context).find((a) => a.area_code === wanted);
  if (!area) throw new NotFoundError(`No area ${wanted} in the loaded data`);
  return area;
}

/** An area an analytics table counts: its parent LA (a locality) or its parts (England, a region, an ICB). */
export type ServedArea = Area & AreaLink;

/**
 * Every area the analytics publish: England, regions and ICBs of an extract of several LAs (each
 * the sum of its parts: a region's or an ICB's LAs, England's regions and LAs in none, as the
 * indicators' hierarchy), then the LAs and localities.
 */
export function servedAreas(context: DataContext): ServedArea[] {
  const parts = hierarchyParts(context.aggregates);
  return [...context.aggregates.map((a) => ({ ...a, parts: parts.get(a.area_code) ?? [] })), ...context.areas];
}

/** The extract's LA (the commissioning authority). */
export function extractLa(context: DataContext): Area {
  return resolveArea(context, undefined);
}

export function localitiesOf(context: DataContext, laCode: string): Area[] {
  return context.areas.filter((a) => a.parent_code === laCode).sort((a, b) => a.area_code.localeCompare(b.area_code));
}

/** For a snapshot: the complete period that ends last (a calendar year before a financial year ending the same day). */
export function latestCompletePeriod(context: DataContext): Period {
  const order = (p: Period) => `${p.end_date}|${p.period_type === 'calendar-year' ? 1 : 0}`;
  const latest = [...context.periods].sort((a, b) => order(a).localeCompare(order(b))).at(-1);
  if (!latest) throw new NotFoundError('The loaded extract has no complete period');
  return latest;
}
