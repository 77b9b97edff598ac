// Derives data/reference/synthetic-params.json from the published files in shared/data
// (DfE "Education, health and care plans" 2025, MoJ SEND Tribunal appeal rates) and the
// committed ONS population and statistical-neighbour files, so the generator's
// distributions are real ones and it can run from the JSON alone on a fresh clone.
//
//   npx tsx server/generate/derive-params.ts [--data ../shared/data] [--out data/reference/synthetic-params.json]

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import {
  AGES, CEASE_REASONS, ETHNIC_GROUPS, NEEDS, SETTINGS, paramsPath, syntheticParamsSchema,
  type AreaParams, type EnglandParams, type SyntheticParams,
} from './params.ts';
import { groupBy } from '../group-by.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const FLOW_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const SNAPSHOT_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const ENGLAND = 'E92000001';
const LATEST = '202425';

type Row = Record<string, string | null>;
type Series = (number | null)[];

/** Academic-year period of the January snapshot in `year` (2025 -> '202425'). */
const snapshotPeriod = (year: number) => `${year - 1}${String(year).slice(2)}`;

/** DfE numbers: `x` and other symbols mean missing; so do the few negative counts (e.g. no_outcome). */
function num(v: string | null | undefined): number | null {
  if (v == null) return null;
  const t = v.trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}
const ratio = (a: number | null, b: number | null) => (a == null || b == null || b <= 0 ? null : Math.min(1, a / b));
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const normalise = (xs: number[]) => {
  const t = sum(xs);
  return t > 0 ? xs.map((x) => x / t) : xs.map(() => 1 / xs.length);
};
const round = (x: number, dp = 4) => Math.round(x * 10 ** dp) / 10 ** dp;

// Ages in the DfE breakdowns: "under 3" / "2 and under" and "20 and over" are spread over
// single years with fixed weights (the published data have no finer split).
const UNDER3 = [0.1, 0.3, 0.6];
const OVER20 = [0.35, 0.25, 0.17, 0.12, 0.08, 0.03];
function ageWeights(label: string): [number, number][] | null {
  const l = label.toLowerCase();
  if (l.includes('unknown')) return null;
  if (l.includes('under 3') || l.includes('2 and under')) return UNDER3.map((w, i) => [i, w]);
  if (l.includes('20 and over')) return OVER20.map((w, i) => [20 + i, w]);
  const m = /(\d+)/.exec(l);
  return m ? [[Number(m[1]), 1]] : null;
}

function ethnicGroup(label: string): number {
  const l = label.toLowerCase();
  if (l.startsWith('white')) return 0;
  if (l.startsWith('mixed')) return 1;
  if (l.startsWith('asian')) return 2;
  if (l.startsWith('black')) return 3;
  if (l.startsWith('unclassified')) return 5;
  return 4;
}

// Caseload columns -> setting codes (SETTINGS order). Apprenticeships come from the
// work-based placements file instead.
const SETTING_COLUMNS: Record<string, string[]> = {
  MAINSTREAM: ['mainstream_la_maintained', 'mainstream_academy', 'mainstream_free_school'],
  RESOURCED_PROVISION: [
    'mainstream_la_maintained_resourced_provision', 'mainstream_academy_resourced_provision',
    'mainstream_free_school_resourced_provision', 'mainstream_la_maintained_senunit',
    'mainstream_academy_senunit', 'mainstream_free_school_senunit',
  ],
  SPECIAL_MAINTAINED: ['special_la_maintained'],
  SPECIAL_ACADEMY: ['special_academy_free'],
  SPECIAL_NON_MAINTAINED: ['special_non_maintained'],
  SPECIAL_INDEPENDENT: ['special_independent'],
  INDEPENDENT_MAINSTREAM: ['mainstream_independent'],
  ALTERNATIVE_PROVISION: ['ap_pru_total'],
  EARLY_YEARS: ['nm_early_years'],
  FE_COLLEGE: ['general_fe_tertiary_colleges'],
  POST16_OTHER: ['specialist_post_16_institutions', 'ukrlp_provider'],
  APPRENTICESHIP: [],
  EHE: ['elective_home_education'],
  NEET: ['neet', 'neet_ntci', 'neet_other', 'neet_other_csa'],
  OTHER: [
    'other_arrangements_la', 'other_arrangements_parents', 'online_provider', 'w_settings',
    'other_schools', 'other_placement_settings',
  ],
  UNKNOWN: ['placement_unknown'],
};
function settingCounts(row: Row, apprenticeships = 0): number[] {
  return SETTINGS.map((s) =>
    s === 'APPRENTICESHIP' ? apprenticeships : sum((SETTING_COLUMNS[s] ?? []).map((c) => num(row[c]) ?? 0)),
  );
}

/** "Type of placement" labels (primary-need file) -> setting index, or -1 for totals. */
function placementSetting(label: string): number {
  const l = label.toLowerCase();
  if (l.endsWith('- total')) return -1;
  const code = ((): string => {
    if (l.startsWith('mainstream')) {
      if (l.includes('resourced') || l.includes('sen unit')) return 'RESOURCED_PROVISION';
      return l.includes('independent') ? 'INDEPENDENT_MAINSTREAM' : 'MAINSTREAM';
    }
    if (l.startsWith('special')) {
      if (l.includes('independent')) return 'SPECIAL_INDEPENDENT';
      if (l.includes('non-maintained')) return 'SPECIAL_NON_MAINTAINED';
      return l.includes('academy') ? 'SPECIAL_ACADEMY' : 'SPECIAL_MAINTAINED';
    }
    if (l.startsWith('ap/pru')) return 'ALTERNATIVE_PROVISION';
    if (l.startsWith('fe')) return l.includes('general fe') ? 'FE_COLLEGE' : 'POST16_OTHER';
    if (l.startsWith('non-maintained early years')) return 'EARLY_YEARS';
    if (l.startsWith('placement not recorded')) return 'UNKNOWN';
    if (l.includes('elective home')) return 'EHE';
    if (l.includes('neet') || l.includes('not in education')) return 'NEET';
    return 'OTHER';
  })();
  return SETTINGS.indexOf(code as (typeof SETTINGS)[number]);
}

const NEED_COLUMNS = NEEDS.map((n) => `number_${n.toLowerCase()}`);

// DfE ceased_plans columns in CEASE_REASONS order. DfE's `not_rec` is "other reasons" and
// `other` is "not recorded" (see the data guidance).
const CEASE_COLUMNS = ['max_age', 'needs_met', 'he', 'employ', 'transfer', 'no_engage', 'moved_outside_eng', 'deceased', 'not_rec', 'other'];

interface Sources {
  con: DuckDBConnection;
  dfe: string;
}

async function query(con: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Row[];
}

/** LA and national rows of a tidy DfE file, keyed by area code (old_la_code, or E92000001). */
async function dfeRows(src: Sources, file: string, where: string): Promise<Row[]> {
  return query(
    src.con,
    `SELECT *, CASE WHEN geographic_level = 'National' THEN '${ENGLAND}' ELSE old_la_code END AS area
     FROM read_csv('${src.dfe}/${file}.csv', all_varchar = true, header = true)
     WHERE geographic_level IN ('National', 'Local authority') AND (${where})`,
  );
}


/** Fills gaps with the area's nearest available year, else England's value for that year. */
function fillShares(name: string, years: number[], la: Series, eng: Series, imputed: string[]): number[] {
  const have = la.flatMap((v, i) => (v == null ? [] : [i]));
  return la.map((v, i) => {
    if (v != null) return round(v);
    imputed.push(`${name}.${years[i]}`);
    if (have.length > 0) {
      const j = have.reduce((b, k) => (Math.abs(k - i) < Math.abs(b - i) ? k : b));
      return round(la[j] ?? 0);
    }
    const e = eng[i] ?? eng.find((x) => x != null) ?? 0;
    return round(e);
  });
}

/** Fills missing counts from the nearest available year, scaled by England's change. */
function fillCounts(name: string, years: number[], la: Series, eng: Series, imputed: string[]): number[] {
  const have = la.flatMap((v, i) => (v == null ? [] : [i]));
  return la.map((v, i) => {
    if (v != null) return Math.round(v);
    imputed.push(`${name}.${years[i]}`);
    if (have.length === 0) return 0;
    const j = have.reduce((b, k) => (Math.abs(k - i) < Math.abs(b - i) ? k : b));
    const scale = (eng[i] ?? 1) / (eng[j] ?? 1);
    return Math.round((la[j] ?? 0) * scale);
  });
}

function byYear<T>(rows: Row[] | undefined, years: number[], period: (y: number) => string, f: (r: Row) => T | null): (T | null)[] {
  return years.map((y) => {
    const r = rows?.find((x) => x.time_period === period(y));
    return r ? f(r) : null;
  });
}

/** The MoJ appeal-rate table is a spreadsheet export: a title, a two-row header, regions. */
async function appealRates(src: Sources, file: string): Promise<Map<string, Series>> {
  const rows = await query(
    src.con,
    `SELECT * FROM read_csv('${file}', header = false, all_varchar = true, skip = 3, null_padding = true, parallel = false)`,
  );
  const out = new Map<string, Series>();
  for (const r of rows) {
    const cells = Object.values(r);
    const name = (cells[0] ?? '').trim();
    const code = (cells[1] ?? '').trim();
    const key = /^\d{3}$/.test(code) ? code : /^England Total/.test(name) ? ENGLAND : null;
    if (!key) continue;
    out.set(key, FLOW_YEARS.map((y) => {
      const c = 2 + (y - 2014) * 3;
      const raw = (cells[c] ?? '').trim();
      const appeals = raw === '-' ? 0 : num(raw);
      return ratio(appeals, num(cells[c + 1]));
    }));
  }
  return out;
}

/** The published tables derive reads, each keyed by area (old_la_code, or England's code). */
interface Tables {
  caseload: Map<string, Row[]>;
  needsAll: Map<string, Row[]>;
  requests: Map<string, Row[]>;
  assessments: Map<string, Row[]>;
  timeliness: Map<string, Row[]>;
  ceased: Map<string, Row[]>;
  budgets: Map<string, Row[]>;
  reviews: Map<string, Row[]>;
  newplans: Map<string, Row[]>;
  wbp: Map<string, Row[]>;
  appeals: Map<string, Series>;
  /** ONS population by LA (new code), age and sex. */
  popRows: Row[];
}

async function readTables(src: Sources, dataDir: string, ref: string): Promise<Tables> {
  const byArea = async (file: string, where: string) => groupBy(await dfeRows(src, file, where), (r) => r.area ?? '');
  const popRows = await query(
    src.con,
    `SELECT la_code, CAST(age AS INTEGER) AS age, sex, CAST(population AS INTEGER) AS population
     FROM read_csv('${ref}/ons-mye-2021-la-age0-25.csv', all_varchar = true)`,
  );
  return {
    popRows,
    caseload: await byArea('caseload', 'true'),
    needsAll: await byArea('sen_needs_all_plans', `time_period = '${LATEST}'`),
    requests: await byArea('requests', 'true'),
    assessments: await byArea('assessments', `breakdown_topic ILIKE 'All%'`),
    timeliness: await byArea('timeliness_20_week', `breakdown_topic ILIKE 'All%'`),
    ceased: await byArea('ceased_plans', 'true'),
    budgets: await byArea('personal_budgets', `breakdown_topic ILIKE 'All%'`),
    reviews: await byArea('annual_reviews', `breakdown_topic ILIKE 'All%'`),
    newplans: await byArea('newplans', `time_period = '2024'`),
    wbp: await byArea('work_based_placements', `breakdown_topic ILIKE 'All%'`),
    appeals: await appealRates(src, `${dataDir}/dfe-ehc-plans-2025/supporting-files/SEND Tribunals and appeal rate 2014-2024.csv`),
  };
}

const topic = (rows: Row[] | undefined, t: string) => (rows ?? []).filter((r) => (r.breakdown_topic ?? '').toLowerCase().startsWith(t.toLowerCase()));
const allRow = (rows: Row[] | undefined, t: string, period: string) => topic(rows, t).find((r) => r.time_period === period);

async function derive(dataDir: string): Promise<SyntheticParams> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const src: Sources = { con, dfe: `${dataDir}/dfe-ehc-plans-2025/data` };
  const ref = `${repoRoot}data/reference`;

  const laList = await query(
    con,
    `SELECT DISTINCT la_code, old_la_code, la_name FROM read_csv('${ref}/statistical-neighbours.csv', all_varchar = true) ORDER BY la_code`,
  );
  const t = await readTables(src, dataDir, ref);

  // England first: its matrices, and the fallbacks for LA gaps.
  const england = englandParams(t, areaParams(t, { code: ENGLAND, name: 'England', oldCode: '', region: '' }, undefined));

  const regionOf = new Map<string, string>();
  for (const rows of t.caseload.values()) for (const r of rows) if (r.old_la_code) regionOf.set(r.old_la_code, r.region_name ?? '');

  const las: Record<string, AreaParams> = {};
  for (const la of laList) {
    const code = la.la_code ?? '';
    las[code] = areaParams(t, { code, name: la.la_name ?? '', oldCode: la.old_la_code ?? '', region: regionOf.get(la.old_la_code ?? '') ?? '' }, england);
  }
  con.closeSync();
  instance.closeSync();

  return syntheticParamsSchema.parse({
    description:
      'Parameters for the synthetic extract generator (server/generate), derived by server/generate/derive-params.ts ' +
      'from published statistics. Series align with flowYears (calendar years) or snapshotYears (January snapshots).',
    licence: 'Contains public sector information licensed under the Open Government Licence v3.0 (DfE, ONS, MoJ).',
    sources: [
      'DfE, Education, health and care plans, reporting year 2025 (shared/data/dfe-ehc-plans-2025)',
      'MoJ, SEND Tribunal appeal rate 2014-2024 (supporting file of the same release)',
      'ONS, mid-2021 population estimates, ages 0-25 (data/reference/ons-mye-2021-la-age0-25.csv)',
      'DfE LAIT statistical neighbours 2025, as the LA code crosswalk (data/reference/statistical-neighbours.csv)',
    ],
    flowYears: FLOW_YEARS,
    snapshotYears: SNAPSHOT_YEARS,
    england,
    las,
  });
}

/** One area being derived: its tables' key, England's values to fall back on, and what was imputed (in order). */
interface AreaInput {
  t: Tables;
  key: string;
  eng: AreaParams | undefined;
  imputed: string[];
}

/**
 * An LA's (or England's) parameters. The parts run in the order of the keys, which is also the
 * order `imputed` is written in: keep it, or the committed JSON changes.
 */
function areaParams(t: Tables, who: { code: string; name: string; oldCode: string; region: string }, eng: AreaParams | undefined): AreaParams {
  const input: AreaInput = { t, key: who.code === ENGLAND ? ENGLAND : who.oldCode, eng, imputed: [] };
  const series = areaSeries(input);
  const mixes = areaMixes(input);
  const personalBudgets = budgetParams(input);
  const reviews = reviewParams(input);
  return { name: who.name, oldCode: who.oldCode, region: who.region, ...series, ...mixes, personalBudgets, reviews, population: populationOf(t, who.code), imputed: input.imputed };
}

const engOr = (eng: AreaParams | undefined, f: (e: AreaParams) => number[]) => (eng ? f(eng) : []);

/** The yearly series: stocks, requests and the shares of each step's outcomes. */
function areaSeries({ t, key, eng, imputed }: AreaInput) {
  const rq = topic(t.requests.get(key), 'All requests');
  const as = t.assessments.get(key);
  const tl = t.timeliness.get(key);
  const plansJan = fillCounts('plansJan', SNAPSHOT_YEARS,
    byYear(topic(t.caseload.get(key), 'All EHC plans'), SNAPSHOT_YEARS, snapshotPeriod, (r) => num(r.ehcplans)), engOr(eng, (e) => e.plansJan), imputed);
  const received = byYear(rq, FLOW_YEARS, String, (r) => num(r.requests_received_in_year));
  const requests = fillCounts('requests', FLOW_YEARS, received, engOr(eng, (e) => e.requests), imputed);
  const share = (name: string, s: Series, pick: (e: AreaParams) => number[]) => fillShares(name, FLOW_YEARS, s, engOr(eng, pick), imputed);
  /** a / (a + b) of two columns, each year. */
  const partOf = (rows: Row[] | undefined, part: string, other: string, numerator: 'a' | 'b') =>
    byYear(rows, FLOW_YEARS, String, (r) => {
      const a = num(r[part]);
      const b = num(r[other]);
      return a == null || b == null ? null : ratio(numerator === 'a' ? a : b, a + b);
    });
  return {
    plansJan,
    requests,
    refusedShare: share('refusedShare', rq.length ? byYear(rq, FLOW_YEARS, String, (r) => ratio(num(r.requests_decided_not_to_assess), num(r.requests_received_in_year))) : FLOW_YEARS.map(() => null), (e) => e.refusedShare),
    requestWithdrawnShare: share('requestWithdrawnShare', byYear(rq, FLOW_YEARS, String, (r) => ratio(num(r.requests_withdrawn), num(r.requests_received_in_year))), (e) => e.requestWithdrawnShare),
    sixWeekShare: share('sixWeekShare', partOf(rq, 'request_outcome_six_weeks', 'request_outcome_over_6_weeks', 'a'), (e) => e.sixWeekShare),
    notIssuedShare: share('notIssuedShare', partOf(as, 'assess_issued', 'assess_not_issued', 'b'), (e) => e.notIssuedShare),
    assessWithdrawnShare: share('assessWithdrawnShare', byYear(as, FLOW_YEARS, String, (r) => ratio(num(r.assess_withdrawn), num(r.assess_in_year))), (e) => e.assessWithdrawnShare),
    plansIssued: fillCounts('plansIssued', FLOW_YEARS, byYear(tl, FLOW_YEARS, String, (r) => num(r.plans_issued_den)), engOr(eng, (e) => e.plansIssued), imputed),
    within20: share('within20', byYear(tl, FLOW_YEARS, String, (r) => ratio(num(r.plans_issued_20_weeks_ex), num(r.plans_issued_den_ex))), (e) => e.within20),
    over52OfLate: share('over52OfLate', partOf(tl, 'plans_issued_gt20weeks_ltYear_ex', 'plans_issued_gt_1_year_ex', 'b'), (e) => e.over52OfLate),
    exceptionShare: share('exceptionShare', byYear(tl, FLOW_YEARS, String, (r) => {
      const d = num(r.plans_issued_den);
      const dx = num(r.plans_issued_den_ex);
      return d == null || dx == null ? null : ratio(d - dx, d);
    }), (e) => e.exceptionShare),
    appealRate: share('appealRate', t.appeals.get(key) ?? FLOW_YEARS.map(() => null), (e) => e.appealRate),
  };
}

/** The value, or (noting the imputation) England's, or a fallback. */
function orEngland<T>(imputed: string[], name: string, v: T | null, e: T | undefined, fallback: T): T {
  if (v != null) return v;
  imputed.push(name);
  return e ?? fallback;
}

/** The mixes of the latest January: cease reasons, needs, settings, ages, sex and ethnicity. */
function areaMixes({ t, key, eng, imputed }: AreaInput) {
  const latest = allRow(t.caseload.get(key), 'All EHC plans', LATEST);
  const wb = allRow(t.wbp.get(key), 'All', LATEST);
  const apprenticeships = (num(wb?.open_apprentice) ?? 0) + (num(wb?.open_supp_intern) ?? 0);
  const settings = latest ? settingCounts(latest, apprenticeships) : [];
  const needRow = allRow(t.needsAll.get(key), 'All EHC plans', LATEST);
  const needCounts = NEED_COLUMNS.map((c) => num(needRow?.[c]) ?? 0);
  const ages = new Array<number>(AGES).fill(0);
  for (const r of topic(t.caseload.get(key), 'Child or young persons age').filter((r) => r.time_period === LATEST)) {
    for (const [a, w] of ageWeights(r.breakdown ?? '') ?? []) ages[a] = (ages[a] ?? 0) + w * (num(r.ehcplans) ?? 0);
  }
  const sexRows = topic(t.caseload.get(key), 'Sex').filter((r) => r.time_period === LATEST);
  const sexCount = (s: string) => num(sexRows.find((r) => r.breakdown === s)?.ehcplans) ?? 0;
  const eth = new Array<number>(ETHNIC_GROUPS.length).fill(0);
  for (const r of topic(t.caseload.get(key), 'Ethnicity').filter((r) => r.time_period === LATEST)) {
    const g = ethnicGroup(r.breakdown ?? '');
    eth[g] = (eth[g] ?? 0) + (num(r.ehcplans) ?? 0);
  }
  const reasons = CEASE_COLUMNS.map((c) =>
    sum(topic(t.ceased.get(key), 'All ceased').map((r) => num(r[c]) ?? 0)));
  const fallback = <T>(name: string, e: T | undefined, value: T) => orEngland(imputed, name, null, e, value);
  const allSexes = sexCount('Male') + sexCount('Female') + sexCount('Unknown');
  return {
    ceaseReasons: sum(reasons) > 0 ? reasons : fallback('ceaseReasons', eng?.ceaseReasons, reasons),
    needMix: sum(needCounts) > 0 ? normalise(needCounts).map((x) => round(x)) : fallback('needMix', eng?.needMix, []),
    settingMix: sum(settings) > 0 ? normalise(settings).map((x) => round(x)) : fallback('settingMix', eng?.settingMix, []),
    ageProfile: sum(ages) > 0 ? normalise(ages).map((x) => round(x, 5)) : fallback('ageProfile', eng?.ageProfile, []),
    maleShare: round(orEngland(imputed, 'maleShare', ratio(sexCount('Male'), allSexes), eng?.maleShare, 0.7)),
    sexUnknownShare: round(orEngland(imputed, 'sexUnknownShare', ratio(sexCount('Unknown'), allSexes), eng?.sexUnknownShare, 0)),
    ethnicity: sum(eth) > 0 ? normalise(eth).map((x) => round(x)) : fallback('ethnicity', eng?.ethnicity, []),
  };
}

function budgetParams({ t, key, eng, imputed }: AreaInput): AreaParams['personalBudgets'] {
  const pb = allRow(t.budgets.get(key), 'All', LATEST);
  const pbTotal = num(pb?.personal_budget) ?? 0;
  const pbParts = ['pb_education', 'pb_health', 'pb_social', 'pb_integrated'].map((c) => num(pb?.[c]) ?? 0);
  const pbShares = sum(pbParts) > 0 ? normalise(pbParts) : null;
  const plansLatest = num(allRow(t.caseload.get(key), 'All EHC plans', LATEST)?.ehcplans);
  const takeUp = round(orEngland(imputed, 'personalBudgets.takeUp', ratio(pbTotal, plansLatest), eng?.personalBudgets.takeUp, 0.03), 5);
  const s = pbShares ?? (imputed.push('personalBudgets.elements'), eng
    ? [eng.personalBudgets.education, eng.personalBudgets.health, eng.personalBudgets.social, eng.personalBudgets.integrated]
    : [0.25, 0.25, 0.25, 0.25]);
  return {
    takeUp,
    education: round(s[0] ?? 0), health: round(s[1] ?? 0), social: round(s[2] ?? 0), integrated: round(s[3] ?? 0),
    organised: round(orEngland(imputed, 'personalBudgets.organised', pbTotal > 0 ? ratio(num(pb?.org_arrangments), pbTotal) : null, eng?.personalBudgets.organised, 0.2)),
  };
}

function reviewParams({ t, key, eng, imputed }: AreaInput): AreaParams['reviews'] {
  const rv = allRow(t.reviews.get(key), 'All', '2024');
  const outcomes = ['outcome_amend', 'outcome_maintan', 'outcome_cease', 'no_outcome'].map((c) => num(rv?.[c]) ?? 0);
  const heldShare = ratio(num(rv?.total_review_meeting), num(rv?.review_expected));
  const held = orEngland(imputed, 'reviews.heldShare', heldShare, eng?.reviews.heldShare, 0.8);
  const o = sum(outcomes) > 0 ? normalise(outcomes) : (imputed.push('reviews.outcomes'), eng
    ? [eng.reviews.amend, eng.reviews.maintain, eng.reviews.cease, eng.reviews.noOutcome]
    : [0.4, 0.4, 0.05, 0.15]);
  return { heldShare: round(held), amend: round(o[0] ?? 0), maintain: round(o[1] ?? 0), cease: round(o[2] ?? 0), noOutcome: round(o[3] ?? 0) };
}

function populationOf(t: Tables, code: string): AreaParams['population'] {
  const pop = { F: new Array<number>(AGES).fill(0), M: new Array<number>(AGES).fill(0) };
  for (const r of t.popRows.filter((p) => p.la_code === code)) {
    const sex = r.sex === 'female' ? 'F' : 'M';
    pop[sex][Number(r.age)] = Number(r.population);
  }
  return pop;
}

/** England's matrices by age, sex and setting, on top of its area parameters. */
function englandParams(t: Tables, englandArea: AreaParams): EnglandParams {
  const { needByAge, needBySex, needBySetting } = needMatrices(t);
  const allNeeds = normalise(englandArea.needMix);
  const lift = (counts: number[]) => normalise(counts).map((p, n) => round(p / Math.max(allNeeds[n] ?? 0, 1e-6), 3));
  const { requestAge, refusedAge } = requestsByAge(t);
  const refusedAll = sum(refusedAge) / sum(requestAge);
  const newPlanAge = new Array<number>(AGES).fill(0);
  for (const r of topic(t.newplans.get(ENGLAND), 'Age when plan started')) {
    for (const [a, w] of ageWeights(r.breakdown ?? '') ?? []) newPlanAge[a]! += w * (num(r.new_ehc_plans) ?? 0);
  }
  const { ceasedByAge, ceaseHazard } = ceasesByAge(t);
  return {
    ...englandArea,
    needByAge: needByAge.map((row) => normalise(row).map((x) => round(x))),
    sexNeedLift: { F: lift(needBySex.F), M: lift(needBySex.M) },
    settingByAge: settingsByAge(t).map((row) => normalise(row).map((x) => round(x))),
    needSettingLift: needBySetting.map((row) => (sum(row) > 0 ? lift(row) : NEEDS.map(() => 1))),
    requestAge: normalise(requestAge).map((x) => round(x, 5)),
    refusalRel: requestAge.map((n, a) => round(n > 0 ? (refusedAge[a] ?? 0) / n / refusedAll : 1, 3)),
    newPlanAge: normalise(newPlanAge).map((x) => round(x, 5)),
    ceaseHazard,
    ceaseReasonByAge: ceasedByAge.map((row) => normalise(row).map((x) => round(x))),
  };
}

/** England's plans by need and age, sex, and type of placement. */
function needMatrices(t: Tables) {
  const needByAge = Array.from({ length: AGES }, () => new Array<number>(NEEDS.length).fill(0));
  const needBySex: Record<'F' | 'M', number[]> = { F: new Array<number>(NEEDS.length).fill(0), M: new Array<number>(NEEDS.length).fill(0) };
  const needBySetting = Array.from({ length: SETTINGS.length }, () => new Array<number>(NEEDS.length).fill(0));
  for (const r of t.needsAll.get(ENGLAND) ?? []) {
    const counts = NEED_COLUMNS.map((c) => num(r[c]) ?? 0);
    const topicName = (r.breakdown_topic ?? '').toLowerCase();
    if (topicName.startsWith('child or young')) {
      for (const [a, w] of ageWeights(r.breakdown ?? '') ?? []) counts.forEach((c, n) => { needByAge[a]![n]! += w * c; });
    } else if (topicName === 'sex' && (r.breakdown === 'Female' || r.breakdown === 'Male')) {
      needBySex[r.breakdown === 'Female' ? 'F' : 'M'] = counts;
    } else if (topicName.startsWith('type of placement')) {
      const s = placementSetting(r.breakdown ?? '');
      if (s >= 0) counts.forEach((c, n) => { needBySetting[s]![n]! += c; });
    }
  }
  return { needByAge, needBySex, needBySetting };
}

/** England's plans by setting and age (not yet normalised). */
function settingsByAge(t: Tables): number[][] {
  const engCase = t.caseload.get(ENGLAND) ?? [];
  const engWbp = allRow(t.wbp.get(ENGLAND), 'All', LATEST);
  const engApprentices = (num(engWbp?.open_apprentice) ?? 0) + (num(engWbp?.open_supp_intern) ?? 0);
  const settingByAge = Array.from({ length: AGES }, () => new Array<number>(SETTINGS.length).fill(0));
  for (const r of topic(engCase, 'Child or young persons age').filter((r) => r.time_period === LATEST)) {
    const counts = settingCounts(r);
    for (const [a, w] of ageWeights(r.breakdown ?? '') ?? []) counts.forEach((c, s) => { settingByAge[a]![s]! += w * c; });
  }
  // Work-based placements (no age split published) go to ages 16-25 in proportion to FE.
  const fe = SETTINGS.indexOf('FE_COLLEGE');
  const ap = SETTINGS.indexOf('APPRENTICESHIP');
  const feTotal = sum(settingByAge.slice(16).map((row) => row[fe] ?? 0));
  for (let a = 16; a < AGES; a++) settingByAge[a]![ap] = engApprentices * ((settingByAge[a]![fe] ?? 0) / feTotal);
  return settingByAge;
}

/** England's requests received and refused in 2024 by age. */
function requestsByAge(t: Tables) {
  const requestAge = new Array<number>(AGES).fill(0);
  const refusedAge = new Array<number>(AGES).fill(0);
  for (const r of topic(t.requests.get(ENGLAND), 'Child or young persons age').filter((r) => r.time_period === '2024')) {
    for (const [a, w] of ageWeights(r.breakdown ?? '') ?? []) {
      requestAge[a]! += w * (num(r.requests_received_in_year) ?? 0);
      refusedAge[a]! += w * (num(r.requests_decided_not_to_assess) ?? 0);
    }
  }
  return { requestAge, refusedAge };
}

/** England's ceases by age and reason, and the hazard of ceasing below the age limit. */
function ceasesByAge(t: Tables) {
  const engCase = t.caseload.get(ENGLAND) ?? [];
  const activeByAge = new Array<number>(AGES).fill(0);
  for (const r of topic(engCase, 'Child or young persons age').filter((r) => r.time_period === LATEST)) {
    for (const [a, w] of ageWeights(r.breakdown ?? '') ?? []) activeByAge[a]! += w * (num(r.ehcplans) ?? 0);
  }
  // Ceases by age: 20+ spread evenly over 20-25 (the reason mix does not depend on the split).
  const ceasedByAge = Array.from({ length: AGES }, () => new Array<number>(CEASE_REASONS.length).fill(0));
  for (const r of topic(t.ceased.get(ENGLAND), 'Age plan ceased').filter((r) => r.time_period === '2023' || r.time_period === '2024')) {
    const label = (r.breakdown ?? '').toLowerCase();
    const weights: [number, number][] | null = label.includes('20 and over')
      ? [20, 21, 22, 23, 24, 25].map((a) => [a, 1 / 6])
      : ageWeights(label);
    for (const [a, w] of weights ?? []) CEASE_COLUMNS.forEach((c, k) => { ceasedByAge[a]![k]! += (w * (num(r[c]) ?? 0)) / 2; });
  }
  // Ceases below the age limit per active plan; 20-25 pooled, as DfE publishes "20 and over".
  const voluntary = ceasedByAge.map((row) => sum(row) - (row[0] ?? 0));
  const pooled20 = sum(voluntary.slice(20)) / Math.max(sum(activeByAge.slice(20)), 1);
  const ceaseHazard = voluntary.map((c, a) => round(a >= 20 ? pooled20 : c / Math.max(activeByAge[a] ?? 0, 1), 5));
  return { ceasedByAge, ceaseHazard };
}

/** One line per area so that diffs of the committed file stay readable. */
function format(p: SyntheticParams): string {
  const { las, ...top } = p;
  const head = Object.entries(top).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const areas = Object.entries(las).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n${head.join(',\n')},\n  "las": {\n${areas.join(',\n')}\n  }\n}\n`;
}

const argsSchema = z.object({
  data: z.string().default(resolve(repoRoot, '../shared/data')),
  out: z.string().default(paramsPath),
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
  const args = argsSchema.parse(values);
  const params = await derive(resolve(args.data));
  writeFileSync(args.out, format(params));
  const leeds = params.las.E08000035;
  console.log(`wrote ${args.out}: ${Object.keys(params.las).length} LAs` +
    (leeds ? `; Leeds plans Jan 2025 ${leeds.plansJan.at(-1)}, requests 2024 ${leeds.requests.at(-1)}` : ''));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(`derive-params: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
