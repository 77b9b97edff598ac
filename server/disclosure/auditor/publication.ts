// What an attacker holds: every count a role could fetch, as observations. The crawler
// (crawl.ts) fills a Publication from the HTTP API; tests build one by hand.

/** Which kind of knowledge a relation is: the "route" of a pinned count. */
export const routeKinds = ['additivity', 'linked', 'endpoint', 'complement', 'periods', 'derived'] as const;
export type RouteKind = (typeof routeKinds)[number];

export const routeDescriptions: Record<RouteKind, string> = {
  additivity: 'breakdown cells sum to the total; localities (and an unpublished remainder) sum to the LA; England, a region or an ICB is the sum of its LAs; within one output',
  linked: 'the same population published by two outputs (indicators or analytics tables)',
  endpoint: 'an insight endpoint (/api/budgets, /api/transitions, ...) against an indicator counting the same population',
  complement: 'numerator + complement = denominator of a proportion of counts',
  periods: 'overlapping calendar and financial years (flow counts as sums of Jan-Mar and Apr-Dec pieces)',
  derived: 'a count worked out from another published number (value x denominator, predicted - error)',
};

export interface PeriodInfo {
  period: string;
  period_type: 'calendar-year' | 'financial-year';
  start_date: string;
  end_date: string;
  complete: boolean;
}

export interface AreaInfo {
  area_code: string;
  area_type: 'england' | 'region' | 'icb' | 'la' | 'locality';
  parent_code: string | null;
  /** England, a region or an ICB of an extract of several LAs: its LAs (the area is their sum). */
  las?: string[];
}

/** One published (or suppressed) count. */
export interface Observation {
  /** The output: `indicator:<id>` or an endpoint table such as `budgets`. */
  output: string;
  /** The field of the output (numerator, denominator, with_budget, ...). */
  field: string;
  area: string;
  period: string;
  /** Breakdown dimension ('all' for the total) and its value ('all' for the total). */
  breakdown: string;
  value: string;
  /** The published count, or null when suppressed ('c'). */
  count: number | null;
  /** A number a suppressed count can be worked out from (value x denominator): exact only when whole. */
  derived?: number;
  /** Where it came from, for the report. */
  source: string;
}

export interface Publication {
  areas: AreaInfo[];
  periods: PeriodInfo[];
  observations: Observation[];
  /** Published figures that disagree with each other, or an export that shows what JSON suppresses. */
  inconsistencies: string[];
}

export const variableId = (o: Pick<Observation, 'output' | 'field' | 'area' | 'period' | 'breakdown' | 'value'>): string =>
  `${o.output}|${o.field}|${o.area}|${o.period}|${o.breakdown}=${o.value}`;
