import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Database } from '../db/database.ts';
import { VersionedCache } from '../db/versioned-cache.ts';
import type { ReferenceData } from '../benchmarks/reference-data.ts';
import { exactGroups, hierarchyGroups, isPrimaryDisclosive, type Additivity, type Cell, type SuppressionResult } from '../disclosure/index.ts';
import { onlyComplementDisclosive, roundToBase } from '../disclosure/rounding.ts';
import { suppressTable } from '../disclosure/tables.ts';
import { indicatorMeasureKind, publicationOf } from '../disclosure/periods.ts';
import { rateInterval, wilsonInterval, type ConfidenceLevel, type Interval } from '../statistics/index.ts';
import { runIndicatorQuery } from './indicator-sql.ts';
import type { Area, Period } from '../../contract/common.ts';
import type { IndicatorMeta, IndicatorRow } from '../../contract/indicators.ts';
import { benchmarkBasisDefinition } from './benchmark-basis.ts';
import { aggregateRows, noAggregateReason } from './aggregates.ts';
import { indicatorLinks } from './links.ts';
import { aggregateComparisons, laComparisons, localityComparisons, rankAmongLas } from './comparisons.ts';
import type { IndicatorDefinition, SourceRow } from './types.ts';
import { allAreas, type AggregateArea, type DataContext } from '../data-context.ts';
import { NotFoundError } from '../errors.ts';
import { units, type BreakdownId } from '../../contract/vocabularies.ts';

export function indicatorMeta(d: IndicatorDefinition): IndicatorMeta {
  return {
    id: d.id,
    title: d.title,
    group: d.group,
    definition: d.description,
    numerator: d.numerator,
    denominator: d.denominator,
    unit: d.unit,
    unit_label: units[d.unit].label,
    polarity: d.polarity,
    ci_method: d.ciMethod,
    sources: d.sources,
    period_type: d.periodType,
    reference_date: d.referenceDate ?? null,
    breakdowns: ['all', ...d.breakdowns],
    disclosure: d.disclosure,
    benchmark: d.benchmark,
    benchmark_basis: benchmarkBasisMeta(d),
  };
}

function benchmarkBasisMeta(d: IndicatorDefinition): IndicatorMeta['benchmark_basis'] {
  const b = d.benchmarkBasis;
  if (!b) return null;
  const c = b.comparison;
  return {
    source: b.source,
    numerator: b.numerator,
    denominator: b.denominator,
    reference_date: b.referenceDate,
    population_base: b.populationBase,
    comparison: c.kind,
    local_numerator: c.kind === 'headline' ? d.numerator : c.kind === 'benchmark-basis' ? c.numerator : null,
    local_denominator: c.kind === 'headline' ? d.denominator : c.kind === 'benchmark-basis' ? c.denominator : null,
    note: c.kind === 'not-compared' ? c.reason : c.why,
  };
}


export interface IndicatorRequest {
  area: string;
  /** A period label, or 'all' for every period of `periodType`. */
  period: string;
  periodType: Period['period_type'];
  by: BreakdownId;
}

const cellKey = (r: Pick<SourceRow, 'area_code' | 'period' | 'breakdown' | 'breakdown_value'>): string =>
  `${r.area_code}|${r.period}|${r.breakdown}|${r.breakdown_value}`;

// Code-point order: localeCompare is many times slower on the 400,000 rows of an indicator for England.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const breakdownOrder = ['all', '0-4', '5-10', '11-15', '16-19', '20-25', 'F', 'M', 'U'];
const orderOf = (v: string): number => {
  const i = breakdownOrder.indexOf(v);
  return i === -1 ? breakdownOrder.length : i;
};

/**
 * One indicator's published rows (suppression applied) for every area, period and breakdown.
 * Suppression is decided for everything at once; a slice (an area and breakdown) is turned
 * into published rows (values, intervals) the first time it is asked for, so the first
 * request after a load does not wait for the rows of all 1,171 areas of England.
 */
class IndicatorResults {
  /** The slices turned into published rows so far, by area and breakdown. */
  private readonly slices = new Map<string, IndicatorRow[]>();
  constructor(
    /** The SQL's rows, each dropped once its slice is published. */
    private readonly rows: (SourceRow | undefined)[],
    /** Suppression of each row: a code of `reasonCodes`. */
    private readonly reasons: Uint8Array,
    /** The rows of each slice not yet asked for. */
    private readonly pending: Map<string, number[]>,
    private readonly publish: (r: SourceRow, reason: Reason) => IndicatorRow,
    /** Every period with a row (a model's run beyond the data's). */
    readonly periods: ReadonlySet<string>,
  ) {}

  slice(area: string, breakdown: string): IndicatorRow[] {
    const key = sliceKey(area, breakdown);
    let rows = this.slices.get(key);
    if (!rows) {
      const indices = this.pending.get(key) ?? [];
      const source = indices.map((i) => ({ r: this.rows[i] as SourceRow, reason: reasonCodes[this.reasons[i] ?? 0] ?? null }));
      source.sort((a, b) => compareText(a.r.period, b.r.period) || orderOf(a.r.breakdown_value) - orderOf(b.r.breakdown_value) || compareText(a.r.breakdown_value, b.r.breakdown_value));
      rows = source.map(({ r, reason }) => this.publish(r, reason));
      this.slices.set(key, rows);
      for (const i of indices) this.rows[i] = undefined;
      this.pending.delete(key);
    }
    return rows;
  }
}
type Reason = SuppressionResult['reason'];
/** Suppression reasons as one byte per row: millions of rows for all of England. */
const reasonCodes: readonly Reason[] = [null, 'primary', 'secondary'];
const sliceKey = (area: string, breakdown: string): string => `${area}|${breakdown}`;

/**
 * Runs an indicator's SQL once per data version and applies disclosure control across all
 * areas, periods and breakdowns together (so nothing can be recovered by differencing them).
 * The result is cached per data context (server/db/versioned-cache.ts): a new load brings a new context and a new cache.
 */
function indicatorResults(db: Database, context: DataContext, definition: IndicatorDefinition, threshold: number): Promise<IndicatorResults> {
  return resultsCache.get(context, context.notice.data_version, `${definition.id}|${threshold}`, () => computeResults(db, context, definition, threshold));
}
/** Unbounded: one entry per indicator (and threshold), dropped with the context at the next load. */
const resultsCache = new VersionedCache<IndicatorResults>();

async function computeResults(db: Database, context: DataContext, definition: IndicatorDefinition, threshold: number): Promise<IndicatorResults> {
  const observed = () => runIndicatorQuery(db, definition);
  const computed = definition.model ? await definition.model(db, observed) : await observed();
  // Rows of periods this indicator is not published for never reach suppression or a reader.
  const local = computed.filter(publishedRowFilter(context, definition));
  // England, regions and ICBs: sums of their LAs' rows (none for a median or a model).
  const rows = noAggregateReason(definition, local) === null ? [...local, ...aggregateRows(local, context.aggregates, definition)] : local;
  const forced = await linkedSuppressions(db, context, definition, threshold);
  const reasons = await suppressionByRow(rows, rows.map(cellKey), context, definition, threshold, forced);
  const multiplier = units[definition.unit].multiplier;
  const names = new Map(allAreas(context).map((a) => [a.area_code, a.area_name]));
  const pending = new Map<string, number[]>();
  const periods = new Set<string>();
  rows.forEach((r, i) => {
    const k = sliceKey(r.area_code, r.breakdown);
    const slice = pending.get(k);
    if (slice) slice.push(i);
    else pending.set(k, [i]);
    periods.add(r.period);
  });
  const rounded = roundedInstead(context, definition, threshold);
  return new IndicatorResults(rows, reasons, pending, (r, reason) => publishRow(definition, r, reason, multiplier, names.get(r.area_code) ?? r.area_code, rounded(r, reason)), periods);
}

/**
 * LA totals hidden only because their complement is small are published rounded to the
 * nearest 5 instead (server/disclosure/rounding.ts); modelled rows (a forecast) never are.
 */
function roundedInstead(context: DataContext, definition: IndicatorDefinition, threshold: number): (r: SourceRow, reason: Reason) => boolean {
  const las = new Set(context.areas.filter((a) => a.area_type === 'la').map((a) => a.area_code));
  return (r, reason) =>
    reason === 'primary' && r.breakdown === 'all' && las.has(r.area_code) && r.value === undefined && r.lower_95 === undefined && onlyComplementDisclosive(rowCell(r, '', definition), threshold);
}

/**
 * Which of an indicator's rows may be published: those of periods published for its kind of
 * measure (complete periods; calendar years only for counts of events). A model's years
 * beyond the extract (a forecast's projection) are not periods of the extract and stay.
 */
function publishedRowFilter(context: DataContext, definition: IndicatorDefinition): (r: SourceRow) => boolean {
  const kind = indicatorMeasureKind(definition.periodType);
  const known = new Map(context.allPeriods.map((p) => [p.period, p]));
  // A model projects from the last complete year: a later part-year is one of its projected years.
  const lastComplete = context.periods.reduce((last, p) => (p.end_date > last ? p.end_date : last), '');
  return (r) => {
    const period = known.get(r.period);
    if (!period) return definition.model !== undefined;
    if (publicationOf(period, kind).published) return true;
    return definition.model !== undefined && period.period_type === 'calendar-year' && period.start_date > lastComplete;
  };
}

/** Cells an owner of the same population hides (server/disclosure/linked.ts): this indicator hides them too. */
async function linkedSuppressions(db: Database, context: DataContext, definition: IndicatorDefinition, threshold: number): Promise<ReadonlySet<string> | undefined> {
  const links = indicatorLinks[definition.id];
  if (!links) return undefined;
  const forced = new Set<string>();
  for (const link of links) {
    const slices = await indicatorResults(db, context, link.owner, threshold);
    for (const area of allAreas(context)) {
      for (const breakdown of link.breakdowns) for (const r of slices.slice(area.area_code, breakdown)) if (r.suppressed || r.rounded === true) forced.add(cellKey(r));
    }
  }
  return forced;
}

/** 404 unless the indicator is published for the requested period (or period type, for 'all'). */
function checkPublished(context: DataContext, definition: IndicatorDefinition, request: IndicatorRequest, modelPeriods: ReadonlySet<string>): void {
  const kind = indicatorMeasureKind(definition.periodType);
  if (request.period === 'all') {
    if (kind === 'flow' && request.periodType === 'financial-year') {
      throw new NotFoundError(`${definition.id} counts events in a period, and counts of events are published for calendar years only (financial years would overlap them by nine months); financial years are offered for snapshot measures.`);
    }
    return;
  }
  const period = context.allPeriods.find((p) => p.period === request.period);
  if (!period) {
    if (definition.model !== undefined && modelPeriods.has(request.period)) return;
    throw new NotFoundError(`No period ${request.period} in the loaded data`);
  }
  const verdict = publicationOf(period, kind);
  if (!verdict.published) throw new NotFoundError(`${definition.id}: ${verdict.reason}`);
}

/**
 * Disclosure control over an indicator's rows: every area, period and breakdown together.
 * Cells are linked only within one LA (its total, breakdowns and localities) and one period,
 * so each such piece is suppressed on its own: the same result as one pass over everything
 * (test/indicators/suppression-pieces.test.ts, which passes `onePass`), but the maps and the
 * recoverability audit stay small (all of England at once took minutes).
 */
export function suppressRows(
  rows: SourceRow[],
  areas: Area[] | AreaSet,
  definition: Pick<IndicatorDefinition, 'denominatorIsCount' | 'nonAdditive'>,
  threshold: number,
  options: SuppressRowsOptions = {},
): Map<string, SuppressionResult> {
  const keys = rows.map(cellKey);
  const out = new Map<string, SuppressionResult>();
  for (const { indices, results } of suppressPieces(rows, keys, Array.isArray(areas) ? { areas, aggregates: [] } : areas, definition, threshold, options)) {
    for (const i of indices) {
      const key = keys[i] as string;
      out.set(key, results?.get(key) ?? { key, suppressed: false, symbol: null, reason: null });
    }
  }
  return out;
}

/**
 * As `suppressRows`, one result per row given the rows' cell keys, letting other requests run
 * every few milliseconds: suppressing an indicator for all of England takes seconds, and the
 * server must keep answering meanwhile (after a start or a load it computes every indicator).
 */
async function suppressionByRow(
  rows: SourceRow[],
  keys: string[],
  areas: AreaSet,
  definition: Pick<IndicatorDefinition, 'denominatorIsCount' | 'nonAdditive'>,
  threshold: number,
  forced?: ReadonlySet<string>,
): Promise<Uint8Array> {
  const out = new Uint8Array(rows.length);
  let since = performance.now();
  for (const { indices, results } of suppressPieces(rows, keys, areas, definition, threshold, forced ? { forced } : {})) {
    if (results) for (const i of indices) out[i] = reasonCodes.indexOf(results.get(keys[i] as string)?.reason ?? null);
    if (performance.now() - since > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      since = performance.now();
    }
  }
  return out;
}
const YIELD_EVERY_MS = 20;

const rowCell = (r: SourceRow, key: string, definition: Pick<IndicatorDefinition, 'denominatorIsCount'>): Cell => ({
  key,
  numerator: r.numerator,
  denominator: r.denominator,
  denominatorIsCount: definition.denominatorIsCount,
});

interface SuppressRowsOptions {
  suppressAll?: (cells: Cell[], groups: Additivity[], threshold: number, forced?: ReadonlySet<string>) => Map<string, SuppressionResult>;
  onePass?: boolean;
  /** Cells hidden by a linked indicator (server/disclosure/linked.ts). */
  forced?: ReadonlySet<string>;
}

/** The areas of an extract: LAs and localities, and the aggregates of several LAs. */
export type AreaSet = Pick<DataContext, 'areas' | 'aggregates'>;

/**
 * Suppresses one piece at a time, each giving its rows' results: an LA and its localities in
 * one period; with aggregates (several LAs), one period of every area, because England links
 * every LA to every other (issue 19: the hierarchy is protected jointly).
 */
function* suppressPieces(
  rows: SourceRow[],
  keys: string[],
  areas: AreaSet,
  definition: Pick<IndicatorDefinition, 'denominatorIsCount' | 'nonAdditive'>,
  threshold: number,
  options: SuppressRowsOptions = {},
): Generator<{ indices: number[]; results: Map<string, SuppressionResult> | null }> {
  const suppressAll = options.suppressAll ?? suppressTable;
  const parentOf = new Map(areas.areas.map((a) => [a.area_code, a.parent_code]));
  const members = hierarchyParts(areas.aggregates);
  const joint = members.size > 0;
  const pieces = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = options.onePass ? '' : joint ? r.period : `${parentOf.get(r.area_code) ?? r.area_code}|${r.period}`;
    const piece = pieces.get(key);
    if (piece) piece.push(i);
    else pieces.set(key, [i]);
  });
  for (const indices of pieces.values()) {
    // No small count in the piece: nothing to protect, so nothing is suppressed (the secondary
    // rules and the audit only ever start from a suppressed cell). Most pieces of a rate.
    const forced = options.forced;
    if (!indices.some((i) => isPrimaryDisclosive(rowCell(rows[i] as SourceRow, '', definition), threshold) || forced?.has(keys[i] as string) === true)) {
      yield { indices, results: null };
      continue;
    }
    // In key order: the choice of secondary cells depends on the order of the cells, and the
    // SQL's row order is not fixed, so the same data must not be suppressed two ways.
    indices.sort((a, b) => compareText(keys[a] as string, keys[b] as string));
    const piece = indices.map((i) => rows[i] as SourceRow);
    const pieceKeys = indices.map((i) => keys[i] as string);
    const cells = piece.map((r, j) => rowCell(r, pieceKeys[j] as string, definition));
    const groups = [...additivityGroups(piece, pieceKeys, cells, parentOf, definition.nonAdditive), ...areaHierarchyGroups(piece, pieceKeys, cells, members)];
    const results = suppressAll(cells, groups, threshold, forced);
    yield { indices, results };
  }
}

/** Computes every indicator in turn, so the first visitor after a start or a load waits for none. */
export async function warmIndicators(db: Database, context: DataContext, definitions: readonly IndicatorDefinition[], threshold: number): Promise<number> {
  const started = performance.now();
  for (const definition of definitions) await indicatorResults(db, context, definition, threshold);
  return performance.now() - started;
}

/** The requested area, period(s) and breakdown of an indicator, with its comparators. */
export async function computeIndicator(
  db: Database,
  context: DataContext,
  definition: IndicatorDefinition,
  request: IndicatorRequest,
  options: { threshold: number; reference: ReferenceData | null },
): Promise<IndicatorRow[]> {
  const area = context.areas.find((a) => a.area_code === request.area);
  const aggregate = area ? undefined : context.aggregates.find((a) => a.area_code === request.area);
  if (aggregate) return aggregateIndicator(db, context, definition, request, aggregate, options);
  if (!area) throw new NotFoundError(`No area ${request.area} in the loaded data`);
  const slices = await indicatorResults(db, context, definition, options.threshold);
  // A model (the forecast) may have periods beyond the data: years after the last one.
  checkPublished(context, definition, request, slices.periods);
  const typeOf = new Map(context.allPeriods.map((p) => [p.period, p.period_type]));
  const periodType = (period: string) => typeOf.get(period) ?? (/^\d{4}$/.test(period) ? 'calendar-year' : 'financial-year');
  const inPeriod = (r: IndicatorRow) => (request.period === 'all' ? periodType(r.period) === request.periodType : r.period === request.period);
  const rows = slices.slice(area.area_code, request.by).filter(inPeriod);
  if (area.parent_code) {
    const laRows = new Map(slices.slice(area.parent_code, request.by).map((r) => [`${r.period}|${r.breakdown_value}`, r]));
    return rows.map((row) => ({ ...row, comparisons: localityComparisons(definition, row, laRows.get(`${row.period}|${row.breakdown_value}`)) }));
  }
  const basis = await benchmarkBasisRows(db, context, definition, area.area_code, request.by, options);
  return rows.map((row) => ({
    ...row,
    comparisons: laComparisons(definition, row, options.reference, basis.get(row.period)),
    rank: rankAmongLas(definition, row, options.reference, basis.get(row.period)),
  }));
}

/**
 * An aggregate's rows (England, a region or an ICB of the extract), compared like for like:
 * with England, and with the published figure of the same area only when the extract holds
 * every LA of it. Not ranked among LAs. An indicator whose figure cannot be summed over LAs
 * (a median, a model) has no aggregate rows: a 404 that says why.
 */
async function aggregateIndicator(
  db: Database,
  context: DataContext,
  definition: IndicatorDefinition,
  request: IndicatorRequest,
  area: AggregateArea,
  options: { threshold: number; reference: ReferenceData | null },
): Promise<IndicatorRow[]> {
  const slices = await indicatorResults(db, context, definition, options.threshold);
  checkPublished(context, definition, request, slices.periods);
  const rows = slices.slice(area.area_code, request.by).filter((r) => (request.period === 'all' ? context.allPeriods.find((p) => p.period === r.period)?.period_type === request.periodType : r.period === request.period));
  if (rows.length === 0 && slices.slice(area.las[0] ?? '', request.by).length > 0) {
    const why = definition.model ? 'a modelled figure (its intervals do not add up over LAs)' : 'a figure that is not a ratio of counts (a median), which cannot be summed over LAs';
    throw new NotFoundError(`${definition.id} is ${why}: it is published for LAs and localities only, not for ${area.area_name}`);
  }
  const basis = await benchmarkBasisRows(db, context, definition, area.area_code, request.by, options);
  return rows.map((row) => ({ ...row, comparisons: aggregateComparisons(definition, row, area, options.reference, basis.get(row.period)) }));
}

/** An LA's figures on its benchmark's basis, by period (none when the headline is compared). */
async function benchmarkBasisRows(
  db: Database,
  context: DataContext,
  definition: IndicatorDefinition,
  area: string,
  by: BreakdownId,
  options: { threshold: number; reference: ReferenceData | null },
): Promise<Map<string, IndicatorRow>> {
  const basis = benchmarkBasisDefinition(definition);
  if (!basis || !options.reference || by !== 'all') return new Map();
  const slices = await indicatorResults(db, context, basis, options.threshold);
  return new Map(slices.slice(area, 'all').map((r) => [r.period, r]));
}

function publishRow(
  definition: IndicatorDefinition,
  exact: SourceRow,
  hidden: Reason,
  multiplier: number,
  areaName: string,
  rounded = false,
): IndicatorRow {
  // A rounded cell shows its counts to the nearest 5, and its rate and intervals from those.
  const r = rounded ? { ...exact, numerator: roundToBase(exact.numerator ?? 0), denominator: roundToBase(exact.denominator ?? 0) } : exact;
  const reason = rounded ? null : hidden;
  const suppressed = reason !== null;
  const publishable = !suppressed && r.numerator !== null && r.denominator !== null && r.denominator > 0;
  const sqlValue = r.value === undefined ? undefined : r.value;
  const value =
    sqlValue !== undefined
      ? suppressed ? null : sqlValue
      : publishable ? ((r.numerator ?? 0) / (r.denominator ?? 1)) * multiplier : null;
  // Plain calls, no closures: this runs for every row of every indicator for all of England.
  const ci95 = r.lower_95 !== undefined ? modelled(suppressed, r.lower_95, r.upper_95) : publishable ? interval(definition, r.numerator ?? 0, r.denominator ?? 0, multiplier, 95) : null;
  const ci998 = r.lower_99_8 !== undefined ? modelled(suppressed, r.lower_99_8, r.upper_99_8) : publishable ? interval(definition, r.numerator ?? 0, r.denominator ?? 0, multiplier, 99.8) : null;
  return {
    area_code: r.area_code,
    area_name: areaName,
    period: r.period,
    breakdown: r.breakdown,
    breakdown_value: r.breakdown_value,
    numerator: suppressed ? null : r.numerator,
    denominator: suppressed && definition.denominatorIsCount ? null : r.denominator,
    value,
    lower_95: ci95?.lower ?? null,
    upper_95: ci95?.upper ?? null,
    lower_99_8: ci998?.lower ?? null,
    upper_99_8: ci998?.upper ?? null,
    suppressed,
    symbol: suppressed ? 'c' : value === null ? 'x' : null,
    suppression_reason: reason,
    ...(rounded ? { rounded } : {}),
    comparisons: [],
    rank: null,
  };
}

/** A model's interval (a forecast's simulation band), withheld with a suppressed value. */
function modelled(suppressed: boolean, lower: number | null | undefined, upper: number | null | undefined): Interval | null {
  return !suppressed && lower != null && upper != null ? { lower, upper } : null;
}

function interval(d: IndicatorDefinition, numerator: number, denominator: number, multiplier: number, level: ConfidenceLevel): Interval | null {
  if (d.ciMethod === 'wilson') {
    const w = wilsonInterval(numerator, denominator, level);
    return w && { lower: w.lower * multiplier, upper: w.upper * multiplier };
  }
  if (d.ciMethod === 'byar') return rateInterval(numerator, denominator, multiplier, level);
  return null;
}

/**
 * The parts of each aggregate in the hierarchy's equations: a region or an ICB is the sum of its
 * LAs; England the sum of the regions served and of the LAs in none. The same equations as
 * England = Σ LAs (a linear combination of them), but the audit's blocks of unknowns then stay
 * within a region instead of spanning every LA's suppressed cells in England.
 */
export function hierarchyParts(aggregates: readonly AggregateArea[]): Map<string, string[]> {
  const parts = new Map(aggregates.map((a) => [a.area_code, [...a.las]]));
  const regions = aggregates.filter((a) => a.area_type === 'region');
  const inRegion = new Set(regions.flatMap((r) => r.las));
  for (const england of aggregates.filter((a) => a.area_type === 'england')) {
    parts.set(england.area_code, [...regions.map((r) => r.area_code), ...england.las.filter((la) => !inRegion.has(la))]);
  }
  return parts;
}

/** England, a region or an ICB = the sum of its parts, cell by cell, wherever that holds exactly (server/disclosure/hierarchy.ts). */
function areaHierarchyGroups(rows: SourceRow[], keys: string[], cells: readonly Cell[], members: ReadonlyMap<string, readonly string[]>): Additivity[] {
  if (members.size === 0) return [];
  const areaCells = rows.map((r, i) => ({ key: keys[i] as string, area: r.area_code, slot: `${r.period}|${r.breakdown}|${r.breakdown_value}` }));
  // Numerators must add up (they do: aggregates are sums of their LAs' rows). A share of the area's
  // total (by need) has the aggregate's total as every denominator, which no LA row adds up to; the
  // numerators' equation still holds, so the group is kept, as the engine keeps breakdown groups.
  return exactGroups(hierarchyGroups(areaCells, members), cells.map((c) => ({ ...c, denominatorIsCount: false })));
}

/**
 * Sums that a reader could subtract: each breakdown's values add up to the area's
 * total, and each LA cell is the sum of the same cell over its localities. Where an indicator
 * declares its localities non-additive (its denominator is shared out, say), an LA cell still
 * makes an equation with its localities wherever their numerators (and count denominators)
 * add up exactly: provision lines add up even where places do not.
 */
function additivityGroups(
  rows: SourceRow[],
  keys: string[],
  cells: readonly Cell[],
  parentOf: ReadonlyMap<string, string | null>,
  nonAdditive: IndicatorDefinition['nonAdditive'] = {},
): Additivity[] {
  const groups = new Map<string, Additivity>();
  const add = (groupKey: string, total: string, part: string): void => {
    const g = groups.get(groupKey);
    if (g) g.parts.push(part);
    else groups.set(groupKey, { total, parts: [part] });
  };
  const present = new Set(keys);
  rows.forEach((r, i) => {
    const key = keys[i] as string;
    if (r.breakdown !== 'all' && !nonAdditive.breakdowns?.includes(r.breakdown as BreakdownId)) {
      const total = cellKey({ area_code: r.area_code, period: r.period, breakdown: 'all', breakdown_value: 'all' });
      add(`b|${total}|${r.breakdown}`, total, key);
    }
    const parent = parentOf.get(r.area_code);
    if (parent) {
      const total = cellKey({ area_code: parent, period: r.period, breakdown: r.breakdown, breakdown_value: r.breakdown_value });
      if (!nonAdditive.localities || present.has(total)) add(`${nonAdditive.localities ? 'x' : 'a'}|${total}`, total, key);
    }
  });
  const declared = [...groups].filter(([k]) => !k.startsWith('x|')).map(([, g]) => g);
  const ifExact = [...groups].filter(([k]) => k.startsWith('x|')).map(([, g]) => g);
  return [...declared, ...exactGroups(ifExact, cells)];
}
