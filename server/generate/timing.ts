import { MIN_EXCEPTION_SHARE, REQUEST_MONTH } from './assumptions.ts';
import { day, daysInMonth, yearOf } from './dates.ts';
import { seriesValue, type LaContext } from './model.ts';
import { Categorical, Rng } from './rng.ts';

// Request-to-decision timing. DfE measures 20-week timeliness by the year a plan is
// issued, while requests arrive by the year they are received; with a backlog (Leeds
// issued 9% on time in 2024, 57% after more than a year) the two differ a lot. So the
// probabilities used per request are calibrated by a quick simulation until the plans
// issued in each year come out at the published rates.

export interface Timing {
  /** P(issued within 20 weeks), by the year 20 weeks after receipt. */
  onTime: Map<number, number>;
  /** P(over a year | later than 20 weeks), by the same year. */
  overYear: Map<number, number>;
  /** Share of requests received in a year still without an assessment decision at the extract date. */
  pending: Map<number, number>;
  exception: (year: number) => number;
}

export const SIX_WEEKS = 42;

/** Days from receipt to the assessment decision. */
export function decisionDays(rng: Rng, sixWeekShare: number): number {
  return rng.chance(sixWeekShare) ? rng.range(14, SIX_WEEKS) : rng.range(SIX_WEEKS + 1, 120);
}

/** Days from receipt to the issued plan. */
export function issueDays(rng: Rng, t: Timing, received: number, afterDecision: number, exception: boolean): number {
  const y = yearOf(received + 140);
  let days: number;
  if (exception) days = rng.range(150, 330);
  else if (rng.chance(t.onTime.get(y) ?? 0.5)) days = rng.range(Math.max(afterDecision + 21, 84), 140);
  else if (rng.chance(t.overYear.get(y) ?? 0.3)) days = rng.range(366, 730);
  else days = rng.range(141, 365);
  return Math.max(days, afterDecision + 14);
}

export function calibrateTiming(ctx: LaContext, requestYears: number[]): Timing {
  const { la, extractDate: X } = ctx;
  const at = (series: number[], y: number) => seriesValue(series, ctx.flowYears, y);
  const exception = (y: number) => Math.max(at(la.exceptionShare, y), MIN_EXCEPTION_SHARE);
  const issueYears = [...requestYears, (requestYears.at(-1) ?? 0) + 1, (requestYears.at(-1) ?? 0) + 2];
  const target = new Map(issueYears.map((y) => [y, { onTime: at(la.within20, y), over: (1 - at(la.within20, y)) * at(la.over52OfLate, y) }]));
  const t: Timing = {
    onTime: new Map(issueYears.map((y) => [y, at(la.within20, y)])),
    overYear: new Map(issueYears.map((y) => [y, at(la.over52OfLate, y)])),
    pending: new Map(requestYears.map((y) => [y, 0])),
    exception,
  };
  const month = new Categorical(REQUEST_MONTH);
  const peak = Math.max(1, ...requestYears.map((y) => at(la.requests, y)));
  // The LA's geography only: the same calibration whatever the seed.
  for (let iteration = 0; iteration < 8; iteration++) {
    const rng = Rng.of('timing', ctx.laCode, iteration);
    const tally = new Map<number, { issued: number; onTime: number; over: number }>();
    const pending = new Map<number, { n: number; pending: number }>();
    for (const year of requestYears) {
      const n = Math.round((4000 * at(la.requests, year)) / peak);
      const p = { n, pending: 0 };
      pending.set(year, p);
      for (let i = 0; i < n; i++) {
        const m = month.sample(rng) + 1;
        const received = day(year, m, 1) + rng.int(daysInMonth(year, m));
        const dd = decisionDays(rng, at(la.sixWeekShare, year));
        if (received + dd > X) {
          p.pending++;
          continue;
        }
        const exc = rng.chance(exception(yearOf(received + 140)));
        const issued = received + issueDays(rng, t, received, dd, exc);
        if (exc || issued > X) continue;
        const y = yearOf(issued);
        const s = tally.get(y) ?? { issued: 0, onTime: 0, over: 0 };
        s.issued++;
        if (issued - received <= 140) s.onTime++;
        if (issued - received > 365) s.over++;
        tally.set(y, s);
      }
    }
    for (const [y, p] of pending) t.pending.set(y, p.n > 0 ? p.pending / p.n : 0);
    // Multiplicative fixed-point step towards the published rates of each issue year.
    for (const [y, s] of tally) {
      const goal = target.get(y);
      if (!goal || s.issued < 50 || y > (ctx.years.at(-1) ?? 0)) continue;
      const adjust = (map: Map<number, number>, key: number, want: number, got: number) => {
        if (got > 0 && want > 0) map.set(key, Math.min(0.995, Math.max(0.002, (map.get(key) ?? 0.5) * (want / got))));
      };
      adjust(t.onTime, y, goal.onTime, s.onTime / s.issued);
      // Plans issued after more than a year were mostly received the year before.
      adjust(t.overYear, y - 1, goal.over, s.over / s.issued);
    }
  }
  return t;
}
