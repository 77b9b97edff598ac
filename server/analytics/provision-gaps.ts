import type { Additivity, Cell } from '../disclosure/index.ts';
import type { Database } from '../db/database.ts';
import { indicatorById } from '../indicators/catalogue.ts';
import { computeIndicator } from '../indicators/engine.ts';
import type { DataContext } from '../data-context.ts';
import type { Area, Period } from '../../contract/common.ts';
import { provisionCategories, type AgeCoverageRow, type CategorySummary, type Commissioner, type CommissioningRow, type CrossTabCell, type GridCell, type LargestGap, type ProvisionGapsResponse, type Value } from '../../contract/analytics.ts';
import type { IndicatorRow } from '../../contract/indicators.ts';
import { ageBands, type CommissionerType } from '../../contract/vocabularies.ts';
import { countCell, derived, exactGroups, group, notComputable, plain, published, suppressTable, suppressWithFixed, type Results } from '../disclosure/tables.ts';
import { extractLa, localitiesOf } from './periods.ts';
import { runAnalyticsQuery } from './sql.ts';

// Provision gaps for the extract's LA in one period: demand in active EHC plans against Local
// Offer capacity by provision category x locality x age band, who commissions what and how long
// it waits, which ages the Local Offer does not reach, and out-of-area and independent
// placements. Computed once per data version, threshold and period (registry.ts).

type Category = (typeof provisionCategories)[number];

export const LARGEST_GAPS_LIMIT = 20;

/** An LA ONS code (as the extract spec defines la_code); anything else on a provision line is an NHS (ICB/CCG) ODS code. */
const LA_CODE = /^E(06|08|09|10)\d{6}$/;
export function commissionerType(code: string): CommissionerType {
  if (code === 'unknown') return 'unknown';
  return LA_CODE.test(code) ? 'LA' : 'ICB';
}

export const method: ProvisionGapsResponse['method'] = {
  demand:
    'Children of the LA with at least one provision line of the category in force on the last day of the period (specified on or before it, not ended by it, started or not) in an EHC plan active that day; age on that day. Children, not lines, so that demand is comparable with places and disclosure control counts people.',
  capacity:
    'places_per_year of Local Offer services of the category active on the last day of the period (age_min/age_max empty = 0/25). Each service\'s places are shared over the population it can serve (its ages, in its locality, or in every locality if it is LA-wide) in proportion to the ONS population by locality and single year of age used for the period, so a service counts in an age band only for the ages of the band it covers. A cell\'s capacity is the sum of its shares; the LA row is the sum over localities. Capacity is x when there is no population to share places over (no locality population: x for localities).',
  apportionment: 'population',
  apportionment_reason:
    'Population, not demand: shares by demand would make each cell\'s capacity a function of the children counted in it, so publishing capacity beside suppressed demand would let a reader work the demand back out; population shares depend only on the directory and published estimates. It is also the method of the demand-capacity-ratio indicator.',
  gap: 'demand - capacity (children minus places per year); positive = more children needing the provision than places. Suppressed with demand.',
  ratio: 'demand / capacity; x when capacity is 0 or unknown. Suppressed with demand.',
  commissioner_type:
    'The commissioner written on each provision line: "LA" when it is an LA ONS code (E06, E08, E09 or E10 and 6 digits), "ICB" otherwise (an NHS ICB/CCG ODS code), "unknown" when empty.',
  largest_gaps: `Locality x age band cells (LA x age band when the LA has no localities) with a published positive gap, largest first, at most ${LARGEST_GAPS_LIMIT}; suppressed cells are never ranked. commissioners = who commissions the category's lines across the LA: every commissioner whose count in the commissioning table is positive or suppressed (a suppressed count may be 0, and leaving it out would say so).`,
};

const commissioningDefinition =
  'By provision category x commissioner, with "all" margins, for children of the LA: children_with_provision = children with a line in force on the last day of the period in an active plan (as demand); children_waiting = of those, children with a line not started by that day, and waiting_weeks = quartiles of weeks since those lines were specified; children_started = children with a line whose delivery started in the period, and started_wait_weeks = quartiles of weeks from specified to started over those lines. A child counts once per cell.';
const coverageDefinition =
  'From the Local Offer directory on the last day of the period: for each category and age band, whether the active services of the category (any locality) are open to none, some or all of the ages in the band, with the ages no service covers; children = demand in the band (the LA cell of the grid). gaps = bands not fully covered whose demand is not a published zero.';
const outOfAreaDefinition =
  'EHC plans active on the last day of the period placed in a setting outside the LA (the setting recorded as not in the LA’s area), by type of setting and primary need. The totals are the counts behind the out-of-area placements indicator, with the same suppression.';
const independentDefinition =
  'EHC plans active on the last day of the period in an independent or non-maintained special school, by type of setting and primary need. The totals by primary need and overall are the counts behind the independent special school placements indicator, with the same suppression.';

interface DemandRow extends Record<string, unknown> {
  category: Category;
  area_code: string;
  age_band: string;
  children: number;
}
interface CapacityRow extends Record<string, unknown> {
  kind: 'cell' | 'service' | 'population';
  category: Category | null;
  area_code: string | null;
  age_band: string | null;
  capacity: number | null;
  service_id: string | null;
  age_min: number | null;
  age_max: number | null;
  places: number | null;
  apportioned: boolean | null;
  by_locality: boolean | null;
  any_population: boolean | null;
}
interface CommissioningSqlRow extends Record<string, unknown> {
  category: Category | 'all';
  commissioner: string;
  children_with_provision: number;
  children_waiting: number;
  waiting_q1: number | null;
  waiting_median: number | null;
  waiting_q3: number | null;
  children_started: number;
  started_q1: number | null;
  started_median: number | null;
  started_q3: number | null;
}
interface PlacementRow extends Record<string, unknown> {
  setting_type: string;
  primary_need: string;
  out_of_area: number;
  independent: number;
  active_plans: number;
}

const gridKey = (category: string, area: string, band: string) => `g|${category}|${area}|${band}`;

/** The response for one period (cached per data version, threshold and period by the registry, registry.ts). */
export async function provisionGaps(db: Database, context: DataContext, threshold: number, period: Period): Promise<ProvisionGapsResponse> {
  const la = extractLa(context);
  const localities = localitiesOf(context, la.area_code);
  const end = { la: la.area_code, end: period.end_date };
  const [demandRows, capacityRows, commissioningRows, placementRows] = await Promise.all([
    runAnalyticsQuery<DemandRow>(db, 'provision-demand', end),
    runAnalyticsQuery<CapacityRow>(db, 'provision-capacity', { ...end, period: period.period }),
    runAnalyticsQuery<CommissioningSqlRow>(db, 'provision-commissioning', { ...end, start: period.start_date }),
    runAnalyticsQuery<PlacementRow>(db, 'placements', end),
  ]);
  const input = provisionInput(la, localities, demandRows, capacityRows, commissioningRows);
  const suppression = suppressProvision(input, threshold);
  const commissioning = commissioningTable(input, suppression);
  const commissionersOf = commissionersOfCategory(commissioning);
  const grid = gridCells(input, suppression.demand);
  const cellOf = new Map(grid.map((c) => [gridKey(c.category, c.area_code, c.age_band), c]));
  const coverage = ageCoverage(input, cellOf);
  return {
    data: context.notice,
    la,
    period,
    threshold,
    method,
    localities,
    age_bands: [...input.bands, 'all'],
    categories: categorySummaries(input, cellOf, commissionersOf),
    largest_gaps: largestGaps(input, grid, commissionersOf),
    grid,
    commissioning: { definition: commissioningDefinition, rows: commissioning },
    age_coverage: {
      definition: coverageDefinition,
      rows: coverage,
      gaps: coverage.filter((r) => r.coverage !== 'full' && r.children.value !== 0),
    },
    placements: await placements(db, context, threshold, la, period, placementRows),
  };
}

/** The period's rows, keyed for the tables below. */
interface ProvisionInput {
  la: Area;
  localities: Area[];
  /** The LA, then its localities. */
  areas: Area[];
  /** The age bands (with `unknown` when some child's age is not known). */
  bands: string[];
  demand: Map<string, number>;
  capacityCells: Map<string, number>;
  services: CapacityRow[];
  population: CapacityRow | undefined;
  commissioners: string[];
  commissionedCategories: Category[];
  commissioning: Map<string, CommissioningSqlRow>;
  /** A commissioner cross-tab cell's key; the category totals of children with provision are the grid's LA cells. */
  commissionKey(measure: string, category: string, commissioner: string): string;
}

function provisionInput(la: Area, localities: Area[], demandRows: DemandRow[], capacityRows: CapacityRow[], commissioningRows: CommissioningSqlRow[]): ProvisionInput {
  return {
    la,
    localities,
    areas: [la, ...localities],
    bands: [...ageBands, ...(demandRows.some((r) => r.age_band === 'unknown') ? ['unknown'] : [])],
    demand: new Map(demandRows.map((r) => [gridKey(r.category, r.area_code, r.age_band), r.children])),
    capacityCells: new Map(
      capacityRows.filter((r) => r.kind === 'cell').map((r) => [gridKey(r.category ?? '', r.area_code ?? '', r.age_band ?? ''), r.capacity ?? 0]),
    ),
    services: capacityRows.filter((r) => r.kind === 'service'),
    population: capacityRows.find((r) => r.kind === 'population'),
    commissioners: [...new Set(commissioningRows.map((r) => r.commissioner).filter((c) => c !== 'all'))].sort(),
    commissionedCategories: provisionCategories.filter((c) => commissioningRows.some((r) => r.category === c)),
    commissioning: new Map(commissioningRows.map((r) => [`${r.category}|${r.commissioner}`, r])),
    commissionKey: (measure, category, commissioner) =>
      measure === 'with' && category !== 'all' && commissioner === 'all' ? gridKey(category, la.area_code, 'all') : `c|${measure}|${category}|${commissioner}`,
  };
}

interface ProvisionSuppression {
  /** The grid's demand and the children-with-provision cross-tab. */
  demand: Results;
  waiting: Results;
  started: Results;
}

/**
 * Children with provision: the grid and the commissioner cross-tab, suppressed together, since
 * the category totals are the same figures in both; the waiting and started cross-tabs on their own.
 */
function suppressProvision(input: ProvisionInput, threshold: number): ProvisionSuppression {
  const { la, localities, areas, bands, demand, commissioners, commissionedCategories, commissioning, commissionKey } = input;
  const cells: Cell[] = [];
  const structural: Additivity[] = [];
  for (const category of provisionCategories) {
    for (const area of areas) {
      for (const band of [...bands, 'all']) cells.push(countCell(gridKey(category, area.area_code, band), demand.get(gridKey(category, area.area_code, band)) ?? 0));
      structural.push(group(gridKey(category, area.area_code, 'all'), bands.map((b) => gridKey(category, area.area_code, b))));
    }
    if (localities.length > 0) {
      for (const band of [...bands, 'all']) structural.push(group(gridKey(category, la.area_code, band), localities.map((l) => gridKey(category, l.area_code, band))));
    }
  }
  const crossTab = (measure: 'with' | 'waiting' | 'started', value: (r: CommissioningSqlRow | undefined) => number) => {
    const tableCells: Cell[] = [];
    for (const category of [...commissionedCategories, 'all']) {
      for (const commissioner of [...commissioners, 'all']) {
        const key = commissionKey(measure, category, commissioner);
        if (key.startsWith('g|')) continue; // the grid's cell
        tableCells.push(countCell(key, value(commissioning.get(`${category}|${commissioner}`))));
      }
    }
    const groups: Additivity[] = [
      ...[...commissionedCategories, 'all'].map((category) => group(commissionKey(measure, category, 'all'), commissioners.map((c) => commissionKey(measure, category, c)))),
      ...[...commissioners, 'all'].map((commissioner) => group(commissionKey(measure, 'all', commissioner), commissionedCategories.map((c) => commissionKey(measure, c, commissioner)))),
    ];
    return { tableCells, groups };
  };
  const withProvision = crossTab('with', (r) => r?.children_with_provision ?? 0);
  const allWith = [...cells, ...withProvision.tableCells];
  const demandResults = suppressTable(allWith, [...structural, ...exactGroups(withProvision.groups, allWith)], threshold);
  const suppressCrossTab = (t: ReturnType<typeof crossTab>): Results => suppressTable(t.tableCells, exactGroups(t.groups, t.tableCells), threshold);
  const waiting = suppressCrossTab(crossTab('waiting', (r) => r?.children_waiting ?? 0));
  const started = suppressCrossTab(crossTab('started', (r) => r?.children_started ?? 0));
  return { demand: demandResults, waiting, started };
}

/** Children with provision, waiting and started by category x commissioner, with margins. */
function commissioningTable({ commissioners, commissionedCategories, commissioning, commissionKey }: ProvisionInput, results: ProvisionSuppression): CommissioningRow[] {
  const out: CommissioningRow[] = [];
  for (const category of [...commissionedCategories, 'all'] as const) {
    for (const commissioner of [...commissioners, 'all']) {
      const r = commissioning.get(`${category}|${commissioner}`);
      const waiting = published(r?.children_waiting ?? 0, results.waiting.get(commissionKey('waiting', category, commissioner)));
      const started = published(r?.children_started ?? 0, results.started.get(commissionKey('started', category, commissioner)));
      out.push({
        category,
        commissioner,
        commissioner_type: commissioner === 'all' ? 'all' : commissionerType(commissioner),
        children_with_provision: published(r?.children_with_provision ?? 0, results.demand.get(commissionKey('with', category, commissioner))),
        children_waiting: waiting,
        waiting_weeks: { q1: derived(r?.waiting_q1, waiting), median: derived(r?.waiting_median, waiting), q3: derived(r?.waiting_q3, waiting) },
        children_started: started,
        started_wait_weeks: { q1: derived(r?.started_q1, started), median: derived(r?.started_median, started), q3: derived(r?.started_q3, started) },
      });
    }
  }
  return out;
}

/**
 * Who commissions a category: commissioners whose published count is positive or suppressed
 * (a suppressed cell may hold 0; leaving it out would reveal that), most children first.
 */
const commissionersOfCategory = (commissioning: CommissioningRow[]) => (category: Category): Commissioner[] =>
  commissioning
    .filter((r) => r.category === category && r.commissioner !== 'all' && r.children_with_provision.value !== 0)
    .sort((a, b) => (b.children_with_provision.value ?? -1) - (a.children_with_provision.value ?? -1) || a.commissioner.localeCompare(b.commissioner))
    .map((r) => ({ code: r.commissioner, type: commissionerType(r.commissioner) }));

/** Demand against capacity: category x LA and localities x age bands and all. */
function gridCells({ areas, bands, demand, capacityCells, population }: ProvisionInput, demandResults: Results): GridCell[] {
  const capacityOf = (category: Category, area: Area, band: string): Value => {
    if (!population?.any_population) return notComputable;
    if (area.area_type === 'locality' && !population.by_locality) return notComputable;
    return plain(capacityCells.get(gridKey(category, area.area_code, band)) ?? 0);
  };
  const grid: GridCell[] = [];
  for (const category of provisionCategories) {
    for (const area of areas) {
      for (const band of [...bands, 'all']) {
        const key = gridKey(category, area.area_code, band);
        const d = published(demand.get(key) ?? 0, demandResults.get(key));
        const capacity = capacityOf(category, area, band);
        const gap = d.value !== null && capacity.value !== null ? d.value - capacity.value : null;
        const ratio = d.value !== null && capacity.value !== null && capacity.value > 0 ? d.value / capacity.value : null;
        grid.push({
          category,
          area_code: area.area_code,
          area_name: area.area_name,
          area_type: area.area_type,
          age_band: band,
          demand: d,
          capacity,
          gap: derived(gap, d),
          ratio: derived(ratio, d),
        });
      }
    }
  }
  return grid;
}

/** Each category for the LA, largest gap first. */
function categorySummaries({ la, services }: ProvisionInput, cellOf: Map<string, GridCell>, commissionersOf: (category: Category) => Commissioner[]): CategorySummary[] {
  const byGap = (a: { gap: Value; category: string }, b: { gap: Value; category: string }) =>
    (b.gap.value ?? -Infinity) - (a.gap.value ?? -Infinity) || a.category.localeCompare(b.category);
  return provisionCategories
    .map((category) => {
      const total = cellOf.get(gridKey(category, la.area_code, 'all')) as GridCell;
      const own = services.filter((s) => s.category === category);
      const stated = own.filter((s) => s.places !== null);
      return {
        category,
        demand: total.demand,
        capacity: total.capacity,
        gap: total.gap,
        ratio: total.ratio,
        services: own.length,
        places_listed: own.length > 0 && stated.length === 0 ? null : stated.reduce((s, x) => s + (x.places ?? 0), 0),
        places_unapportioned: own.filter((s) => !s.apportioned).reduce((s, x) => s + (x.places ?? 0), 0),
        commissioners: commissionersOf(category),
      };
    })
    .sort(byGap);
}

/** The largest published positive gaps among the finest cells (localities by age band, else the LA's). */
function largestGaps({ la, localities }: ProvisionInput, grid: GridCell[], commissionersOf: (category: Category) => Commissioner[]): LargestGap[] {
  const finest = localities.length > 0 ? localities : [la];
  return grid
    .filter((c) => finest.some((a) => a.area_code === c.area_code) && c.age_band !== 'all' && c.gap.value !== null && c.gap.value > 0)
    .sort((a, b) => (b.gap.value ?? 0) - (a.gap.value ?? 0) || (b.ratio.value ?? Infinity) - (a.ratio.value ?? Infinity) || gridKey(a.category, a.area_code, a.age_band).localeCompare(gridKey(b.category, b.area_code, b.age_band)))
    .slice(0, LARGEST_GAPS_LIMIT)
    .map((c, i) => ({
      rank: i + 1,
      category: c.category,
      area_code: c.area_code,
      area_name: c.area_name,
      age_band: c.age_band,
      demand: c.demand.value ?? 0,
      capacity: c.capacity.value ?? 0,
      gap: c.gap.value ?? 0,
      ratio: c.ratio.value,
      commissioners: commissionersOf(c.category),
    }));
}

/** Local Offer age coverage (directory facts, with the grid's demand). */
function ageCoverage({ la, services }: ProvisionInput, cellOf: Map<string, GridCell>): AgeCoverageRow[] {
  const coverage: AgeCoverageRow[] = [];
  for (const category of provisionCategories) {
    const own = services.filter((s) => s.category === category);
    for (const band of ageBands) {
      const [lo, hi] = band.split('-').map(Number) as [number, number];
      const ages = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
      const open = (age: number) => own.some((s) => (s.age_min ?? 0) <= age && age <= (s.age_max ?? 25));
      const notCovered = ages.filter((a) => !open(a));
      coverage.push({
        category,
        age_band: band,
        coverage: notCovered.length === 0 ? 'full' : notCovered.length === ages.length ? 'none' : 'partial',
        ages_not_covered: notCovered,
        services_open: own.filter((s) => (s.age_min ?? 0) <= hi && (s.age_max ?? 25) >= lo).length,
        children: (cellOf.get(gridKey(category, la.area_code, band)) as GridCell).demand,
      });
    }
  }
  return coverage;
}

/** An indicator's published LA rows for one breakdown, by breakdown value. */
async function indicatorRows(db: Database, context: DataContext, threshold: number, id: string, la: Area, period: Period, by: 'all' | 'setting_type' | 'primary_need'): Promise<Map<string, IndicatorRow>> {
  const definition = indicatorById.get(id);
  if (!definition) throw new Error(`indicator ${id} is not in the catalogue`);
  const rows = await computeIndicator(db, context, definition, { area: la.area_code, period: period.period, periodType: period.period_type, by }, { threshold, reference: null });
  return new Map(rows.map((r) => [r.breakdown_value, r]));
}

async function placements(db: Database, context: DataContext, threshold: number, la: Area, period: Period, rows: PlacementRow[]): Promise<ProvisionGapsResponse['placements']> {
  const values = new Map(rows.map((r) => [`${r.setting_type}|${r.primary_need}`, r]));
  const total = values.get('all|all');
  const [plansRate, oaSetting, oaNeed, oaAll, indNeed, indAll] = await Promise.all([
    indicatorRows(db, context, threshold, 'ehc-plans-rate', la, period, 'all'),
    indicatorRows(db, context, threshold, 'out-of-area-placements', la, period, 'setting_type'),
    indicatorRows(db, context, threshold, 'out-of-area-placements', la, period, 'primary_need'),
    indicatorRows(db, context, threshold, 'out-of-area-placements', la, period, 'all'),
    indicatorRows(db, context, threshold, 'independent-special-placements', la, period, 'primary_need'),
    indicatorRows(db, context, threshold, 'independent-special-placements', la, period, 'all'),
  ]);

  /**
   * A setting type x primary need cross-tab whose margins an indicator already publishes:
   * those keep the indicator's suppression (`fixed`), and the interior is suppressed so that
   * nothing either place hides can be worked out from what both publish.
   */
  const table = (
    measure: 'out_of_area' | 'independent',
    settings: string[],
    needs: string[],
    fixed: Map<string, IndicatorRow | undefined>,
  ): CrossTabCell[] => {
    const key = (s: string, n: string) => `${measure}|${s}|${n}`;
    const value = (s: string, n: string) => values.get(`${s}|${n}`)?.[measure] ?? 0;
    const cells: Cell[] = [];
    for (const s of [...settings, 'all']) for (const n of [...needs, 'all']) cells.push(countCell(key(s, n), value(s, n)));
    const groups: Additivity[] = [
      ...[...settings, 'all'].map((s) => group(key(s, 'all'), needs.map((n) => key(s, n)))),
      ...[...needs, 'all'].map((n) => group(key('all', n), settings.map((s) => key(s, n)))),
    ];
    const fixedStatus = new Map<string, boolean>();
    for (const [k, row] of fixed) {
      const [, s = '', n = ''] = k.split('|');
      if (row && !row.suppressed && row.numerator !== value(s, n)) {
        throw new Error(`${measure} ${s} x ${n}: ${value(s, n)} here but ${row.numerator} in the published indicator`);
      }
      fixedStatus.set(k, row?.suppressed ?? false);
    }
    const results = suppressWithFixed(cells, groups, threshold, fixedStatus);
    return [...settings, 'all'].flatMap((s) => [...needs, 'all'].map((n) => ({ setting_type: s, primary_need: n, plans: published(value(s, n), results.get(key(s, n))) })));
  };

  const named = (m: Map<string, IndicatorRow>) => [...m.keys()].filter((k) => k !== 'all').sort();
  const oaSettings = named(oaSetting);
  const oaNeeds = named(oaNeed);
  const oaFixed = new Map<string, IndicatorRow | undefined>([
    ...oaSettings.map((s): [string, IndicatorRow | undefined] => [`out_of_area|${s}|all`, oaSetting.get(s)]),
    ...oaNeeds.map((n): [string, IndicatorRow | undefined] => [`out_of_area|all|${n}`, oaNeed.get(n)]),
    ['out_of_area|all|all', oaAll.get('all')],
  ]);
  const indSettings = ['SPECIAL_INDEPENDENT', 'SPECIAL_NON_MAINTAINED'];
  const indNeeds = named(indNeed);
  const indFixed = new Map<string, IndicatorRow | undefined>([
    ...indNeeds.map((n): [string, IndicatorRow | undefined] => [`independent|all|${n}`, indNeed.get(n)]),
    ['independent|all|all', indAll.get('all')],
  ]);

  const plans = plansRate.get('all');
  if (plans && !plans.suppressed && plans.numerator !== (total?.active_plans ?? 0)) {
    throw new Error(`active plans: ${total?.active_plans ?? 0} here but ${plans.numerator} in ehc-plans-rate`);
  }
  const oa = oaAll.get('all');
  const withheld = { value: null, symbol: 'c' } as const;
  return {
    active_plans: plans?.suppressed ? { value: null, symbol: 'c' } : plain(total?.active_plans ?? 0),
    out_of_area_share: {
      numerator: oa?.suppressed ? withheld : plain(oa?.numerator ?? null),
      denominator: oa?.suppressed && oa.denominator === null ? withheld : plain(oa?.denominator ?? null),
      value: oa?.value ?? null,
      symbol: oa?.suppressed ? 'c' : oa?.value == null ? 'x' : null,
    },
    out_of_area: { definition: outOfAreaDefinition, cells: table('out_of_area', oaSettings, oaNeeds, oaFixed) },
    independent: { definition: independentDefinition, cells: table('independent', indSettings, indNeeds, indFixed) },
  };
}
