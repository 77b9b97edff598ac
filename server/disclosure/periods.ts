// Which periods a figure may be published for. Two rules close the differencing attacks
// across periods (issue 13, route 4):
//  1. A period the extract covers only in part (at either end) is published nowhere: its
//     count minus nothing is a count of the covered months, and beside a whole year it gives
//     the months in between.
//  2. Flow measures (counts of events in a period) are published for calendar years only;
//     financial years are offered only for snapshot measures (stocks on their last day,
//     31 March). A calendar and a financial year share nine months, so a count of the same
//     events for both would let a reader chain them into January-March and April-December
//     counts. A stock on 31 March and one on 31 December count different populations.
// Pure: the engine, the analytics endpoints, the exports and /api/periods all ask here.

export type MeasureKind = 'flow' | 'snapshot';
export const measureKinds: readonly MeasureKind[] = ['flow', 'snapshot'];

export interface PeriodForPublication {
  period: string;
  period_type: 'calendar-year' | 'financial-year';
  start_date: string;
  end_date: string;
  complete: boolean;
}

export type PublicationVerdict = { published: true } | { published: false; reason: string };

const PART_YEAR_REASON = (p: PeriodForPublication): string =>
  `Period ${p.period} (${p.start_date} to ${p.end_date}) is only partly covered by the loaded extract, and part-years are published nowhere: beside whole years they would give away counts of the months they share.`;

const FLOW_FINANCIAL_REASON = (p: PeriodForPublication): string =>
  `Period ${p.period} is a financial year, and counts of events are published for calendar years only: a financial year shares nine months with each of two calendar years, so publishing both would give away the counts of the months in between. Financial years are offered for snapshot measures (counts on 31 March).`;

/** Whether figures of a measure of this kind may be published for the period, and why not. */
export function publicationOf(period: PeriodForPublication, kind: MeasureKind): PublicationVerdict {
  if (!period.complete) return { published: false, reason: PART_YEAR_REASON(period) };
  if (kind === 'flow' && period.period_type === 'financial-year') return { published: false, reason: FLOW_FINANCIAL_REASON(period) };
  return { published: true };
}

export const isPublishable = (period: PeriodForPublication, kind: MeasureKind): boolean => publicationOf(period, kind).published;

/** The kinds of measure a period is published for (empty for a part-year). */
export const measuresFor = (period: PeriodForPublication): MeasureKind[] => measureKinds.filter((kind) => isPublishable(period, kind));

/** The periods published for at least one kind of measure (the complete ones), in the given order. */
export const publishedPeriods = <P extends PeriodForPublication>(periods: readonly P[]): P[] => periods.filter((p) => measuresFor(p).length > 0);

/** The periods published for a kind of measure. */
export const periodsFor = <P extends PeriodForPublication>(periods: readonly P[], kind: MeasureKind): P[] => periods.filter((p) => isPublishable(p, kind));

/** The latest published period of a type for a kind of measure, or null. */
export function latestPublished<P extends PeriodForPublication>(periods: readonly P[], type: P['period_type'], kind: MeasureKind): P | null {
  return [...periodsFor(periods, kind)].filter((p) => p.period_type === type).sort((a, b) => (a.end_date < b.end_date ? -1 : a.end_date > b.end_date ? 1 : 0)).at(-1) ?? null;
}

/** An indicator's kind: snapshot indicators count a stock on a day; the others count events in a year. */
export const indicatorMeasureKind = (periodType: 'snapshot' | 'calendar-year'): MeasureKind => (periodType === 'snapshot' ? 'snapshot' : 'flow');

export const PERIOD_RULE =
  'Part-years (periods the extract covers only in part) are published nowhere. Counts of events in a period (flow measures: the calendar-year indicators and the journey, transitions, feedback and provision-gaps tables) are published for complete calendar years only; complete financial years are offered only for snapshot measures (counts on 31 March), so a calendar and a financial year never count the same events.';

/** The /api/periods view: published periods with their kinds of measure, part-years with the reason. */
export function periodsPublication<P extends PeriodForPublication>(published: readonly P[], all: readonly P[]) {
  return {
    periods: publishedPeriods(published).map((p) => ({ ...p, measures: measuresFor(p) })),
    unpublished_periods: all
      .filter((p) => measuresFor(p).length === 0)
      .map((p) => ({ ...p, reason: (publicationOf(p, 'snapshot') as { reason?: string }).reason ?? '' })),
    publication: {
      flow: ['calendar-year' as const],
      snapshot: ['calendar-year' as const, 'financial-year' as const],
      rule: PERIOD_RULE,
    },
  };
}
