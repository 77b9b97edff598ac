import type { IndicatorMeta, IndicatorRow } from '../../../contract/indicators.ts';
import { changeBase, changeVerdict, formatValue, labelInSentence, withUnit, type ChangeVerdict, type Comparison, type Significance } from '../format.ts';

// Plain-English text of the board pack, from the same rows the Overview shows. No figures are computed here:
// every number is the API's, formatted as the dashboard formats it.

/** One headline indicator of the pack: its trend (breakdown "all") and the row for the chosen period. */
export interface PackItem {
  meta: IndicatorMeta;
  trend: IndicatorRow[];
  row: IndicatorRow | undefined;
  /** False when the chosen period has no row and the latest earlier one is shown. */
  exact: boolean;
}

/** The comparators the pack puts into words: England and statistical neighbours, or a locality's LA. */
export const packComparators = (locality: boolean): string[] => (locality ? ['la'] : ['england', 'neighbours']);

export function comparisonsOf(row: IndicatorRow | undefined, wanted: string[]): Comparison[] {
  if (!row) return [];
  return wanted.flatMap((id) => row.comparisons.filter((c) => c.comparator === id));
}

/** "Up from 17.0 in 2020" (the figure in the indicator's unit, without unit words), or '' when there is nothing
 * earlier to compare with. */
/** "Up from 57.1% in 2020: no clear change"; never from or to an incomplete (part-year) period. */
export function changeSince(item: PackItem, incomplete: ReadonlySet<string> = new Set()): string {
  const { row, trend, meta } = item;
  if (!row || row.value === null) return '';
  const earlier = changeBase(row, trend, incomplete);
  if (!earlier || earlier.value === null) return '';
  if (earlier.value === row.value) return `Same as in ${earlier.period}`;
  return `${row.value > earlier.value ? 'Up' : 'Down'} from ${formatValue(earlier.value, meta)} in ${earlier.period}: ${shortVerdict[changeVerdict(earlier, row)]}`;
}
const shortVerdict: Record<ChangeVerdict, string> = {
  'clear-rise': 'a clear rise',
  'clear-fall': 'a clear fall',
  'no-clear-change': 'no clear change',
  same: 'no change',
  untested: 'not tested (no interval)',
};

const headings: Record<Significance, (label: string) => string> = {
  worse: (l) => `Worse than ${l}`,
  better: (l) => `Better than ${l}`,
  higher: (l) => `Higher than ${l} (neither higher nor lower is better)`,
  lower: (l) => `Lower than ${l} (neither higher nor lower is better)`,
  similar: (l) => `Similar to ${l}`,
  'not-compared': (l) => `Not compared with ${l}`,
};

const order: Significance[] = ['worse', 'better', 'higher', 'lower', 'similar', 'not-compared'];

export interface KeyMessage {
  significance: Significance;
  heading: string;
  /** How many indicators the message covers. */
  count: number;
  items: string[];
}

/**
 * The headline indicators grouped by how they compare with one comparator (England, or a locality's LA):
 * "Worse than England: New EHC plans issued within 20 weeks (7.3%; England 46.4%)". Indicators without a figure
 * or a published comparator are listed as not compared, with the reason.
 */
export function keyMessages(items: PackItem[], comparator: string, comparatorLabel: string): KeyMessage[] {
  const label = labelInSentence(comparatorLabel);
  const groups = new Map<Significance, string[]>();
  const add = (s: Significance, text: string) => groups.set(s, [...(groups.get(s) ?? []), text]);
  // Indicators that cannot be compared are listed together, by reason, so a short extract does not fill the page.
  const reasons = new Map<string, string[]>();
  const notCompared = (reason: string, title: string) => reasons.set(reason, [...(reasons.get(reason) ?? []), title]);
  for (const { meta, row } of items) {
    if (!row) notCompared('No figure in the loaded extract', meta.title);
    else if (row.value === null) notCompared(row.symbol === 'c' ? 'Withheld (shown as c) because the numbers are small' : 'Cannot be calculated (shown as x)', meta.title);
    else {
      const c = row.comparisons.find((x) => x.comparator === comparator);
      if (!c || c.value === null) notCompared(comparator === 'la' ? `No figure for ${label} to compare with` : `No published figure for ${label}`, meta.title);
      // A benchmark of another definition: listed with its reason, never judged.
      else if (c.significance === 'not-compared' && c.reason) notCompared(c.reason, `${meta.title} (${withUnit(row.value, meta)}; ${label} ${withUnit(c.value, meta)}, for context only)`);
      else add(c.significance, `${meta.title} (${withUnit(row.value, meta)}; ${label} ${withUnit(c.value, meta)})`);
    }
  }
  for (const [reason, titles] of reasons) add('not-compared', `${reason}: ${titles.join('; ')}`);
  return order
    .filter((s) => groups.has(s))
    .map((s) => {
      const texts = groups.get(s) ?? [];
      const count = s === 'not-compared' ? [...reasons.values()].reduce((n, t) => n + t.length, 0) : texts.length;
      return { significance: s, heading: headings[s](label), count, items: texts };
    });
}

/** A comparison cell of the summary table: "37.2 per 1,000: lower". */
export function comparisonCell(row: IndicatorRow | undefined, comparator: string, meta: IndicatorMeta): { value: string; judgement: string } {
  const c = row?.comparisons.find((x) => x.comparator === comparator);
  // A locality's LA figure is missing when it is withheld or cannot be calculated; a benchmark, when none is published.
  if (!c || c.value === null) return { value: comparator === 'la' ? 'not available' : 'none published', judgement: '' };
  // A withheld figure is not compared; the table's own column shows the c.
  const judgement = row?.value === null || c.significance === 'not-compared' ? '' : c.significance;
  return { value: withUnit(c.value, meta), judgement };
}

/**
 * The disclosure rule in one sentence. Each indicator states its own rule ("Counts of 1 to 7 plans are
 * suppressed, …"); when they share one threshold it is stated once.
 */
export function disclosureStatement(metas: IndicatorMeta[]): string {
  const limits = new Set(metas.flatMap((m) => /\b1 to (\d+)\b/.exec(m.disclosure)?.[1] ?? []));
  const [limit] = [...limits];
  if (limits.size === 1 && limit) {
    return (
      `Counts from 1 to ${limit} (of children, plans, requests and other records) are suppressed and shown as c, with ` +
      'secondary suppression across breakdowns and localities, so that no suppressed figure can be worked out from the others.'
    );
  }
  return 'Small counts are suppressed and shown as c, with secondary suppression, as each indicator’s disclosure rule states.';
}

/** Percentage of a whole, as "(1.2%)", or '' when it cannot be worked out. */
export const shareOf = (part: number, whole: number): string =>
  whole > 0 ? ` (${((100 * part) / whole).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%)` : '';
