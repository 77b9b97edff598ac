import type { DataNotice } from '../../contract/common.ts';
import type { IndicatorMeta, IndicatorRow } from '../../contract/indicators.ts';

// The tidy (DfE open data) shape of indicator rows: one row per area x period x
// breakdown value, one fixed column set for every indicator and geographic level.
// Every value column holds a number or a DfE symbol, never a blank.

export type DfeSymbol = 'c' | 'x' | 'z';
export type TidyValue = string | number;

export const symbolMeanings: Record<DfeSymbol, string> = {
  c: 'confidential: suppressed by disclosure control (a count of 1 to the threshold, or a cell that would reveal one)',
  x: 'not available: the figure could not be computed or no figure exists for this comparator, period or breakdown',
  z: 'not applicable: the item does not apply to this row (e.g. an England comparison for a locality, or an interval for an indicator without one)',
};

/** Column name and description, in file order. */
export const tidyColumns = [
  ['data_status', '"synthetic" when the loaded extract is synthetic test data (NOT real figures), "extract" when it is an LA extract'],
  ['time_period', 'Calendar year of the figure (YYYY)'],
  ['time_identifier', 'Always "Calendar year"; snapshot indicators are taken on the reference date of that year'],
  ['geographic_level', '"Local authority" or "Locality" (an LA-defined locality within it); for an extract of several LAs also "National", "Regional" and "Integrated care board": the sum of the extract\'s LAs in that area'],
  ['area_code', 'ONS code of the LA (E08000035), or LA code and locality slug for a locality (E08000035:north); England E92000001, a region E12…, an ICB E54…'],
  ['area_name', 'Name of the area'],
  ['indicator_id', 'Indicator identifier in the dashboard catalogue'],
  ['indicator_title', 'Indicator title'],
  ['breakdown', 'Breakdown dimension: "all" for the total, otherwise e.g. sex or age_band'],
  ['breakdown_value', 'Category of the breakdown ("all" for the total; "unknown" where not recorded)'],
  ['numerator', 'Numerator count'],
  ['denominator', 'Denominator (a count of people or events, or a population estimate)'],
  ['value', 'Indicator value in its unit, to 6 decimal places'],
  ['unit', 'Unit of value and intervals: percent (0-100), per_1000, per_10000, count, weeks or pounds'],
  ['lower_95', 'Lower limit of the 95% confidence interval'],
  ['upper_95', 'Upper limit of the 95% confidence interval'],
  ['lower_99_8', 'Lower limit of the 99.8% confidence interval'],
  ['upper_99_8', 'Upper limit of the 99.8% confidence interval'],
  ['england_value', 'England figure for the same indicator, period and breakdown, from the published DfE release (LA rows only)'],
  ['england_significance', 'This figure against England: similar (England inside the 95% interval), better/worse (by polarity) or higher/lower (no judgement)'],
  ['region_value', "Figure for the LA's region from the published DfE release (LA rows only)"],
  ['region_significance', 'This figure against the region (as england_significance)'],
  ['neighbours_value', "Mean of the LA's statistical neighbours' published figures (LA rows only)"],
  ['neighbours_significance', 'This figure against the statistical-neighbour mean (as england_significance)'],
  ['published_value', "DfE's published figure for this LA, region or England itself, as a reconciliation check (not for localities or ICBs)"],
  ['la_value', "The LA's figure for the same period and breakdown (locality rows only)"],
  ['la_significance', 'This locality against its LA (as england_significance; locality rows only)'],
  ['symbol', 'Row-level DfE symbol: c when the row is suppressed, x when its value cannot be computed, empty otherwise'],
  [
    'rounded',
    'true when numerator and denominator are rounded to the nearest 5 to protect privacy (an LA total whose complement, denominator minus numerator, is too small to publish) and value and intervals are worked out from the rounded counts; false when the counts are exact or suppressed',
  ],
] as const satisfies readonly (readonly [string, string])[];

export type TidyColumn = (typeof tidyColumns)[number][0];
export const tidyHeader: readonly TidyColumn[] = tidyColumns.map(([name]) => name);
export type TidyRow = Record<TidyColumn, TidyValue>;

const levelName = { england: 'National', region: 'Regional', icb: 'Integrated care board', la: 'Local authority', locality: 'Locality' } as const;
type Level = keyof typeof levelName;
/** The level of an area from its code: aggregates (issue 19) have ONS codes of their own kind. */
const levelOf = (code: string): Level =>
  code.includes(':') ? 'locality' : code === 'E92000001' ? 'england' : code.startsWith('E12') ? 'region' : code.startsWith('E54') ? 'icb' : 'la';

type Comparator = 'england' | 'region' | 'neighbours' | 'published' | 'la';
/** The comparators each level has (server/indicators/comparisons.ts); the others are 'z' (not applicable). */
const comparatorsOf: Record<Level, readonly Comparator[]> = {
  england: ['published'],
  region: ['england', 'published'],
  icb: ['england'],
  la: ['england', 'region', 'neighbours', 'published'],
  locality: ['la'],
};

export interface TidyContext {
  indicator: IndicatorMeta;
  notice: DataNotice;
  /** The LA's own rows for the same query, keyed `${period}|${breakdown_value}`; for locality rows. */
  parentRows?: ReadonlyMap<string, IndicatorRow> | null;
}

export const parentKey = (row: Pick<IndicatorRow, 'period' | 'breakdown_value'>): string => `${row.period}|${row.breakdown_value}`;

/** The rows of one indicator view (as computeIndicator returns them) in tidy form. */
export function tidyRows(rows: readonly IndicatorRow[], ctx: TidyContext): TidyRow[] {
  return rows.map((row) => tidyRow(row, ctx));
}

export function tidyRow(row: IndicatorRow, ctx: TidyContext): TidyRow {
  const { indicator, notice } = ctx;
  const level = levelOf(row.area_code);
  const isLocality = level === 'locality';
  const missing = (): DfeSymbol => (row.suppressed ? 'c' : 'x');
  const num = (v: number | null): TidyValue => v ?? missing();
  const ci = (v: number | null): TidyValue => (indicator.ci_method === 'none' ? 'z' : num(v));
  const parent = isLocality ? ctx.parentRows?.get(parentKey(row)) : undefined;

  const comparator = (name: Comparator): [TidyValue, TidyValue] => {
    const applies = comparatorsOf[level].includes(name);
    const c = row.comparisons.find((x) => x.comparator === name);
    if (!c) return applies ? ['x', 'x'] : ['z', 'z'];
    const otherSuppressed = name === 'la' && parent?.suppressed === true;
    const value: TidyValue = c.value ?? (otherSuppressed ? 'c' : 'x');
    let significance: TidyValue = c.significance;
    if (c.significance === 'not-compared') {
      if (row.suppressed || otherSuppressed) significance = 'c';
      else if (indicator.ci_method === 'none') significance = 'z';
      else significance = 'x';
    }
    return [value, significance];
  };
  const [englandValue, englandSig] = comparator('england');
  const [regionValue, regionSig] = comparator('region');
  const [neighboursValue, neighboursSig] = comparator('neighbours');
  const [publishedValue] = comparator('published');
  const [laValue, laSig] = comparator('la');

  return {
    data_status: notice.synthetic ? 'synthetic' : 'extract',
    time_period: row.period,
    time_identifier: 'Calendar year',
    geographic_level: levelName[level],
    area_code: row.area_code,
    area_name: row.area_name,
    indicator_id: indicator.id,
    indicator_title: indicator.title,
    breakdown: row.breakdown,
    breakdown_value: row.breakdown_value,
    numerator: num(row.numerator),
    denominator: num(row.denominator),
    value: num(row.value),
    unit: indicator.unit,
    lower_95: ci(row.lower_95),
    upper_95: ci(row.upper_95),
    lower_99_8: ci(row.lower_99_8),
    upper_99_8: ci(row.upper_99_8),
    england_value: englandValue,
    england_significance: englandSig,
    region_value: regionValue,
    region_significance: regionSig,
    neighbours_value: neighboursValue,
    neighbours_significance: neighboursSig,
    published_value: publishedValue,
    la_value: laValue,
    la_significance: laSig,
    symbol: row.symbol ?? '',
    rounded: row.rounded === true ? 'true' : 'false',
  };
}

export const tidyRecord = (row: TidyRow): TidyValue[] => tidyHeader.map((c) => row[c]);
