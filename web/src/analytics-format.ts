import type { Commissioner, JourneyResponse, LargestGap, ProvisionGapsResponse, Value as AnalyticsValue } from '../../contract/analytics.ts';
import type { ForecastResponse } from '../../contract/forecast.ts';
import type { CountCell, ShareCell, StatCell } from '../../contract/cells.ts';
import { categoryLabel, joinWords } from './format.ts';
import { icbName, laName } from './reference/names.ts';

// Words and numbers for the commissioning analytics pages. Pure functions: the browser tests import them to
// work out what a page should say from the API's answer.

type Figure = AnalyticsValue | CountCell | StatCell | ShareCell;

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The DfE symbol for a withheld figure: c suppressed, x cannot be calculated. */
export const symbolOf = (f: Figure): string => f.symbol ?? (f.value === null ? 'x' : '');

/** A whole count ("1,234"), or its symbol. */
export const count = (f: Figure): string => (f.value === null ? symbolOf(f) : whole.format(f.value));

export const wholeNumber = (n: number): string => whole.format(n);
export const oneDp = (n: number): string => oneDecimal.format(n);

/** Weeks to one decimal place ("4.9"), or the symbol. */
export const weeks = (f: Figure): string => (f.value === null ? symbolOf(f) : oneDecimal.format(f.value));

/** A share as a percentage to one decimal place ("13.0%"), or the symbol. */
export const percent = (f: Figure): string => (f.value === null ? symbolOf(f) : `${oneDecimal.format(f.value)}%`);

/** "9 of 69 (13.0%)"; the symbol alone when the share is withheld. */
export function shareWords(cell: ShareCell): string {
  if (cell.value === null || cell.numerator === null || cell.denominator === null) return symbolOf(cell);
  return `${whole.format(cell.numerator)} of ${whole.format(cell.denominator)} (${oneDecimal.format(cell.value)}%)`;
}

/** Pounds, whole ("£3,862"), or the symbol. */
export const pounds = (f: Figure): string => (f.value === null ? symbolOf(f) : `£${whole.format(f.value)}`);

/**
 * Places per year: capacity is shared out by population, so it is rarely whole, but nobody can fill 8.9 places:
 * whole places, and a share under one place as "fewer than 1" (not 0, which would read as "no service").
 */
export function places(n: number): string {
  if (n > 0 && n < 0.5) return 'fewer than 1';
  return whole.format(n);
}
export const placesOf = (f: AnalyticsValue): string => (f.value === null ? symbolOf(f) : places(f.value));

/** Demand / capacity to two decimal places ("1.40"). */
export const ratio = (f: AnalyticsValue): string => (f.value === null ? symbolOf(f) : twoDecimals.format(f.value));

/** An age band as a reader writes it: "11–15", "all ages". */
export function ageBandText(band: string): string {
  if (band === 'all') return 'all ages';
  if (band === 'unknown') return 'age not known';
  return band.replace('-', '–');
}

/** Provision category in words. */
export const provisionLabel = (category: string): string => (category === 'all' ? 'All provision' : categoryLabel(category));

/** The same inside a sentence: "most children were waiting for speech and language therapy". */
export const provisionInSentence = (category: string): string => {
  const label = provisionLabel(category);
  return label.charAt(0).toLowerCase() + label.slice(1);
};


const ceaseReasonLabels: Record<string, string> = {
  NEEDS_MET: 'Needs met without a plan',
  MOVED_LA: 'Moved to another local authority',
  MOVED_OUT_OF_ENGLAND: 'Moved out of England',
  HIGHER_EDUCATION: 'Went into higher education',
  EMPLOYMENT: 'Went into paid work',
  ADULT_SERVICES: 'Moved to adult services',
  DISENGAGED: 'No longer wanted the plan (disengaged)',
  AGE_LIMIT: 'Reached the age limit (25)',
  DECEASED: 'Died',
  OTHER: 'Other reason',
  unknown: 'Reason not recorded',
};

/** Why a plan ended, in words. */
export const ceaseReasonLabel = (code: string): string => ceaseReasonLabels[code] ?? categoryLabel(code);

/** A setting type in words: "Further education college". */
export const settingLabel = (code: string): string => categoryLabel(code);

/**
 * Who commissions a line, by name: "NHS West Yorkshire Integrated Care Board", "Leeds local authority". A code is
 * shown only when no published list names it, so that it can still be traced.
 */
export function commissionerWords(c: Commissioner, la?: { area_code: string; area_name: string }): string {
  if (c.type === 'ICB') return icbName(c.code) ?? `an integrated care board not in the NHS list (code ${c.code})`;
  if (c.type === 'LA') {
    const name = la && la.area_code === c.code ? la.area_name : laName(c.code);
    return name ? `${name} local authority` : `a local authority not in the ONS list (code ${c.code})`;
  }
  return c.code ? `a commissioner of an unrecorded kind (code ${c.code})` : 'a commissioner not recorded';
}

/** "120 children" / "1 child". */
export const children = (n: number): string => `${whole.format(n)} ${n === 1 ? 'child' : 'children'}`;

/**
 * A largest-gap entry as one plain sentence:
 * "Speech and language therapy for ages 11–15 in North: 120 children, 40 places; commissioned by the ICB (QWO)."
 */
export function largestGapSentence(gap: LargestGap, la?: { area_code: string; area_name: string }): string {
  const where = gap.area_code === la?.area_code ? `across ${gap.area_name}` : `in ${gap.area_name}`;
  const placesText = gap.capacity === 0 ? 'no places' : `${places(gap.capacity)} ${gap.capacity === 1 ? 'place' : 'places'}`;
  const by = gap.commissioners.length > 0 ? `; commissioned by ${joinWords(gap.commissioners.map((c) => commissionerWords(c, la)))}` : '';
  return `${provisionLabel(gap.category)} for ages ${ageBandText(gap.age_band)} ${where}: ${children(gap.demand)}, ${placesText}, a shortfall of ${places(gap.gap)}${by}.`;
}

/** Workload results as the page shows them: reviews a year whole, a week and FTE to one decimal place. */
export function workloadDisplay(r: { per_year: number; per_week: number; coordinators_fte: number }): { perYear: string; perWeek: string; fte: string } {
  return { perYear: whole.format(Math.round(r.per_year)), perWeek: oneDecimal.format(r.per_week), fte: oneDecimal.format(r.coordinators_fte) };
}

/** A number as typed in a form field: no thousands separator, up to 4 decimal places. */
export const inputNumber = (n: number): string => String(Math.round(n * 10_000) / 10_000);

/** "20 of the 80 children with … (25.0%)", or why it cannot be said. */
export function overlapSentence(o: JourneyResponse['overlap'][number]): string {
  if (o.children.value === null || o.of.value === null) {
    return `${o.label}: ${count(o.children)} of ${count(o.of)} ${o.of_label} (suppressed to protect privacy).`;
  }
  const share = o.of.value > 0 ? ` (${((100 * o.children.value) / o.of.value).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%)` : '';
  return `${o.label}: ${o.children.value.toLocaleString('en-GB')} of the ${o.of.value.toLocaleString('en-GB')} ${o.of_label}${share}.`;
}

/** How often the forecast's bands held in the rolling-origin backtests of the extract, in one sentence (empty without them). */
export function calibrationSentence(c: ForecastResponse['calibration']): string {
  if (!c || c.predictions === 0) return '';
  const from = c.origins[0];
  const to = c.origins.at(-1);
  const origins = from === to ? `from ${from}` : `from every starting year ${from} to ${to}`;
  const pct = (n: number) => `${oneDecimal.format((100 * n) / c.predictions)}%`;
  const errors =
    c.mape !== null && c.mape_no_change !== null && c.mape_linear_trend !== null
      ? `; the projections were off by ${oneDecimal.format(c.mape)}% on average, against ${oneDecimal.format(c.mape_no_change)}% for assuming no change and ${oneDecimal.format(c.mape_linear_trend)}% for a straight-line trend`
      : '';
  return (
    `Refitted ${origins} and checked against the ${whole.format(c.predictions)} later yearly totals counted, the 95% band held the actual count ` +
    `${whole.format(c.inside_95)} times (${pct(c.inside_95)}) and the 99.8% band ${whole.format(c.inside_99_8)} times (${pct(c.inside_99_8)})${errors}.`
  );
}

type Placements = ProvisionGapsResponse['placements'];
const countText = (v: { value: number | null; symbol: string | null }): string => (v.value === null ? (v.symbol ?? 'x') : whole.format(v.value));

/**
 * The out-of-area statement of Provision gaps, from the out-of-area-placements indicator's own
 * figures (so it reads as the indicator, Overview and board pack do), naming the plans left out.
 */
export function outOfAreaStatement(share: Placements['out_of_area_share'], activePlans: Placements['active_plans'], end: string, laName: string): string {
  const pct = share.value === null ? '' : ` (${oneDecimal.format(share.value)}%)`;
  const unknown = activePlans.value !== null && share.denominator.value !== null ? activePlans.value - share.denominator.value : null;
  const leftOut = unknown !== null && unknown > 0 ? ` The other ${whole.format(unknown)} of the ${whole.format(activePlans.value ?? 0)} active plans have no setting location recorded and are left out, as in the indicator.` : '';
  return `${countText(share.numerator)} of ${countText(share.denominator)} EHC plans active on ${end} whose setting’s location is recorded${pct} were for children and young people placed in a setting outside ${laName}.${leftOut}`;
}

/** How the waits of Provision gaps differ from the indicator "Median wait for provision to start". */
export const waitsDifference = (): string =>
  'These are children still waiting, and how long they have waited so far. The indicator “Median wait for provision to start” is a different figure: it counts only provision that started during the year, so it leaves out everyone still waiting and its median is shorter.';
