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
  /** The page offers England, regions and ICBs (an extract of several LAs): its figures are all indicators. */
  aggregateAreas: boolean;
}

/** England, a region or an ICB: the sum of the extract's LAs in it (only in an extract of several LAs). */
export const isAggregate = (area: Pick<Area, 'area_type'>): boolean => area.area_type === 'england' || area.area_type === 'region' || area.area_type === 'icb';

export interface AreaMenuGroup {
  label: string;
  options: { value: string; label: string }[];
}

/** "2 of the 15 LAs": how much of the area the extract holds, so a partial region is never taken for the whole. */
const coverage = (area: Area): string =>
  area.las && area.las_in_area !== undefined && area.las.length < area.las_in_area ? ` (${area.las.length} of its ${area.las_in_area} LAs)` : '';

/**
 * The area menu, grouped and by name: England, regions and integrated care boards first (when the
 * page offers them), then each LA with its localities.
 */
export function areaMenu(areas: readonly Area[], withAggregates: boolean): AreaMenuGroup[] {
  const groups: AreaMenuGroup[] = [];
  if (withAggregates) {
    const levels = [
      { type: 'england', label: 'England (the LAs in the extract)' },
      { type: 'region', label: 'Regions' },
      { type: 'icb', label: 'Integrated care boards' },
    ] as const;
    for (const level of levels) {
      const options = areas.filter((a) => a.area_type === level.type).map((a) => ({ value: a.area_code, label: `${a.area_name}${coverage(a)}` }));
      if (options.length > 0) groups.push({ label: level.label, options });
    }
  }
  for (const la of areas.filter((a) => a.area_type === 'la')) {
    groups.push({
      label: `${la.area_name} and its localities`,
      options: [
        { value: la.area_code, label: `${la.area_name} (local authority)` },
        ...areas.filter((a) => a.parent_code === la.area_code).map((a) => ({ value: a.area_code, label: `${a.area_name} locality` })),
      ],
    });
  }
  return groups;
}

export function comparatorOptions(area: Area, las: Area[]): ComparatorOption[] {
  // An aggregate is compared with England, and with the published figure of the same area (server/indicators/comparisons.ts).
  if (area.area_type === 'england') return [{ id: 'published', label: 'Published figure for England' }];
  if (area.area_type === 'region') return [{ id: 'england', label: 'England' }, { id: 'published', label: `Published figure for ${area.area_name}` }];
  if (area.area_type === 'icb') return [{ id: 'england', label: 'England' }];
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
  // England, regions and ICBs: only pages whose figures are all indicators (analytics are per LA).
  aggregateAreas = false,
): Filters {
  const notices: string[] = [];
  const las = data.areas.filter((a) => a.area_type === 'la');
  const fallbackArea = las.find((a) => a.area_code === data.catalogue.data.la_code) ?? las[0] ?? data.areas[0];
  if (!fallbackArea) throw new Error('The loaded extract has no areas');

  const areaParam = query.get('area');
  let area = data.areas.find((a) => a.area_code === areaParam);
  if (area && isAggregate(area) && !aggregateAreas) {
    notices.push(`This page shows one local authority at a time, not ${area.area_name}, so ${fallbackArea.area_name} is shown.`);
    area = fallbackArea;
  }
  if (!area) {
    if (areaParam) notices.push(`The area in the link (${areaParam}) is not in the loaded data, so ${fallbackArea.area_name} is shown.`);
    area = fallbackArea;
  }
  const chosen = area;
  const la = chosen.area_type === 'la' ? chosen : (las.find((a) => a.area_code === chosen.parent_code) ?? fallbackArea);

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
  return { area, la, period, periodType, by, compare, comparators, notices, aggregateAreas };
}

/**
 * Filters of the current URL for a page whose indicators allow these breakdowns; `aggregateAreas`
 * for a page that also offers England, regions and ICBs.
 */
export function useFilters(breakdowns: string[] = ['all'], periodTypes?: Filters['periodType'][], aggregateAreas = false): Filters {
  const data = useAppData();
  const { query } = useLocation();
  return resolveFilters(query, data, breakdowns, periodTypes, aggregateAreas);
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
