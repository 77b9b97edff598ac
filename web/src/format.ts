import type { IndicatorMeta, IndicatorRow } from '../../contract/indicators.ts';

type Meta = Pick<IndicatorMeta, 'unit'>;
export type Significance = IndicatorRow['comparisons'][number]['significance'];
export type Comparison = IndicatorRow['comparisons'][number];

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const upToTwo = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A value in the indicator's unit, as a person reads it; the DfE symbol when withheld. */
export function formatValue(value: number | null | undefined, meta: Meta, symbol: string | null = null): string {
  if (value === null || value === undefined) return symbol ?? 'x';
  switch (meta.unit) {
    case 'percent':
      return `${oneDecimal.format(value)}%`;
    case 'pounds':
      return `£${whole.format(value)}`;
    case 'count':
      // Counts are whole; a ratio in count units (such as plans per place) keeps two decimals.
      return Number.isInteger(value) ? whole.format(value) : upToTwo.format(value);
    default:
      return oneDecimal.format(value);
  }
}

export const formatCount = (n: number | null | undefined): string => (n === null || n === undefined ? 'c' : whole.format(n));

export function formatInterval(row: Pick<IndicatorRow, 'lower_95' | 'upper_95'>, meta: Meta): string {
  if (row.lower_95 === null || row.upper_95 === null) return '';
  return `${formatValue(row.lower_95, meta)} to ${formatValue(row.upper_95, meta)}`;
}

const unitWords: Record<IndicatorMeta['unit'], string> = {
  percent: '',
  per_1000: ' per 1,000',
  per_10000: ' per 10,000',
  count: '',
  weeks: ' weeks',
  pounds: '',
};

export const withUnit = (value: number | null | undefined, meta: Meta, symbol: string | null = null): string =>
  value === null || value === undefined ? formatValue(value, meta, symbol) : `${formatValue(value, meta)}${unitWords[meta.unit]}`;

/** The unit shown after a headline figure ('' for % and £, which carry their own sign). */
export const unitSuffix = (meta: Meta): string => unitWords[meta.unit].trim();

export const breakdownLabels: Record<string, string> = {
  all: 'None (all children and young people)',
  age_band: 'Age band',
  sex: 'Sex',
  ethnic_group: 'Ethnic group',
  primary_need: 'Primary need',
  setting_type: 'Setting type',
  locality: 'Locality',
  provision_category: 'Provision category',
  commissioner: 'Commissioner',
  budget_element: 'Personal budget element',
  budget_mechanism: 'Personal budget mechanism',
};
export const breakdownLabel = (id: string): string => breakdownLabels[id] ?? sentenceCase(id);

const valueLabels: Record<string, string> = {
  F: 'Female',
  M: 'Male',
  U: 'Unknown',
  unknown: 'Unknown',
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  OTH: 'Other difficulty or disability',
  SALT: 'Speech and language therapy',
  OT: 'Occupational therapy',
  PHYSIO: 'Physiotherapy',
  CAMHS: 'Children and young people’s mental health services',
  ICB: 'Integrated care board',
  LA: 'Local authority',
  // Setting types, as the DfE's SEN2 and school census label them.
  MAINSTREAM: 'Mainstream school',
  RESOURCED_PROVISION: 'Resourced provision or SEN unit',
  SPECIAL_MAINTAINED: 'Maintained special school',
  SPECIAL_ACADEMY: 'Special academy or free school',
  SPECIAL_NON_MAINTAINED: 'Non-maintained special school',
  SPECIAL_INDEPENDENT: 'Independent special school',
  INDEPENDENT_MAINSTREAM: 'Independent mainstream school',
  ALTERNATIVE_PROVISION: 'Alternative provision',
  EARLY_YEARS: 'Early years setting',
  FE_COLLEGE: 'Further education college',
  POST16_OTHER: 'Post-16 other',
  APPRENTICESHIP: 'Apprenticeship',
  EHE: 'Elective home education',
  NEET: 'Not in education, employment or training',
  OTHER: 'Other',
};

/** A breakdown category as a person reads it: codes expanded, SHOUTY_CASE turned into words. */
export const categoryLabel = (value: string): string => valueLabels[value] ?? sentenceCase(value);

function sentenceCase(code: string): string {
  if (/^\d/.test(code)) return code.replace(/-/g, ' to ');
  const words = code.replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const polarityText: Record<IndicatorMeta['polarity'], string> = {
  'higher-better': 'Higher is better',
  'lower-better': 'Lower is better',
  'no-judgement': 'No judgement: neither higher nor lower is better',
};

export const ciMethodText: Record<IndicatorMeta['ci_method'], string> = {
  wilson: 'Wilson score method',
  byar: 'Byar’s method (exact Poisson below 10 events)',
  none: 'None: this figure has no confidence interval',
};

/** Short labels, used next to the significance marker and in tables. */
export const significanceLabel: Record<Significance, string> = {
  similar: 'Similar',
  better: 'Better',
  worse: 'Worse',
  higher: 'Higher',
  lower: 'Lower',
  'not-compared': 'Not compared',
};

/** A comparator's label inside a sentence ("statistical neighbours", but "England" and place names as they are). */
export const labelInSentence = (label: string): string => (/^Statistical /.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label);

const leads: Record<Significance, string> = {
  similar: 'similar to',
  better: 'better than',
  worse: 'worse than',
  higher: 'higher than',
  lower: 'lower than',
  'not-compared': 'not compared with',
};

/** A comparison in two parts, the judgement and the rest: ["lower than", "England (37.2 per 1,000)"]. */
export function comparisonParts(comparison: Comparison, meta: Meta): [string, string] {
  const label = labelInSentence(comparison.label);
  if (comparison.value === null) return [leads[comparison.significance], `${label}, which has no published figure`];
  const published = `${label} (${withUnit(comparison.value, meta)})`;
  // A benchmark of another definition: shown for context, with the reason, never judged.
  if (comparison.significance === 'not-compared' && comparison.reason) return [leads['not-compared'], `${published}: ${comparison.reason}`];
  if (comparison.basis === 'benchmark-basis' && comparison.local_value !== null) {
    return [leads[comparison.significance], `${published}, on the benchmark’s own basis (${withUnit(comparison.local_value, meta)})`];
  }
  return [leads[comparison.significance], published];
}

/** Words for a comparison: "lower than England (37.2 per 1,000)". */
export const comparisonWords = (comparison: Comparison, meta: Meta): string => comparisonParts(comparison, meta).join(' ');

const ordinalRules = new Intl.PluralRules('en-GB', { type: 'ordinal' });
const suffixes: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
export const ordinal = (n: number): string => `${n}${suffixes[ordinalRules.select(n)] ?? 'th'}`;

export function rankWords(rank: NonNullable<IndicatorRow['rank']>): string {
  return `${ordinal(rank.rank)} highest of ${rank.of} local authorities (quartile ${rank.quartile}, where 1 is the highest quarter)`;
}

/**
 * Whether a change between two figures is clear: their 95% confidence intervals do not overlap (a
 * conservative test: overlapping intervals can still hide a real change, so this says "no clear
 * change", not "no change"). `untested` when either has no interval (a median, say).
 */
export type ChangeVerdict = 'clear-rise' | 'clear-fall' | 'no-clear-change' | 'same' | 'untested';
export function changeVerdict(from: IndicatorRow, to: IndicatorRow): ChangeVerdict {
  if (from.value === to.value) return 'same';
  if (from.lower_95 === null || from.upper_95 === null || to.lower_95 === null || to.upper_95 === null) return 'untested';
  if (to.lower_95 > from.upper_95) return 'clear-rise';
  if (to.upper_95 < from.lower_95) return 'clear-fall';
  return 'no-clear-change';
}

/** The verdict in words, after "up from … in 2020". */
export const verdictWords: Record<ChangeVerdict, string> = {
  'clear-rise': ', a clear rise (the 95% confidence intervals do not overlap)',
  'clear-fall': ', a clear fall (the 95% confidence intervals do not overlap)',
  'no-clear-change': ', but this is no clear change (the 95% confidence intervals overlap)',
  same: '',
  untested: '; with no confidence interval this change cannot be tested',
};

/**
 * The earlier figure a change is measured from: the first published one of the trend before `row`,
 * never an incomplete (part-year) period; none at all when `row` itself is incomplete.
 */
export function changeBase(row: IndicatorRow, trend: IndicatorRow[], incomplete: ReadonlySet<string> = new Set()): IndicatorRow | undefined {
  if (incomplete.has(row.period)) return undefined;
  return trend.find((r) => r.value !== null && r.period < row.period && !incomplete.has(r.period));
}

/** Direction and size of the change between two published figures, and whether it is clear, in words. */
export function changeWords(from: IndicatorRow | undefined, to: IndicatorRow | undefined, meta: Meta, incomplete: ReadonlySet<string> = new Set()): string {
  if (!from || !to || from === to || from.value === null || to.value === null) return '';
  if (incomplete.has(from.period) || incomplete.has(to.period)) return '';
  if (to.value === from.value) return `the same as in ${from.period}`;
  return `${to.value > from.value ? 'up' : 'down'} from ${withUnit(from.value, meta)} in ${from.period}${verdictWords[changeVerdict(from, to)]}`;
}

/**
 * One plain-English sentence for a figure: the value, its interval, the change since the first published period
 * of the trend (complete periods only) and how it compares with a benchmark.
 */
export function figureSentence(
  meta: IndicatorMeta,
  row: IndicatorRow | undefined,
  trend: IndicatorRow[],
  comparisons: Comparison[] = [],
  incomplete: ReadonlySet<string> = new Set(),
): string {
  if (!row) return 'There is no figure for this period in the loaded extract.';
  if (row.value === null) {
    return row.symbol === 'c'
      ? `The ${row.period} figure for ${row.area_name} is withheld (shown as c) because the numbers are small enough to identify children.`
      : `The ${row.period} figure for ${row.area_name} cannot be calculated from the extract.`;
  }
  const interval = formatInterval(row, meta);
  let sentence = `In ${row.period}, the figure for ${row.area_name} was ${withUnit(row.value, meta)}${interval ? ` (95% confidence interval ${interval})` : ''}`;
  const change = changeWords(changeBase(row, trend, incomplete), row, meta, incomplete);
  if (change) sentence += `, ${change}`;
  const compared = comparisons.filter((c) => c.value !== null || c.significance !== 'not-compared');
  if (compared.length > 0) sentence += `; this is ${joinWords(compared.map((c) => comparisonWords(c, meta)))}`;
  return `${sentence}.`;
}

export function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export const formatDate = (iso: string | null | undefined): string => {
  if (!iso) return 'not recorded';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso.replace(' ', 'T').slice(0, 19)}Z`);
  if (Number.isNaN(date.getTime())) return iso;
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  if (iso.length === 10) return day;
  const time = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'UTC' })
    .format(date)
    .replace(' ', '');
  return `${day} at ${time} UTC`;
};
