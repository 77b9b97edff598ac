import type { Code } from '../../contract/vocabularies.ts';
import {
  ADULT_SERVICES_SHARE_OF_DISENGAGED, CNA_ONLY_PER_PLAN_YEAR, CONTINUING_CARE, CONTINUING_CARE_OTHER,
  MIN_EXIT_RATE, OUT_OF_AREA, REQUEST_MONTH, REQUEST_SOURCE, RE_REQUEST_SHARE,
  SECONDARY_AFFINITY, SECONDARY_NEED_SHARE, STATEMENT_TRANSFER,
} from './assumptions.ts';
import { day, daysInMonth, firstOfMonth, monthIndex, yearOf } from './dates.ts';
import { lsoaCode } from './localities.ts';
import {
  ageAt, ageLimitCease, seriesValue, validFrom,
  type CeaseReason, type Child, type ChildKind, type LaContext, type Plan, type Request, type Sex,
} from './model.ts';
import { AGES, CEASE_REASONS, NEEDS, SETTINGS } from './params.ts';
import { Categorical, Rng } from './rng.ts';
import { calibrateTiming, decisionDays, issueDays } from './timing.ts';

// Phase A: simulate one LA's children, requests and plans over the years of history so
// that the published series come out: plans in January of each year, requests a year,
// refusals, 20-week timeliness, the age, sex, need and setting mix. Stocks are matched
// exactly by choosing, each year, how many plans cease (weighted by the published cease
// rate by age) and, when the published stock grows faster than new plans allow, how many
// plans move in from other LAs.

export interface Cohort {
  children: Child[];
  plans: Plan[];
  /** Active plans at each year boundary and at the extract date (as simulated). */
  stocks: number[];
}

const REASONS: CeaseReason[] = [...CEASE_REASONS.map((r) => r as CeaseReason), 'ADULT_SERVICES'];
const AGE_LIMIT = 0;
const DISENGAGED = CEASE_REASONS.indexOf('DISENGAGED');
const NO_SETTING = SETTINGS.indexOf('UNKNOWN');

export function simulateCohort(ctx: LaContext): Cohort {
  const simulation = new CohortSimulation(ctx);
  // The order of these steps is the order of the random draws: keep it, or the output changes.
  simulation.stockAtStart();
  const issued = simulation.requestsYearByYear();
  const stocks = simulation.matchStocks(issued);
  simulation.planAttributes();
  simulation.cnaOnlyChildren();
  return { children: simulation.children, plans: simulation.plans, stocks };
}

/** What the simulation draws from, built once per LA from its own and England's parameters. */
interface Distributions {
  ageProfile: Categorical;
  requestAge: Categorical;
  /** Age at plan start, truncated to at most the child's current age. */
  startAgeUpTo: Categorical[];
  ethnicity: Categorical;
  sendLocality: Categorical;
  anyLocality: Categorical;
  month: Categorical;
  source: Categorical;
  /** By age, then sex (F, M, U). */
  needCat: Categorical[][];
  /** By age, then primary need. */
  settingCat: Categorical[][];
  /** By primary need. */
  secondary: Categorical[];
  /** By age. */
  reasonCat: Categorical[];
}

function distributions(ctx: LaContext): Distributions {
  const { la, england: eng } = ctx;
  const localityFor = (send: boolean) => new Categorical(ctx.localities.map((l) => l.weight * (send ? l.needIndex : 1)));
  const needLift = NEEDS.map((_, n) => (la.needMix[n] ?? 0) / Math.max(eng.needMix[n] ?? 0, 1e-6));
  const settingLift = SETTINGS.map((_, s) => ((la.settingMix[s] ?? 0) + 1e-4) / ((eng.settingMix[s] ?? 0) + 1e-4));
  return {
    // No plans for babies under one; few at 25, whose plans end at the age limit within months.
    ageProfile: new Categorical(la.ageProfile.map((w, a) => (a === 0 ? 0 : a <= 24 ? w : w * 0.3))),
    requestAge: new Categorical(eng.requestAge.map((w, a) => (a <= 24 ? w : 0))),
    startAgeUpTo: Array.from({ length: AGES }, (_, a) => new Categorical(eng.newPlanAge.map((w, s) => (s <= a ? w + 1e-6 : 0)))),
    ethnicity: new Categorical(la.ethnicity),
    sendLocality: localityFor(true),
    anyLocality: localityFor(false),
    month: new Categorical(REQUEST_MONTH),
    source: new Categorical(REQUEST_SOURCE.map(([, w]) => w)),
    needCat: Array.from({ length: AGES }, (_, a) =>
      (['F', 'M', 'U'] as const).map((sex) => new Categorical(NEEDS.map((_, n) => {
        const lift = sex === 'U' ? 1 : (eng.sexNeedLift[sex][n] ?? 1);
        return (eng.needByAge[a]?.[n] ?? 0) * lift * (needLift[n] ?? 1) + 1e-7;
      })))),
    settingCat: Array.from({ length: AGES }, (_, a) =>
      NEEDS.map((_, n) => new Categorical(SETTINGS.map((_, s) =>
        (eng.settingByAge[a]?.[s] ?? 0) * (eng.needSettingLift[s]?.[n] ?? 1) * (settingLift[s] ?? 1) + 1e-9)))),
    secondary: NEEDS.map((primary, p) => new Categorical(NEEDS.map((need, n) => {
      if (n === p) return 0;
      const boost = SECONDARY_AFFINITY[primary].includes(need) ? 6 : 1;
      return (la.needMix[n] ?? 0) * boost + 1e-4;
    }))),
    reasonCat: ceaseReasonsByAge(ctx),
  };
}

/** Cease reasons by age: England's pattern by age, tilted towards the LA's own mix. */
function ceaseReasonsByAge({ la, england: eng }: LaContext): Categorical[] {
  const engReasons = eng.ceaseReasons.reduce((s, x) => s + x, 0);
  const laReasons = la.ceaseReasons.reduce((s, x) => s + x, 0);
  const reasonLift = CEASE_REASONS.map((_, r) => {
    const e = (eng.ceaseReasons[r] ?? 0) / engReasons;
    const l = ((la.ceaseReasons[r] ?? 0) + 200 * e) / (laReasons + 200);
    return e > 0 ? l / e : 1;
  });
  return Array.from({ length: AGES }, (_, a) => {
    const w = CEASE_REASONS.map((_, r) => (r === AGE_LIMIT ? 0 : (eng.ceaseReasonByAge[a]?.[r] ?? 0) * (reasonLift[r] ?? 1)));
    const adult = a >= 19 ? (w[DISENGAGED] ?? 0) * ADULT_SERVICES_SHARE_OF_DISENGAGED : 0;
    w[DISENGAGED] = (w[DISENGAGED] ?? 0) - adult;
    w.push(adult);
    return new Categorical(w.map((x) => x + 1e-6));
  });
}

/** Decisions of a request, without its id, date and source. */
type Decisions = Omit<Request, 'id' | 'received' | 'source'>;

/**
 * One LA's simulation: the children and plans so far, and the one random stream every step
 * draws from in turn (so the steps must run in simulateCohort's order).
 */
class CohortSimulation {
  readonly children: Child[] = [];
  readonly plans: Plan[] = [];
  private readonly rng: Rng;
  private readonly d: Distributions;
  private readonly X: number;
  private readonly P: number;
  private readonly firstYear: number;
  private timing: ReturnType<typeof calibrateTiming> | null = null;

  constructor(private readonly ctx: LaContext) {
    this.rng = Rng.of(ctx.seed, ctx.laCode, 'cohort');
    this.d = distributions(ctx);
    this.X = ctx.extractDate;
    this.P = ctx.periodStart;
    this.firstYear = ctx.years[0] ?? 0;
  }

  private flow(series: number[], y: number): number {
    return seriesValue(series, this.ctx.flowYears, y);
  }

  private plansJan(y: number): number {
    return seriesValue(this.ctx.la.plansJan, this.ctx.snapshotYears, y);
  }

  private pickSex(): Sex {
    const { la } = this.ctx;
    const u = this.rng.next();
    return u < la.maleShare ? 'M' : u < la.maleShare + la.sexUnknownShare ? 'U' : 'F';
  }

  private newChild(kind: ChildKind, birthMonth: number, send = true): Child {
    const { rng, ctx } = this;
    const locality = (send ? this.d.sendLocality : this.d.anyLocality).sample(rng);
    const loc = ctx.localities[locality];
    const child: Child = {
      idx: this.children.length, id: '', kind, birthMonth, sex: this.pickSex(), ethnicity: this.d.ethnicity.sample(rng),
      locality, lsoa: loc && rng.chance(0.9) ? lsoaCode(loc.lsoaFrom + rng.int(loc.lsoaCount)) : null,
      continuingCare: false, requests: [], plan: null, leftAt: null, cnaStart: null,
    };
    this.children.push(child);
    return child;
  }

  /** A birth month such that the child is `age` on `d` and has been born a month or more. */
  private birthMonthFor(d: number, age: number): number {
    return monthIndex(d) - 12 * age - this.rng.range(1, 11);
  }

  private newPlan(child: Child, start: number, request: Request | null, fromStatement: boolean): Plan {
    const plan: Plan = {
      id: '', child, request, start, end: null, reason: null, need: 0, need2: null, setting: null, inArea: null, fromStatement,
    };
    child.plan = plan;
    this.plans.push(plan);
    return plan;
  }

  // --- stock at the start of the period ----------------------------------------------
  stockAtStart(): void {
    const stock0 = Math.round(this.plansJan(this.firstYear) * this.ctx.scale);
    for (let i = 0; i < stock0; i++) this.stockPlan();
  }

  private stockPlan(): void {
    const { rng, P } = this;
    const transferFrom = day(...STATEMENT_TRANSFER.from);
    const transferTo = day(...STATEMENT_TRANSFER.to);
    let age = this.d.ageProfile.sample(rng);
    let bm = this.birthMonthFor(P, age);
    // A 25-year-old whose plan would already have ended at the age limit: draw again.
    for (let tries = 0; ageLimitCease(bm) <= P + 30 && tries < 20; tries++) bm = this.birthMonthFor(P, age);
    if (ageLimitCease(bm) <= P + 30) {
      age = 24;
      bm = this.birthMonthFor(P, age);
    }
    const child = this.newChild('stock', bm);
    const startAge = this.d.startAgeUpTo[age]?.sample(rng) ?? 0;
    let start = firstOfMonth(bm + 12 * startAge + rng.range(1, 12)) + rng.range(0, 27);
    start = Math.max(validFrom(bm) + 30, Math.min(start, P - rng.range(1, 90)));
    let fromStatement = false;
    if (start < transferFrom + 140) {
      // Had a statement before EHC plans existed (or was being assessed for one): the plan
      // dates from the transfer.
      fromStatement = true;
      start = rng.range(Math.max(transferFrom, validFrom(bm)), Math.min(transferTo, P - 1));
    }
    const request = fromStatement ? null : this.pastRequest(child, start);
    this.newPlan(child, start, request, fromStatement);
  }

  /** The request behind a plan issued before the period (decided, issued). */
  private pastRequest(child: Child, start: number): Request {
    const { rng } = this;
    const y = yearOf(start);
    const onTime = rng.chance(this.flow(this.ctx.la.within20, y));
    const weeks = onTime ? rng.range(12, 20) : rng.range(21, 60);
    const received = Math.max(validFrom(child.birthMonth), start - weeks * 7 + rng.range(0, 6));
    const decisionDate = received + Math.min(rng.range(28, 42), Math.max(1, Math.floor((start - received) / 2)));
    const req: Request = {
      id: '', received, source: REQUEST_SOURCE[this.d.source.sample(rng)]?.[0] ?? 'PARENT', decision: 'AGREED', decisionDate,
      planDecision: 'ISSUED', planDecisionDate: start, exception: false,
    };
    child.requests.push(req);
    return req;
  }

  // --- requests, year by year ------------------------------------------------------
  /** Every request from the year before the period on; returns the plans they issued. */
  requestsYearByYear(): Plan[] {
    const refusedPool: { child: Child; at: number }[] = [];
    const issued: Plan[] = [];
    const requestYears = [this.firstYear - 1, ...this.ctx.years];
    this.timing = calibrateTiming(this.ctx, requestYears);
    for (const year of requestYears) {
      for (const received of this.requestDates(year)) this.request(received, year < this.firstYear, refusedPool, issued);
    }
    return issued;
  }

  /** The days requests were received in `year`, in order. */
  private requestDates(year: number): number[] {
    const { rng } = this;
    const n = Math.round(this.flow(this.ctx.la.requests, year) * this.ctx.scale);
    const dates: number[] = [];
    for (let i = 0; i < n; i++) {
      const m = this.d.month.sample(rng) + 1;
      dates.push(day(year, m, 1) + rng.int(daysInMonth(year, m)));
    }
    return dates.sort((a, b) => a - b);
  }

  private request(received: number, warmUp: boolean, refusedPool: { child: Child; at: number }[], issued: Plan[]): void {
    const { rng, X } = this;
    // A refused child asking again, or a new child of a published request age.
    let child: Child | undefined;
    if (!warmUp && rng.chance(RE_REQUEST_SHARE) && refusedPool.length > 0) {
      const k = rng.int(refusedPool.length);
      const cand = refusedPool[k];
      if (cand && received - cand.at >= 180 && ageAt(cand.child.birthMonth, received) <= 24 && cand.child.leftAt === null) {
        child = cand.child;
        refusedPool.splice(k, 1);
      }
    }
    const birthMonth = child?.birthMonth ?? this.birthMonthFor(received, this.d.requestAge.sample(rng));
    const outcome = this.decide(received, ageAt(birthMonth, received));
    // Requests decided before the period are not in the extract (their plans are in the stock).
    const finalDate = outcome.planDecisionDate ?? outcome.decisionDate;
    if (warmUp && finalDate !== null && finalDate < this.P) return;

    child ??= this.newChild('request', birthMonth);
    const req: Request = { id: '', received, source: REQUEST_SOURCE[this.d.source.sample(rng)]?.[0] ?? 'PARENT', ...outcome };
    const limit = ageLimitCease(birthMonth) - 90;
    const planDay = req.planDecision === 'PENDING' ? X + 1 : req.planDecisionDate;
    if (planDay !== null && planDay >= limit && req.decisionDate !== null && req.decisionDate + 1 <= X) {
      // The young person reaches the age limit first: the request is withdrawn, by then.
      req.planDecision = 'WITHDRAWN';
      req.planDecisionDate = Math.min(Math.max(req.decisionDate + 1, limit), X);
    }
    child.requests.push(req);
    if (req.decision === 'REFUSED' && req.decisionDate !== null) refusedPool.push({ child, at: req.decisionDate });
    if (req.planDecision === 'ISSUED' && req.planDecisionDate !== null) {
      issued.push(this.newPlan(child, req.planDecisionDate, req, false));
    }
  }

  /** Decisions for a request received on `received`, with the LA's rates for that year. */
  private decide(received: number, age: number): Decisions {
    const { rng, X, ctx } = this;
    const { la, england: eng } = ctx;
    const timing = this.timing as ReturnType<typeof calibrateTiming>;
    const y = yearOf(received);
    const dd = decisionDays(rng, this.flow(la.sixWeekShare, y));
    const decisionDate = received + dd;
    if (decisionDate > X) return { decision: 'PENDING', decisionDate: null, planDecision: null, planDecisionDate: null, exception: null };
    // DfE's refusal share is of all requests received, some still undecided: scale it up
    // to the decided ones. Older children are refused more often (England's odds by age).
    const decided = 1 - (timing.pending.get(y) ?? 0);
    const refuse = Math.min(0.95, (this.flow(la.refusedShare, y) / Math.max(decided, 0.5)) * (eng.refusalRel[age] ?? 1));
    const withdraw = this.flow(la.requestWithdrawnShare, y);
    const u = rng.next();
    if (u < refuse) return { decision: 'REFUSED', decisionDate, planDecision: null, planDecisionDate: null, exception: null };
    if (u < refuse + withdraw) return { decision: 'WITHDRAWN', decisionDate, planDecision: null, planDecisionDate: null, exception: null };
    return this.planDecision(received, dd, decisionDate);
  }

  /** The plan decision of an agreed assessment. */
  private planDecision(received: number, dd: number, decisionDate: number): Decisions {
    const { rng, X } = this;
    const { la } = this.ctx;
    const timing = this.timing as ReturnType<typeof calibrateTiming>;
    const y = yearOf(received);
    const exception = rng.chance(timing.exception(yearOf(received + 140)));
    const v = rng.next();
    const notIssued = this.flow(la.notIssuedShare, y);
    const withdrawn = this.flow(la.assessWithdrawnShare, y);
    let planDecision: Code<'plan_decision'>;
    let days: number;
    if (v < notIssued) {
      planDecision = 'NOT_ISSUED';
      days = rng.range(dd + 28, Math.max(dd + 28, 112));
    } else if (v < notIssued + withdrawn) {
      planDecision = 'WITHDRAWN';
      days = rng.range(dd + 14, dd + 200);
    } else {
      planDecision = 'ISSUED';
      days = issueDays(rng, timing, received, dd, exception);
    }
    const planDecisionDate = received + days;
    if (planDecisionDate > X) return { decision: 'AGREED', decisionDate, planDecision: 'PENDING', planDecisionDate: null, exception };
    return { decision: 'AGREED', decisionDate, planDecision, planDecisionDate, exception };
  }

  // --- stocks: ceases and moves in, year by year -----------------------------------
  /** Ceases (and moves in) so each January's stock is the published one; the stocks as simulated. */
  matchStocks(issued: Plan[]): number[] {
    const { ctx, X, P } = this;
    const bounds = [...ctx.years.map((y) => day(y, 1, 1)), X + 1];
    const targets = [...ctx.years.slice(1), (ctx.years.at(-1) ?? 0) + 1].map((y) => Math.round(this.plansJan(y) * ctx.scale));
    issued.sort((a, b) => a.start - b.start);
    let active = this.plans.filter((p) => p.start < P);
    let nextIssued = 0;
    const stocks = [active.length];
    for (let k = 0; k < ctx.years.length; k++) {
      const from = bounds[k] ?? P;
      const to = bounds[k + 1] ?? X + 1;
      const starting: Plan[] = [];
      while (nextIssued < issued.length && (issued[nextIssued]?.start ?? Infinity) < to) starting.push(issued[nextIssued++] as Plan);
      const pool = [...active, ...starting];
      const forced = this.ceaseAtAgeLimit(pool, to);
      let exits = pool.length - forced.size - (targets[k] ?? 0);
      const floor = Math.round(MIN_EXIT_RATE * active.length * ((to - from) / 365));
      const moving: Plan[] = [];
      if (exits < floor) {
        const n = floor - exits;
        exits = floor;
        for (let i = 0; i < n; i++) moving.push(this.moveIn(from, to));
      }
      this.ceaseWeighted(pool.filter((p) => !forced.has(p)), exits, from, to);
      active = [...pool, ...moving].filter((p) => p.end === null);
      stocks.push(active.length);
    }
    return stocks;
  }

  private cease(plan: Plan, date: number, reason: CeaseReason): void {
    plan.end = date;
    plan.reason = reason;
    const child = plan.child;
    if ((reason === 'MOVED_LA' || reason === 'MOVED_OUT_OF_ENGLAND' || reason === 'DECEASED')) child.leftAt = date;
  }

  /** Plans reaching the age limit before `to` cease then; returns them. */
  private ceaseAtAgeLimit(pool: Plan[], to: number): Set<Plan> {
    const forced = new Set<Plan>();
    for (const plan of pool) {
      const limit = ageLimitCease(plan.child.birthMonth);
      if (limit < to) {
        forced.add(plan);
        const age25 = this.d.reasonCat[25];
        const reason: CeaseReason = this.rng.chance(0.75) || !age25 ? 'AGE_LIMIT' : (REASONS[age25.sample(this.rng)] ?? 'AGE_LIMIT');
        this.cease(plan, Math.max(limit, plan.start + 1), reason);
      }
    }
    return forced;
  }

  /** `exits` plans of `candidates` cease between `from` and `to`, weighted by England's cease hazard by age. */
  private ceaseWeighted(candidates: Plan[], exits: number, from: number, to: number): void {
    const { rng, X } = this;
    const eng = this.ctx.england;
    // Weighted sampling without replacement (Efraimidis-Spirakis keys).
    const keyed = candidates
      .map((plan) => {
        const child = plan.child;
        const age = ageAt(child.birthMonth, Math.max(from, plan.start));
        const w = (eng.ceaseHazard[Math.min(age, 25)] ?? 0.02) * (plan.start >= from ? 0.2 : 1) + 1e-6;
        return { plan, child, key: Math.log(rng.next() + 1e-12) / w };
      })
      .sort((a, b) => b.key - a.key);
    let ceased = 0;
    for (const { plan, child } of keyed) {
      if (ceased >= exits) break;
      const lo = Math.max(from, plan.start + 56);
      const hi = Math.min(to - 1, ageLimitCease(child.birthMonth) - 1, X);
      if (lo > hi) continue;
      let date = rng.range(lo, hi);
      const year = yearOf(lo);
      if (ageAt(child.birthMonth, lo) >= 16 && rng.chance(0.55)) {
        // Young people mostly leave at the end of the academic year.
        const sLo = Math.max(lo, day(year, 7, 1));
        const sHi = Math.min(hi, day(year, 9, 30));
        if (sLo <= sHi) date = rng.range(sLo, sHi);
      }
      const reason = REASONS[this.d.reasonCat[Math.min(ageAt(child.birthMonth, date), 25)]?.sample(rng) ?? 1] ?? 'OTHER';
      this.cease(plan, date, reason);
      ceased++;
    }
  }

  private moveIn(from: number, to: number): Plan {
    const { rng, X } = this;
    let age = this.d.ageProfile.sample(rng);
    const start = rng.range(from, Math.min(to - 1, X));
    let bm = this.birthMonthFor(start, age);
    if (ageLimitCease(bm) <= start + 365) {
      age = Math.min(age, 22);
      bm = this.birthMonthFor(start, age);
    }
    const child = this.newChild('move_in', bm);
    return this.newPlan(child, Math.max(start, validFrom(bm)), null, false);
  }

  // --- plan attributes at their reference date (end, or the extract date) ----------
  planAttributes(): void {
    const { rng, d } = this;
    for (const plan of this.plans) {
      const child = plan.child;
      const ref = plan.end ?? this.X;
      const age = Math.min(Math.max(ageAt(child.birthMonth, ref), 0), 25);
      const sexIdx = child.sex === 'F' ? 0 : child.sex === 'M' ? 1 : 2;
      plan.need = d.needCat[age]?.[sexIdx]?.sample(rng) ?? 0;
      plan.need2 = rng.chance(SECONDARY_NEED_SHARE) ? (d.secondary[plan.need]?.sample(rng) ?? null) : null;
      const s = d.settingCat[age]?.[plan.need]?.sample(rng) ?? NO_SETTING;
      plan.setting = s === NO_SETTING ? null : s;
      const code = plan.setting === null ? undefined : SETTINGS[plan.setting];
      plan.inArea = code === undefined || code === 'EHE' || code === 'NEET' ? null : !rng.chance(OUT_OF_AREA[code] ?? 0.05);
      const need = NEEDS[plan.need] ?? 'OTH';
      child.continuingCare = rng.chance(CONTINUING_CARE[need] ?? CONTINUING_CARE_OTHER);
    }
  }

  // --- children known only through a children's needs assessment -------------------
  cnaOnlyChildren(): void {
    const { rng, ctx } = this;
    const yearsSpan = ctx.years.reduce((s, y) => s + this.plansJan(y), 0);
    const cnaOnly = ctx.targetChildren !== undefined
      ? Math.max(0, ctx.targetChildren - this.children.length)
      : Math.round(CNA_ONLY_PER_PLAN_YEAR * yearsSpan * ctx.scale);
    for (let i = 0; i < cnaOnly; i++) {
      const start = rng.range(this.P, this.X);
      const child = this.newChild('cna_only', this.birthMonthFor(start, rng.range(0, 17)), rng.chance(0.7));
      child.cnaStart = Math.max(start, validFrom(child.birthMonth));
      child.continuingCare = rng.chance(0.005);
    }
  }
}
