import type { Area, Period } from '../../contract/common.ts';

// The disclosure rule the analytics and insight responses state (written once here; exports quote
// it) and the header of a snapshot view. The published cells' shapes live in contract/cells.ts.

export const disclosureRule = (threshold: number): string =>
  threshold === 0
    ? 'No suppression (threshold 0).'
    : `Counts from 1 to ${threshold} are suppressed (symbol c), with secondary suppression so that no suppressed count can be worked out from a total, the other cells of its breakdown, or an LA and its other localities. Shares, means, quartiles and totals are hidden with the counts they rest on.`;

/** The start of a snapshot insight view (budgets, transitions): where, when, the rule and the definitions. */
export const snapshotHeader = <D extends Record<string, string>>(area: Area, period: Period, threshold: number, definitions: D) => ({
  area,
  period,
  disclosure: { threshold, rule: disclosureRule(threshold) },
  snapshot_date: period.end_date,
  definitions,
});
