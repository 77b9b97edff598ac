import { createContext, useContext } from 'react';
import type { AreasResponse, CatalogueResponse, IndicatorMeta, PeriodsResponse } from '../../contract/indicators.ts';
import { breakdownLabel } from './format.ts';
import { useLocation } from './router.tsx';

/** What every page needs before it can draw: the catalogue, the areas and the periods. */
export interface AppData {
  catalogue: CatalogueResponse;
  areas: AreasResponse['areas'];
  periods: PeriodsResponse['periods'];
  defaultPeriod: string | null;
}

export const AppDataContext = createContext<AppData | null>(null);

/** Periods the data do not cover in full (part-years): no change is ever measured from or to them. */
export function useIncompletePeriods(): ReadonlySet<string> {
  const { periods } = useContext(AppDataContext) ?? { periods: [] };
  return new Set(periods.filter((p) => !p.complete).map((p) => p.period));
}

export function useAppData(): AppData {
  const data = useContext(AppDataContext);
  if (!data) throw new Error('useAppData outside AppDataContext');
  return data;
}

export type Area = AppData['areas'][number];
export type FilterName = 'area' | 'period' | 'by' | 'compare';

export interface ComparatorOption {
  id: string;
  label: string;
}

/** The filters of the current URL, checked against the data, with defaults filled in. */
export interface Filters {
  area: Area;
  la: Area;
  period: string;
  /** The chosen period's type; calendar years unless a financial year is chosen. */
  periodType: 'calendar-year' | 'financial-year';
  by: string;
  compare: string;
  comparators: ComparatorOption[];
  /** Messages about parameters in the URL that were not recognised and were replaced by defaults. */
  notices: string[];
}

export function comparatorOptions(area: Area, las: Area[]): ComparatorOption[] {
  if (area.area_type === 'locality') {
    const parent = las.find((a) => a.area_code === area.parent_code);
    return [{ id: 'la', label: `${parent?.area_name ?? 'The local authority'} (whole local authority)` }];
  }
  return [
    { id: 'england', label: 'England' },
    { id: 'region', label: 'Region' },
    { id: 'neighbours', label: 'Statistical neighbours (mean)' },
  ];
}

export function resolveFilters(
  query: URLSearchParams,
  data: AppData,
  breakdowns: string[] = ['all'],
  // Counts of events are published for calendar years only (server/disclosure/periods.ts), so a page
  // offers financial years only when it asks for them (its figures are all snapshots).
  periodTypes: Filters['periodType'][] = ['calendar-year'],
): Filters {
  const notices: string[] = [];
  const las = data.areas.filter((a) => a.area_type === 'la');
  const fallbackArea = las.find((a) => a.area_code === data.catalogue.data.la_code) ?? las[0] ?? data.areas[0];
  if (!fallbackArea) throw new Error('The loaded extract has no areas');

  const areaParam = query.get('area');
  let area = data.areas.find((a) => a.area_code === areaParam);
  if (!area) {
    if (areaParam) notices.push(`The area in the link (${areaParam}) is not in the loaded data, so ${fallbackArea.area_name} is shown.`);
    area = fallbackArea;
  }
  const la = area.area_type === 'la' ? area : (las.find((a) => a.area_code === area.parent_code) ?? fallbackArea);

  const periodParam = query.get('period');
  const defaultPeriod = data.defaultPeriod ?? data.periods.at(-1)?.period ?? '';
  let period = periodParam ?? defaultPeriod;
  const offered = data.periods.filter((p) => periodTypes.includes(p.period_type));
  if (!offered.some((p) => p.period === period)) {
    if (periodParam) {
      const published = data.periods.some((p) => p.period === periodParam);
      notices.push(
        published
          ? `This page counts events, which are published for calendar years only, so ${defaultPeriod} is shown instead of ${periodParam}.`
          : `The year in the link (${periodParam}) is not in the loaded data, so ${defaultPeriod} is shown.`,
      );
    }
    period = defaultPeriod;
  }

  const byParam = query.get('by');
  let by = byParam ?? 'all';
  if (!breakdowns.includes(by)) {
    if (byParam) notices.push(`No indicator on this page can be broken down by ${breakdownLabel(byParam).toLowerCase()}, so totals are shown.`);
    by = 'all';
  }

  const comparators = comparatorOptions(area, las);
  const compareParam = query.get('compare');
  let compare = compareParam ?? comparators[0]?.id ?? 'england';
  if (!comparators.some((c) => c.id === compare)) {
    if (compareParam) notices.push(`That comparison is not available for ${area.area_name}, so it is compared with ${comparators[0]?.label ?? 'England'}.`);
    compare = comparators[0]?.id ?? 'england';
  }
  const periodType = data.periods.find((p) => p.period === period)?.period_type ?? 'calendar-year';
  return { area, la, period, periodType, by, compare, comparators, notices };
}

/** Filters of the current URL for a page whose indicators allow these breakdowns. */
export function useFilters(breakdowns: string[] = ['all'], periodTypes?: Filters['periodType'][]): Filters {
  const data = useAppData();
  const { query } = useLocation();
  return resolveFilters(query, data, breakdowns, periodTypes);
}

/** The API parameters for the trend of the chosen period's type. */
export const trendParams = (filters: Filters) => ({
  area: filters.area.area_code,
  period: 'all',
  period_type: filters.periodType === 'financial-year' ? 'financial-year' : undefined,
});

/** Breakdowns any of these indicators allows, 'all' first. */
export function breakdownsOf(indicators: IndicatorMeta[]): string[] {
  const set = new Set<string>(['all']);
  for (const meta of indicators) for (const b of meta.breakdowns) set.add(b);
  return [...set];
}
