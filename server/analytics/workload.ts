import type { Database } from '../db/database.ts';
import { indicatorById } from '../indicators/catalogue.ts';
import { computeIndicator } from '../indicators/engine.ts';
import type { DataContext } from '../data-context.ts';
import type { WorkloadDefaultsResponse, WorkloadQuery, WorkloadResponse } from '../../contract/analytics.ts';
import { extractLa, latestCompletePeriod, resolveArea, resolvePeriod } from './periods.ts';

// Workload planner: how many plans a year and a week pass through the team, and how many EHC
// coordinators (full-time equivalent) that needs. Unrounded: rounding is the reader's choice.

export const workloadMethod =
  'per_year = caseload / years; per_week = per_year / weeks_per_year; coordinators_fte = (per_year / 4) / plans_per_coordinator_per_quarter';

export function workload(q: WorkloadQuery): WorkloadResponse {
  const perYear = q.caseload / q.years;
  return {
    inputs: { ...q },
    per_year: perYear,
    per_week: perYear / q.weeks_per_year,
    coordinators_fte: perYear / 4 / q.plans_per_coordinator_per_quarter,
    method: workloadMethod,
  };
}

export const DEFAULT_YEARS = 1;
export const DEFAULT_WEEKS_PER_YEAR = 39;
export const DEFAULT_PLANS_PER_COORDINATOR_PER_QUARTER = 45;

/**
 * Prefill values. The caseload is the ehc-plans-rate indicator's numerator (EHC plans active on
 * the last day of the latest complete period, for the extract's LA) with that indicator's
 * disclosure control, so the same figure is never published two ways.
 */
export async function workloadDefaults(
  db: Database,
  context: DataContext,
  threshold: number,
  chosen: { area?: string | undefined; period?: string | undefined } = {},
): Promise<WorkloadDefaultsResponse> {
  // The planner's area and year choice (issue 17); by default the extract's LA and its latest complete period.
  const la = chosen.area ? resolveArea(context, chosen.area) : extractLa(context);
  const period = chosen.period ? resolvePeriod(context, chosen.period, 'snapshot') : latestCompletePeriod(context);
  const definition = indicatorById.get('ehc-plans-rate');
  if (!definition) throw new Error('indicator ehc-plans-rate is not in the catalogue');
  const [row] = await computeIndicator(
    db,
    context,
    definition,
    { area: la.area_code, period: period.period, periodType: period.period_type, by: 'all' },
    { threshold, reference: null },
  );
  const caseload = row && !row.suppressed ? row.numerator : null;
  return {
    data: context.notice,
    period,
    defaults: {
      caseload,
      years: DEFAULT_YEARS,
      weeks_per_year: DEFAULT_WEEKS_PER_YEAR,
      plans_per_coordinator_per_quarter: DEFAULT_PLANS_PER_COORDINATOR_PER_QUARTER,
    },
    symbols: { caseload: row?.suppressed ? 'c' : caseload === null ? 'x' : null },
    reasons: {
      caseload: `EHC plans active on ${period.end_date} (the last day of ${period.period}${chosen.period ? '' : ', the latest complete period'}) for ${la.area_name}: the count of active plans behind the EHC plans indicator, with the same suppression.`,
      years: 'Every EHC plan must be reviewed at least once every 12 months, so the whole caseload passes through the team once a year.',
      weeks_per_year:
        '39: annual reviews are meetings held with the school or college, which are open 39 weeks a year, so the weekly load falls in term time; use 52 to spread it over the whole year.',
      plans_per_coordinator_per_quarter:
        'An assumption, not from the data: a full-time EHC coordinator holding about 180 plans, each reviewed once a year, completes about 45 a quarter (180 / 4). Replace it with the local figure.',
    },
  };
}
