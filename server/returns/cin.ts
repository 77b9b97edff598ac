import { Checker, quotable } from './checker.ts';
import { cinClosureReasons, cinDisability, closedNoFurtherAction, ethnicity, sexCode } from './codes.ts';
import type { FileContext, Row } from './collector.ts';
import { childPseudonym, validUpn } from './pseudonymise.ts';
import type { ReadContext } from './sen2.ts';
import { childNode, childNodes, type XmlNode } from './xml-reader.ts';

// One CIN census <Child> → a children row (merged with SEN2's by child_id) and a
// child_needs_assessments row per assessment (docs/sen2-cin-mapping.md). CIN plans, section 47
// enquiries and child protection plans are checked and counted; the contract has no table for them.

const compactDate = (date: string): string => date.replaceAll('-', '');
const asCodes = (values: Record<string, string>): Record<string, string> => values;

export function readCinChild(file: FileContext, child: XmlNode, ctx: ReadContext): void {
  const ids = childNode(child, 'ChildIdentifiers') ?? child;
  ctx.out.beginRecord(['LAchildID', 'UPN', 'FormerUPN', 'PersonBirthDate', 'ExpectedPersonBirthDate'].map((name) => childNode(ids, name)?.text ?? ''));
  const check = new Checker(ids);
  const upn = check.text('UPN').toUpperCase();
  const laChildId = check.text('LAchildID');
  const birth = check.date('PersonBirthDate');
  if (!birth && !check.problem) check.flag('PersonBirthDate', 'PersonBirthDate is missing (an unborn child is not read)');
  if (upn && !validUpn(upn)) check.flag('UPN', 'UPN is not a valid UPN (format or check letter)');
  if (!laChildId && !check.problem) check.flag('LAchildID', 'LAchildID is missing (required)');
  const sex = check.code(childNode(ids, 'Sex') ? 'Sex' : 'GenderCurrent', sexCode);
  const characteristics = childNode(child, 'ChildCharacteristics') ?? child;
  const traits = new Checker(characteristics);
  const ethnic = traits.code('Ethnicity', ethnicity);
  const disabilities = childNodes(childNode(characteristics, 'Disabilities') ?? characteristics, 'Disability').map((d) => d.text.trim().toUpperCase());
  const badDisability = disabilities.find((d) => !cinDisability.has(d));
  const shown = badDisability === undefined ? null : quotable(badDisability);
  if (badDisability !== undefined) traits.flag('Disability', shown ? `Disability "${shown}" is not a code of the guide` : 'Disability is not a code of the guide', shown ?? '[withheld]');
  const childId = childPseudonym(ctx.key, { upn: validUpn(upn) ? upn : '', uln: '', laChildId, nameAndBirth: '' });
  const problem = check.problem ?? traits.problem;
  if (problem || !childId || !birth) return ctx.out.reject(file, child, problem ?? { element: null, reason: 'unreadable child' });
  const row: Row = {
    child_id: childId, birth_month: birth.slice(0, 7), sex, ethnic_group: ethnic, la_code: file.laCode,
    locality: null, lsoa_code: null, continuing_care: null,
  };
  if (ctx.out.put(file, child, 'cin_children', childId, row, false)) ctx.out.loaded(file, 'Child');
  const disabled = disabilities.length === 0 ? null : disabilities.some((d) => d !== 'NONE');
  for (const episode of childNodes(child, 'CINdetails')) readEpisode(file, episode, childId, disabled, ctx);
}

function readEpisode(file: FileContext, episode: XmlNode, childId: string, disabled: boolean | null, ctx: ReadContext): void {
  const check = new Checker(episode);
  const referral = check.date('CINreferralDate', true);
  const closure = check.date('CINclosureDate');
  const reason = check.code('ReasonForClosure', asCodes(Object.fromEntries([...cinClosureReasons].map((c) => [c, c]))));
  check.order('CINreferralDate', referral, 'CINclosureDate', closure);
  if (check.problem || !referral) return ctx.out.reject(file, episode, check.problem ?? { element: null, reason: 'no CINreferralDate' });
  ctx.out.loaded(file, 'CINdetails');
  for (const a of childNodes(episode, 'Assessments')) readAssessment(file, a, { childId, disabled, referral, reason }, ctx);
  checkPeriods(file, episode, 'CINPlanDates', ['CINPlanStartDate', 'CINPlanEndDate'], ctx);
  checkPeriods(file, episode, 'Section47', ['S47ActualStartDate', null], ctx);
  checkPeriods(file, episode, 'ChildProtectionPlans', ['CPPstartDate', 'CPPendDate'], ctx);
}

interface EpisodeFacts {
  childId: string;
  disabled: boolean | null;
  referral: string;
  reason: string | null;
}

function readAssessment(file: FileContext, node: XmlNode, facts: EpisodeFacts, ctx: ReadContext): void {
  const check = new Checker(node);
  const start = check.date('AssessmentActualStartDate', true);
  const authorised = check.date('AssessmentAuthorisationDate');
  check.order('AssessmentActualStartDate', start, 'AssessmentAuthorisationDate', authorised);
  if (check.problem || !start) return ctx.out.reject(file, node, check.problem ?? { element: null, reason: 'no start date' });
  const id = `${facts.childId}a${compactDate(start)}`;
  const outcome = !authorised ? 'ONGOING' : facts.reason === closedNoFurtherAction ? 'NO_FURTHER_ACTION' : null;
  const row: Row = {
    assessment_id: id, child_id: facts.childId, assessment_type: 'CHILD_IN_NEED', start_date: start,
    completed_date: authorised, outcome, disability: facts.disabled === null ? null : String(facts.disabled), indicative_budget: null,
  };
  if (ctx.out.put(file, node, 'child_needs_assessments', id, row)) ctx.out.loaded(file, 'Assessments');
}

/** Modules with a start and an optional end date: checked and counted, not loaded (no contract table). */
function checkPeriods(file: FileContext, episode: XmlNode, module: string, [startName, endName]: [string, string | null], ctx: ReadContext): void {
  for (const node of childNodes(episode, module)) {
    const check = new Checker(node);
    const start = check.date(startName, true);
    const end = endName ? check.date(endName) : null;
    if (endName) check.order(startName, start, endName, end);
    if (check.problem) ctx.out.reject(file, node, check.problem);
    else ctx.out.loaded(file, module);
  }
}
