import { Checker } from './checker.ts';
import { assessmentOutcome, ceaseReason, ethnicity, requestOutcome, senSetting, senType, sexCode } from './codes.ts';
import type { FileContext, PlanFacts, ReturnsCollector, Row } from './collector.ts';
import type { Establishments } from './establishments.ts';
import { childPseudonym, normaliseName, validUln, validUpn, type LocalityLookup } from './pseudonymise.ts';
import { childNode, childNodes, type XmlNode } from './xml-reader.ts';

// One SEN2 <Person> → children, ehc_requests, ehc_plans and personal_budgets rows
// (docs/sen2-cin-mapping.md). Identifiers are read here and never leave this function.

export interface ReadContext {
  key: Buffer;
  localities: LocalityLookup;
  establishments: Establishments;
  out: ReturnsCollector;
}

const compactDate = (date: string): string => date.replaceAll('-', '');

const personIdentifiers = ['Surname', 'Forename', 'PersonBirthDate', 'PostCode', 'Postcode', 'UPN', 'UniqueLearnerNumber'];

export function readSen2Person(file: FileContext, person: XmlNode, ctx: ReadContext): void {
  ctx.out.beginRecord(personIdentifiers.map((name) => childNode(person, name)?.text ?? ''));
  const check = new Checker(person);
  const upn = check.text('UPN').toUpperCase();
  const uln = check.text('UniqueLearnerNumber');
  const birth = check.date('PersonBirthDate', true);
  if (upn && !validUpn(upn)) check.flag('UPN', 'UPN is not a valid UPN (format or check letter)');
  if (uln && !validUln(uln)) check.flag('UniqueLearnerNumber', 'UniqueLearnerNumber is not 10 digits');
  const sexElement = childNode(person, 'Sex') ? 'Sex' : 'GenderCurrent';
  const sex = check.code(sexElement, sexCode);
  const ethnic = check.code('Ethnicity', ethnicity);
  const childId = childPseudonym(ctx.key, {
    upn: validUpn(upn) ? upn : '', uln: validUln(uln) ? uln : '', laChildId: '',
    nameAndBirth: normaliseName(check.text('Forename'), check.text('Surname'), birth ?? ''),
  });
  if (!childId) check.flag(null, 'no UPN, ULN, or forename, surname and birth date to link the person by');
  if (check.problem || !childId || !birth) return ctx.out.reject(file, person, check.problem ?? { element: null, reason: 'unreadable person' });
  const row: Row = {
    child_id: childId, birth_month: birth.slice(0, 7), sex, ethnic_group: ethnic, la_code: file.laCode,
    locality: ctx.localities.localityOf(check.text('PostCode') || check.text('Postcode')), lsoa_code: null, continuing_care: null,
  };
  // A person repeated (here or in a later return) is not loaded twice, but each of their
  // requests is still read: it may be one the later return no longer holds.
  if (ctx.out.put(file, person, 'children', childId, row, false)) ctx.out.loaded(file, 'Person');
  for (const request of requestNodes(person)) readRequest(file, request, childId, ctx);
}

/** <Requests> repeats once per request (a <Request> wrapper inside is read too). */
function requestNodes(person: XmlNode): XmlNode[] {
  return person.children.flatMap((c) => {
    if (c.name === 'Request') return [c];
    if (c.name !== 'Requests') return [];
    const inner = childNodes(c, 'Request');
    return inner.length > 0 ? inner : [c];
  });
}

function readRequest(file: FileContext, request: XmlNode, childId: string, ctx: ReadContext): void {
  const check = new Checker(request);
  const received = check.date('ReceivedDate', true);
  const decision = check.code('RequestOutcome', requestOutcome);
  const decisionDate = check.date('RequestOutcomeDate');
  check.order('ReceivedDate', received, 'RequestOutcomeDate', decisionDate);
  if (check.problem || !received) return ctx.out.reject(file, request, check.problem ?? { element: null, reason: 'no ReceivedDate' });
  const requestId = `${childId}r${compactDate(received)}`;
  if (!ctx.out.claim(file, request, 'ehc_requests', requestId)) return harvestPlanFacts(file, request, `${requestId}p`, ctx);
  const [assessment, ...extra] = childNodes(request, 'Assessment');
  const outcome = assessment ? readAssessment(file, assessment, decisionDate ?? received, ctx) : null;
  const row: Row = {
    request_id: requestId, child_id: childId, received_date: received, source: null,
    assessment_decision: decision ?? 'PENDING', assessment_decision_date: decisionDate,
    plan_decision: outcome ? (outcome.decision ?? 'PENDING') : decision === 'AGREED' ? 'PENDING' : null,
    plan_decision_date: outcome?.date ?? null,
    week20_exception: outcome?.week20 === null || outcome === null ? null : String(outcome.week20),
  };
  if (assessment && !outcome) {
    // The assessment was quarantined: the request still counts, its plan stage is unknown.
    row.plan_decision = null;
  }
  // A plan transferred in from another LA (TransferLA) hangs under a request this LA never received:
  // the plan is loaded, the request is not counted as one of this LA's.
  const transferredIn = childNodes(request, 'ActivePlans').some((a) => (childNode(a, 'TransferLA')?.text.trim() ?? '') !== '');
  if (!transferredIn) ctx.out.set(file, 'ehc_requests', requestId, row);
  ctx.out.loaded(file, request.name);
  for (const e of extra) ctx.out.reject(file, e, { element: null, reason: 'a request has one EHC needs assessment: this second one is ignored' });
  if (!assessment || !outcome) {
    for (const active of childNodes(request, 'ActivePlans')) ctx.out.reject(file, active, { element: null, reason: 'active plan of a request with no loaded named plan' });
    return;
  }
  ctx.out.loaded(file, 'Assessment');
  const planNode = childNode(assessment, 'NamedPlan');
  if (planNode) readNamedPlan(file, planNode, { childId, requestId: transferredIn ? null : requestId, planId: `${requestId}p`, request }, ctx);
  else for (const active of childNodes(request, 'ActivePlans')) ctx.out.reject(file, active, { element: null, reason: 'active plan of a request with no named plan' });
}

interface AssessmentOutcome {
  decision: string | null;
  date: string | null;
  week20: boolean | null;
}

function readAssessment(file: FileContext, assessment: XmlNode, notBefore: string, ctx: ReadContext): AssessmentOutcome | null {
  const check = new Checker(assessment);
  const decision = check.code('AssessmentOutcome', assessmentOutcome);
  const date = check.date('AssessmentOutcomeDate');
  const week20 = check.bool('Week20');
  check.order('RequestOutcomeDate', notBefore, 'AssessmentOutcomeDate', date);
  if (check.problem) {
    ctx.out.reject(file, assessment, check.problem);
    return null;
  }
  return { decision, date, week20 };
}

interface PlanOwner {
  childId: string;
  /** Null for a plan transferred in from another LA. */
  requestId: string | null;
  planId: string;
  request: XmlNode;
}

function readNamedPlan(file: FileContext, plan: XmlNode, owner: PlanOwner, ctx: ReadContext): void {
  const check = new Checker(plan);
  const start = check.date('StartDate', true);
  const cease = check.date('CeaseDate');
  const reason = check.code('CeaseReason', ceaseReason);
  const pb = check.bool('PB');
  const dp = check.bool('DP');
  const oa = check.bool('OA') ?? check.bool('OPA');
  check.order('StartDate', start, 'CeaseDate', cease);
  const planId = owner.planId;
  if (check.problem || !start || !ctx.out.claim(file, plan, 'ehc_plans', planId)) {
    if (check.problem || !start) ctx.out.reject(file, plan, check.problem ?? { element: null, reason: 'no StartDate' });
    for (const active of childNodes(owner.request, 'ActivePlans')) ctx.out.reject(file, active, { element: null, reason: 'active plan of a rejected named plan' });
    return;
  }
  const details = childNodes(plan, 'PlanDetail').map((d) => readPlacement(file, d, ctx)).filter((p) => p !== null);
  const active = readActivePlans(file, owner.request, ctx);
  const placement = chooseSetting(active.placements.length > 0 ? active.placements : details);
  const row: Row = {
    plan_id: planId, child_id: owner.childId, request_id: owner.requestId, start_date: start, end_date: cease,
    cease_reason: reason, primary_need: active.needs[0] ?? null, secondary_need: active.needs[1] ?? null,
    setting_type: placement?.settingType ?? null,
    setting_in_area: placement?.laCode ? String(placement.laCode === file.laCode) : null,
    from_statement: null,
  };
  ctx.out.set(file, 'ehc_plans', planId, row);
  ctx.out.loaded(file, 'NamedPlan');
  rememberPlanFacts(ctx, planId, { needs: active.needs, settingType: row.setting_type ?? null, inArea: row.setting_in_area ?? null });
  if (pb) {
    const mechanism = dp && oa ? 'COMBINATION' : dp ? 'DIRECT_PAYMENT' : oa ? 'ORGANISED_ARRANGEMENT' : 'THIRD_PARTY';
    ctx.out.tables.get('personal_budgets')?.set(planId, {
      fileName: file.fileName,
      row: { budget_id: `${planId}b`, child_id: owner.childId, plan_id: planId, element: 'EDUCATION', mechanism, annual_amount: null, start_date: start, end_date: cease, personal_health_budget: null },
    });
  }
}

interface Placement {
  settingType: string | null;
  laCode: string | null;
  rank: number;
  entry: string | null;
  leaving: string | null;
}

/** A PlanDetail or PlacementDetail: URN/UKPRN through the establishments lookup, else SENSetting. */
function readPlacement(file: FileContext, node: XmlNode, ctx: ReadContext): Placement | null {
  const check = new Checker(node);
  const urn = check.text('URN') || check.text('UKPRN');
  const coded = check.code(childNode(node, 'SENSetting') ? 'SENSetting' : 'SENsetting', senSetting);
  const rank = check.integer('PlacementRank', 1, 99) ?? 1;
  const entry = check.date('EntryDate');
  const leaving = check.date('LeavingDate');
  check.order('EntryDate', entry, 'LeavingDate', leaving);
  if (!urn && !coded && !check.problem) check.flag('URN', 'neither a URN, a UKPRN nor a SENSetting');
  if (check.problem) {
    ctx.out.reject(file, node, check.problem);
    return null;
  }
  ctx.out.loaded(file, node.name);
  const known = urn ? ctx.establishments.lookup(urn) : null;
  return { settingType: known?.settingType ?? coded, laCode: known?.laCode ?? null, rank, entry, leaving };
}

/** The current placement: rank 1 first, then one not left, then the latest entry. */
function chooseSetting(placements: Placement[]): Placement | undefined {
  return [...placements].sort((a, b) =>
    a.rank - b.rank || Number(a.leaving !== null) - Number(b.leaving !== null) || (b.entry ?? '').localeCompare(a.entry ?? ''),
  )[0];
}

function readActivePlans(file: FileContext, request: XmlNode, ctx: ReadContext): { placements: Placement[]; needs: string[] } {
  const placements: Placement[] = [];
  const ranked: { rank: number; need: string }[] = [];
  for (const active of childNodes(request, 'ActivePlans')) {
    const check = new Checker(active);
    check.date('LastReview');
    if (check.problem) {
      ctx.out.reject(file, active, check.problem);
      continue;
    }
    ctx.out.loaded(file, 'ActivePlans');
    for (const d of childNodes(active, 'PlacementDetail')) {
      const p = readPlacement(file, d, ctx);
      if (p) placements.push(p);
    }
    for (const n of childNodes(active, 'SENneed')) {
      const c = new Checker(n);
      const need = c.code('SENtype', senType, true);
      const rank = c.integer('SENtypeRank', 1, 99);
      if (c.problem || !need) ctx.out.reject(file, n, c.problem ?? { element: 'SENtype', reason: 'no SENtype' });
      else {
        ctx.out.loaded(file, 'SENneed');
        ranked.push({ rank: rank ?? 99, need });
      }
    }
  }
  const needs = ranked.sort((a, b) => a.rank - b.rank).map((r) => r.need);
  return { placements, needs: needs.filter((n, i) => needs.indexOf(n) === i) };
}


function rememberPlanFacts(ctx: ReadContext, planId: string, facts: PlanFacts): void {
  const held = ctx.out.planFacts.get(planId);
  if (!held) ctx.out.planFacts.set(planId, facts);
  else {
    if (held.needs.length === 0) held.needs = facts.needs;
    held.settingType ??= facts.settingType;
    held.inArea ??= facts.inArea;
  }
}

/** An older return's copy of a request (not loaded, already counted as a duplicate): only its plan's need and setting are kept. */
function harvestPlanFacts(file: FileContext, request: XmlNode, planId: string, ctx: ReadContext): void {
  const needs: { rank: number; need: string }[] = [];
  let placement: { settingType: string | null; laCode: string | null } | null = null;
  for (const active of childNodes(request, 'ActivePlans')) {
    for (const n of childNodes(active, 'SENneed')) {
      const need = senType[(childNode(n, 'SENtype')?.text ?? '').trim().toUpperCase()];
      if (need) needs.push({ rank: Number(childNode(n, 'SENtypeRank')?.text ?? 99) || 99, need });
    }
    for (const d of childNodes(active, 'PlacementDetail')) {
      if (placement || childNode(d, 'LeavingDate')) continue;
      const urn = (childNode(d, 'URN')?.text ?? childNode(d, 'UKPRN')?.text ?? '').trim();
      const known = urn ? ctx.establishments.lookup(urn) : null;
      const coded = senSetting[(childNode(d, 'SENSetting')?.text ?? '').trim().toUpperCase()] ?? null;
      placement = { settingType: known?.settingType ?? coded, laCode: known?.laCode ?? null };
    }
  }
  const ordered = needs.sort((a, b) => a.rank - b.rank).map((n) => n.need);
  rememberPlanFacts(ctx, planId, {
    needs: ordered.filter((n, i) => ordered.indexOf(n) === i),
    settingType: placement?.settingType ?? null,
    inArea: placement?.laCode ? String(placement.laCode === file.laCode) : null,
  });
}
