import { vocabularies, type Code } from '../../contract/vocabularies.ts';
import {
  APPEAL_ODDS, APPEAL_OUTCOME, BUDGET_AMOUNT, BUDGET_MECHANISM, BUDGET_NEED_FACTOR, CARE_CATEGORIES,
  CNA_BUDGET_SHARE, CNA_FOR_REQUEST_ONLY, CNA_RATE, CNA_RATE_OTHER, CONTINUING_CARE_PROVISION,
  CONTINUING_CARE_WITHOUT_SECTION_G, DELIVERY,
  DISABILITY_RECORDED, DISABILITY_RECORDED_OTHER, HEALTH_CATEGORIES, HEALTH_SECTION_SHARE, PFA, PROVISION,
  REVIEW_ON_TIME_OF_HELD, TRANSITION, type Category,
} from './assumptions.ts';
import { addMonths, day, iso, monthIso, yearOf } from './dates.ts';
import type { FaultInjector } from './faults.ts';
import type { IdSequence } from './ids.ts';
import { ageAt, birthday, seriesValue, validFrom, validTo, type Child, type LaContext, type Plan } from './model.ts';
import { ETHNIC_GROUPS, NEEDS, SETTINGS, type Need } from './params.ts';
import { Categorical, Rng } from './rng.ts';

// Phase B: everything about one child, written row by row as soon as it is known:
// the child, requests, plan, provision lines, annual reviews, needs assessments, personal
// budgets and appeals. Each child has its own random stream, so one child's rows do not
// depend on how many draws another child took.

export const CATEGORIES = vocabularies.provision_category;

export interface Ids {
  child: IdSequence;
  request: IdSequence;
  plan: IdSequence;
  provision: IdSequence;
  review: IdSequence;
  cna: IdSequence;
  budget: IdSequence;
  appeal: IdSequence;
  service: IdSequence;
  feedback: IdSequence;
}

/** Provision lines in plans active at the extract date, by category, for sizing the Local Offer. */
export type Demand = number[];

export const newDemand = (): Demand => CATEGORIES.map(() => 0);

interface Line {
  category: Category;
  section: Code<'provision_section'>;
  specified: number;
  start: number | null;
  end: number | null;
  hours: number | null;
}

interface Review {
  due: number;
  held: number | null;
  outcome: Code<'review_outcome'> | null;
  age: number;
}

interface Cna {
  type: Code<'assessment_type'>;
  start: number;
  completed: number | null;
  outcome: Code<'cna_outcome'>;
  disability: boolean;
  budget: number | null;
}

const money = (x: number): string => (Math.round(x * 100) / 100).toFixed(2);
const SPECIAL = new Set(['SPECIAL_MAINTAINED', 'SPECIAL_ACADEMY', 'SPECIAL_NON_MAINTAINED', 'SPECIAL_INDEPENDENT']);
const SCHOOL = new Set(['MAINSTREAM', 'RESOURCED_PROVISION', 'INDEPENDENT_MAINSTREAM', 'EARLY_YEARS']);
const POST16 = new Set(['FE_COLLEGE', 'POST16_OTHER', 'APPRENTICESHIP']);
const NOT_APPEALABLE_CEASE = new Set(['MOVED_LA', 'MOVED_OUT_OF_ENGLAND', 'DECEASED']);
const CEASE_AT_REVIEW = new Set(['NEEDS_MET', 'AGE_LIMIT', 'HIGHER_EDUCATION', 'EMPLOYMENT', 'ADULT_SERVICES', 'DISENGAGED', 'OTHER']);

export class ChildEmitter {
  private readonly budgetMeanFactor: number;
  private readonly elements: Categorical;
  private readonly mechanism = new Categorical(BUDGET_MECHANISM.map(([, w]) => w));
  private readonly appealOutcome = new Categorical(APPEAL_OUTCOME.map(([, w]) => w));
  private readonly amendShare: number;

  constructor(
    private readonly ctx: LaContext,
    private readonly out: FaultInjector,
    private readonly ids: Ids,
    readonly demand: Demand,
  ) {
    const pb = ctx.la.personalBudgets;
    this.elements = new Categorical([pb.education, pb.health, pb.social, pb.integrated]);
    this.budgetMeanFactor = NEEDS.reduce((s, n, i) => s + (ctx.la.needMix[i] ?? 0) * (BUDGET_NEED_FACTOR[n] ?? 0.8), 0);
    const r = ctx.la.reviews;
    this.amendShare = r.amend + r.maintain > 0 ? r.amend / (r.amend + r.maintain) : 0.5;
  }

  emit(child: Child): void {
    const { ctx, out } = this;
    const rng = Rng.of(ctx.seed, ctx.laCode, 'child', child.idx);
    out.emit('children', {
      child_id: child.id,
      birth_month: monthIso(child.birthMonth),
      sex: child.sex,
      ethnic_group: ETHNIC_GROUPS[child.ethnicity],
      la_code: ctx.laCode,
      locality: ctx.localities[child.locality]?.name,
      lsoa_code: child.lsoa,
      continuing_care: child.continuingCare,
    });

    for (const r of [...child.requests].sort((a, b) => a.received - b.received)) {
      r.id = this.ids.request.next();
      out.emit('ehc_requests', {
        request_id: r.id,
        child_id: child.id,
        received_date: iso(r.received),
        source: r.source,
        assessment_decision: r.decision,
        assessment_decision_date: r.decisionDate === null ? null : iso(r.decisionDate),
        plan_decision: r.planDecision,
        plan_decision_date: r.planDecisionDate === null ? null : iso(r.planDecisionDate),
        week20_exception: r.exception,
      }, r.planDecision !== 'ISSUED');
    }

    let lines: Line[] = [];
    const plan = child.plan;
    if (plan) {
      plan.id = this.ids.plan.next();
      const salted = out.emit('ehc_plans', {
        plan_id: plan.id,
        child_id: child.id,
        request_id: plan.request?.id,
        start_date: iso(plan.start),
        end_date: plan.end === null ? null : iso(plan.end),
        cease_reason: plan.reason === 'NOT_RECORDED' ? null : plan.reason,
        primary_need: NEEDS[plan.need],
        secondary_need: plan.need2 === null ? null : NEEDS[plan.need2],
        setting_type: plan.setting === null ? null : SETTINGS[plan.setting],
        setting_in_area: plan.inArea,
        from_statement: plan.fromStatement,
      }) !== null;
      // A salted plan is rejected at ingest: give it no dependent rows to orphan.
      if (!salted) {
        const reviews = this.reviews(child, plan, rng);
        lines = this.provision(child, plan, reviews, rng);
        this.writeProvision(plan, lines);
        this.writeReviews(plan, reviews, rng);
        this.planBudgets(child, plan, rng);
      }
    }

    const cnas = this.assessments(child, lines, rng);
    cnas.sort((a, b) => a.start - b.start);
    for (const c of cnas) {
      out.emit('child_needs_assessments', {
        assessment_id: this.ids.cna.next(),
        child_id: child.id,
        assessment_type: c.type,
        start_date: iso(c.start),
        completed_date: c.completed === null ? null : iso(c.completed),
        outcome: c.outcome,
        disability: c.disability,
        indicative_budget: c.budget === null ? null : money(c.budget),
      });
    }
    if (!plan) this.cnaBudgets(child, cnas, rng);
    this.appeals(child, rng);
  }

  // --- provision -------------------------------------------------------------------

  private lineProbabilities(child: Child, plan: Plan): number[] {
    const need = NEEDS[plan.need] as Need;
    const need2 = plan.need2 === null ? null : (NEEDS[plan.need2] as Need);
    const setting = plan.setting === null ? '' : (SETTINGS[plan.setting] ?? '');
    const age = ageAt(child.birthMonth, plan.start);
    return CATEGORIES.map((c) => {
      const rule = PROVISION[c];
      let p = rule.need?.[need] ?? rule.base;
      if (need2) p += 0.5 * (rule.need?.[need2] ?? 0);
      if (c === 'TEACHING_ASSISTANT') {
        p *= SCHOOL.has(setting) ? 1.4 : SPECIAL.has(setting) ? 0.5 : POST16.has(setting) ? 0.4 : setting === 'EHE' || setting === 'NEET' ? 0.1 : 1;
      }
      if (c === 'TRANSPORT' && SPECIAL.has(setting)) p = 0.45;
      if (c === 'SALT' && age >= 16) p *= 0.6;
      if (child.continuingCare) p = Math.max(p, CONTINUING_CARE_PROVISION[c] ?? 0);
      return Math.min(p, 0.95);
    });
  }

  private line(child: Child, plan: Plan, category: Category, specified: number, rng: Rng): Line {
    const { extractDate: X } = this.ctx;
    const age = ageAt(child.birthMonth, specified);
    let section: Code<'provision_section'>;
    const healthShare = HEALTH_SECTION_SHARE[category];
    if (healthShare !== undefined) section = rng.chance(healthShare) ? 'G' : category === 'EQUIPMENT' ? (age < 18 ? 'H1' : 'H2') : 'F';
    else if (HEALTH_CATEGORIES.includes(category)) section = 'G';
    else if (CARE_CATEGORIES.includes(category)) section = age < 18 && rng.chance(0.85) ? 'H1' : 'H2';
    else section = 'F';

    const d = DELIVERY[category];
    const wait = section === 'F' ? rng.range(0, d.waitWeeks * 7 + 7) : Math.round(rng.logNormal(d.waitWeeks * 7, 0.5));
    let start: number | null = specified + wait;
    if (rng.chance(d.neverStarts) || start > X || (plan.end !== null && start >= plan.end)) start = null;
    const hours = d.hours ? rng.range(d.hours[0], d.hours[1]) : null;
    return { category, section, specified, start, end: start === null ? null : plan.end, hours };
  }

  private provision(child: Child, plan: Plan, reviews: Review[], rng: Rng): Line[] {
    const probs = this.lineProbabilities(child, plan);
    const lines: Line[] = [];
    CATEGORIES.forEach((c, i) => {
      if (rng.chance(probs[i] ?? 0)) lines.push(this.line(child, plan, c, plan.start, rng));
    });
    if (child.continuingCare && rng.chance(CONTINUING_CARE_WITHOUT_SECTION_G)) {
      // A known weakness of plans: the health section left out for children with a care package.
      for (let i = lines.length - 1; i >= 0; i--) if (lines[i]?.section === 'G') lines.splice(i, 1);
    }
    if (lines.length === 0) lines.push(this.line(child, plan, rng.chance(0.6) ? 'TEACHING_ASSISTANT' : 'SPECIALIST_TEACHING', plan.start, rng));

    // Amended plans: new lines written in a few weeks after the review; some lines stop.
    const pick = new Categorical(probs.map((p) => p + 0.01));
    for (const r of reviews) {
      if (r.outcome !== 'AMEND' || r.held === null) continue;
      const amended = r.held + rng.range(14, 70);
      if (amended > this.ctx.extractDate || (plan.end !== null && amended >= plan.end)) continue;
      if (rng.chance(0.45)) lines.push(this.line(child, plan, CATEGORIES[pick.sample(rng)] as Category, amended, rng));
      if (rng.chance(0.25)) {
        const running = lines.filter((l) => l.start !== null && l.start < amended && (l.end === null || l.end > amended));
        if (running.length) rng.pick(running).end = amended;
      }
    }
    return lines;
  }

  private writeProvision(plan: Plan, lines: Line[]): void {
    const { ctx, demand } = this;
    const activeAtExtract = plan.end === null;
    for (const l of lines.sort((a, b) => a.specified - b.specified)) {
      this.out.emit('ehc_provision', {
        provision_id: this.ids.provision.next(),
        plan_id: plan.id,
        section: l.section,
        category: l.category,
        commissioner: l.section === 'G' ? ctx.icbCode : ctx.laCode,
        specified_date: iso(l.specified),
        start_date: l.start === null ? null : iso(l.start),
        end_date: l.end === null ? null : iso(l.end),
        hours_per_year: l.hours,
      });
      if (activeAtExtract && l.end === null) demand[CATEGORIES.indexOf(l.category)]! += 1;
    }
  }

  // --- annual reviews ----------------------------------------------------------------

  private reviews(child: Child, plan: Plan, rng: Rng): Review[] {
    const { extractDate: X, periodStart: P } = this.ctx;
    const held = this.ctx.la.reviews.heldShare;
    const out: Review[] = [];
    const last = Math.min(plan.end === null ? X : plan.end - 1, X);
    let due = addMonths(plan.start, 12);
    // Reviews due before the period are not in the extract; assume they were on time.
    while (due < P) due = addMonths(due, 12);
    while (due <= last) {
      const u = rng.next();
      let date: number | null = u < held * REVIEW_ON_TIME_OF_HELD ? due - rng.range(0, 28) : u < held ? due + rng.range(1, 120) : null;
      if (date !== null && (date > X || (plan.end !== null && date >= plan.end))) date = null;
      let outcome: Code<'review_outcome'> | null = null;
      if (date !== null) {
        outcome = X - date < 42 && rng.chance(0.5) ? 'PENDING' : rng.chance(this.amendShare) ? 'AMEND' : 'MAINTAIN';
      }
      out.push({ due, held: date, outcome, age: ageAt(child.birthMonth, due) });
      due = addMonths(date ?? due, 12);
    }
    // A plan that ceased after a review: that review decided to cease it.
    if (plan.end !== null && plan.reason !== null && CEASE_AT_REVIEW.has(plan.reason)) {
      const final = [...out].reverse().find((r) => r.held !== null);
      if (final?.held != null && plan.end - final.held <= 240) final.outcome = 'CEASE';
    }
    return out;
  }

  private writeReviews(plan: Plan, reviews: Review[], rng: Rng): void {
    for (const r of reviews) {
      const pfa = r.held !== null && r.age >= 14;
      const band = r.age >= 18 ? 2 : r.age >= 16 ? 1 : 0;
      this.out.emit('annual_reviews', {
        review_id: this.ids.review.next(),
        plan_id: plan.id,
        due_date: iso(r.due),
        held_date: r.held === null ? null : iso(r.held),
        outcome: r.outcome,
        pfa_employment: pfa ? rng.chance(PFA.employment[band] ?? 0) : null,
        pfa_independent_living: pfa ? rng.chance(PFA.independentLiving[band] ?? 0) : null,
        pfa_community: pfa ? rng.chance(PFA.community[band] ?? 0) : null,
        pfa_health: pfa ? rng.chance(PFA.health[band] ?? 0) : null,
      });
    }
  }

  // --- children's needs assessments ----------------------------------------------------

  private assessment(child: Child, type: Code<'assessment_type'>, start: number, disabilityP: number, rng: Rng): Cna {
    const { extractDate: X } = this.ctx;
    const transition = type === 'CARE_ACT_TRANSITION';
    let completed: number | null = start + (transition ? rng.range(28, 120) : rng.range(10, 63));
    if (child.leftAt !== null && completed > child.leftAt) completed = child.leftAt;
    if (completed > X || completed > validTo(child.birthMonth)) completed = null;
    let outcome: Code<'cna_outcome'> = 'ONGOING';
    if (completed !== null) {
      const u = rng.next();
      const services = transition ? 0.7 : type === 'SHORT_BREAKS' ? 0.7 : 0.5;
      outcome = u < services ? 'SERVICES_PROVIDED' : u < services + (1 - services) / 2 ? 'NO_FURTHER_ACTION' : 'REFERRED_ELSEWHERE';
    }
    const budgetP = outcome !== 'SERVICES_PROVIDED' ? 0 : transition ? 0.65 : type === 'SHORT_BREAKS' ? 0.7 : 0.2;
    const budget = rng.chance(budgetP) ? rng.logNormal(transition ? 16000 : 4500, 0.6) : null;
    return { type, start, completed, outcome, disability: rng.chance(disabilityP), budget };
  }

  private assessments(child: Child, lines: Line[], rng: Rng): Cna[] {
    const { ctx } = this;
    const X = ctx.extractDate;
    const out: Cna[] = [];
    const plan = child.plan;
    const need = plan ? (NEEDS[plan.need] as Need) : null;
    const disabilityP = need ? (DISABILITY_RECORDED[need] ?? DISABILITY_RECORDED_OTHER) : 0.6;
    const b18 = birthday(child.birthMonth, 18);
    const lastDay = Math.min(X, b18 - 1, child.leftAt ?? Infinity);
    const firstDay = Math.max(ctx.periodStart, validFrom(child.birthMonth));
    const shortBreaks = need === 'PMLD' || need === 'SLD' || need === 'PD' ? 0.55 : 0.35;

    if (plan && need) {
      const rate = (CNA_RATE[need] ?? CNA_RATE_OTHER) * (child.continuingCare ? 1.5 : 1);
      for (const year of ctx.years) {
        const lo = Math.max(day(year, 1, 1), firstDay, plan.start - 180);
        const hi = Math.min(day(year, 12, 31), lastDay, plan.end ?? Infinity);
        if (lo > hi || !rng.chance(rate)) continue;
        out.push(this.assessment(child, rng.chance(shortBreaks) ? 'SHORT_BREAKS' : 'CHILD_IN_NEED', rng.range(lo, hi), disabilityP, rng));
      }
      // Care Act transition assessments for young people with social care in their plan.
      const since = b18 - 183;
      const care = lines.some((l) => (l.section === 'H1' || l.section === 'H2') && l.specified < b18);
      const activeAt = plan.start <= since && (plan.end === null || plan.end > since);
      if (care && activeAt && b18 >= ctx.periodStart - 365 && b18 <= X + 365) {
        const u = rng.next();
        const start = u < TRANSITION.before ? rng.range(b18 - 365, b18 - 14)
          : u < TRANSITION.before + TRANSITION.after ? rng.range(b18 + 45, b18 + 270) : null;
        if (start !== null && start <= X && start <= (child.leftAt ?? Infinity) && (plan.end === null || start <= plan.end + 60)) {
          out.push(this.assessment(child, 'CARE_ACT_TRANSITION', start, 0.92, rng));
        }
      }
    } else if (child.kind === 'cna_only' && child.cnaStart !== null) {
      out.push(this.assessment(child, rng.chance(0.45) ? 'SHORT_BREAKS' : 'CHILD_IN_NEED', child.cnaStart, 0.6, rng));
      const again = child.cnaStart + rng.range(180, 900);
      if (rng.chance(0.3) && again <= lastDay) out.push(this.assessment(child, rng.chance(0.5) ? 'SHORT_BREAKS' : 'CHILD_IN_NEED', again, 0.6, rng));
    } else if (child.requests.length && rng.chance(CNA_FOR_REQUEST_ONLY)) {
      const around = child.requests[0]?.received ?? X;
      const lo = Math.max(firstDay, around - 365);
      const hi = Math.min(lastDay, around + 365);
      if (lo <= hi) out.push(this.assessment(child, rng.chance(0.4) ? 'SHORT_BREAKS' : 'CHILD_IN_NEED', rng.range(lo, hi), 0.5, rng));
    }
    return out;
  }

  // --- personal budgets ----------------------------------------------------------------

  private budgetRow(child: Child, planId: string | null, element: Code<'budget_element'>, mechanism: Code<'budget_mechanism'>,
    amount: number, start: number, end: number | null, phb: boolean): void {
    this.out.emit('personal_budgets', {
      budget_id: this.ids.budget.next(),
      child_id: child.id,
      plan_id: planId,
      element,
      mechanism,
      annual_amount: money(amount),
      start_date: iso(start),
      end_date: end === null ? null : iso(end),
      personal_health_budget: phb,
    });
  }

  private planBudgets(child: Child, plan: Plan, rng: Rng): void {
    const { ctx } = this;
    const pb = ctx.la.personalBudgets;
    const need = NEEDS[plan.need] as Need;
    const p = Math.min(0.9, (pb.takeUp * (BUDGET_NEED_FACTOR[need] ?? 0.8)) / Math.max(this.budgetMeanFactor, 1e-6));
    if (!rng.chance(p)) return;
    const all: Code<'budget_element'>[] = ['EDUCATION', 'HEALTH', 'SOCIAL_CARE'];
    const kind = this.elements.sample(rng);
    const elements = kind < 3 ? [all[kind] as Code<'budget_element'>] : rng.shuffle([...all]).slice(0, rng.chance(0.25) ? 3 : 2);
    const organised = rng.chance(pb.organised);
    const start = plan.start + rng.range(0, 240);
    if (start > ctx.extractDate || (plan.end !== null && start >= plan.end)) return;
    let end = plan.end;
    if (end === null && rng.chance(0.08)) {
      const stop = start + rng.range(180, 700);
      if (stop <= ctx.extractDate) end = stop;
    }
    for (const element of elements.sort()) {
      const [median, sigma] = BUDGET_AMOUNT[element];
      const mechanism = organised ? 'ORGANISED_ARRANGEMENT' : (BUDGET_MECHANISM[this.mechanism.sample(rng)]?.[0] ?? 'DIRECT_PAYMENT');
      this.budgetRow(child, plan.id, element, mechanism, rng.logNormal(median, sigma), start, end, element === 'HEALTH' && rng.chance(0.9));
    }
  }

  /** Social care budgets from an assessment, for children without a plan. */
  private cnaBudgets(child: Child, cnas: Cna[], rng: Rng): void {
    const X = this.ctx.extractDate;
    for (const c of cnas) {
      if (c.outcome !== 'SERVICES_PROVIDED' || c.budget === null || c.completed === null || !rng.chance(CNA_BUDGET_SHARE)) continue;
      const start = c.completed + rng.range(14, 60);
      if (start > X || start > validTo(child.birthMonth)) continue;
      const stop = start + rng.range(200, 500);
      const end = rng.chance(0.3) && stop <= X ? stop : null;
      const u = rng.next();
      const mechanism = u < 0.8 ? 'DIRECT_PAYMENT' : u < 0.9 ? 'THIRD_PARTY' : 'ORGANISED_ARRANGEMENT';
      this.budgetRow(child, null, 'SOCIAL_CARE', mechanism, c.budget * rng.uniform(0.85, 1.1), start, end, false);
    }
  }

  // --- tribunal appeals ------------------------------------------------------------------

  private appeals(child: Child, rng: Rng): void {
    const { ctx } = this;
    const X = ctx.extractDate;
    const decisions: [Code<'appeal_type'>, number][] = [];
    for (const r of child.requests) {
      if (r.decision === 'REFUSED' && r.decisionDate !== null) decisions.push(['REFUSAL_TO_ASSESS', r.decisionDate]);
      if (r.planDecision === 'NOT_ISSUED' && r.planDecisionDate !== null) decisions.push(['REFUSAL_TO_ISSUE', r.planDecisionDate]);
    }
    const plan = child.plan;
    if (plan && !plan.fromStatement) decisions.push(['PLAN_CONTENT', plan.start]);
    if (plan?.end != null && plan.reason !== null && !NOT_APPEALABLE_CEASE.has(plan.reason)) decisions.push(['CEASE_TO_MAINTAIN', plan.end]);
    for (const [type, date] of decisions.sort((a, b) => a[1] - b[1])) {
      if (date < ctx.periodStart - 60) continue;
      const rate = seriesValue(ctx.la.appealRate, ctx.flowYears, yearOf(date));
      if (!rng.chance(rate * APPEAL_ODDS[type])) continue;
      const registered = date + rng.range(21, 70);
      if (registered > X || registered > validTo(child.birthMonth) || registered > (child.leftAt ?? Infinity)) continue;
      const outcome = X - registered < 200 && rng.chance(0.75) ? 'PENDING' : (APPEAL_OUTCOME[this.appealOutcome.sample(rng)]?.[0] ?? 'UPHELD');
      this.out.emit('tribunal_appeals', {
        appeal_id: this.ids.appeal.next(),
        child_id: child.id,
        registered_date: iso(registered),
        appeal_type: type,
        outcome,
      });
    }
  }
}
