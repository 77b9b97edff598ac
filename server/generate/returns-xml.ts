import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Database } from '../db/database.ts';
import { loadExtract } from '../ingest/load-extract.ts';
import { upnCheckLetter } from '../returns/pseudonymise.ts';
import { repoRoot } from '../sql-files.ts';
import { hashSeed } from './rng.ts';

// `npm run generate -- --format sen2-xml`: the synthetic children as the LA would hold them, a SEN2
// return and a CIN census in DfE's XML, with fake names, UPNs (valid check letters), birth dates and
// postcodes, so the path through pseudonymisation can be shown and tested. The rows come from the
// generated CSV extract as validated by the loader (salted faults left out), so loading either gives
// the same children. Simplification: <ActivePlans> (need, placement) is written for every plan, also
// ceased ones, where a real return has it only for plans active on the census date.

const FORENAMES = ['Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Arthur', 'Ivy', 'Leo', 'Freya', 'Oscar', 'Lily', 'Harry', 'Grace', 'Jack'];
const SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Khan', 'Wright', 'Walker', 'Hughes', 'Green', 'Okafor', 'Nowak'];
const ETHNICITY: Record<string, string> = { WHITE: 'WBRI', MIXED: 'MOTH', ASIAN: 'AOTH', BLACK: 'BOTH', OTHER: 'OOTH', UNKNOWN: 'REFU' };
const SETTING_CODE: Record<string, string> = { EHE: 'EHE', NEET: 'NEET' };
const CEASE: Record<string, string> = {
  AGE_LIMIT: '1', NEEDS_MET: '2', HIGHER_EDUCATION: '3', EMPLOYMENT: '4', MOVED_LA: '5', DISENGAGED: '6',
  MOVED_OUT_OF_ENGLAND: '7', DECEASED: '8', ADULT_SERVICES: '9', OTHER: '9',
};
const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export interface ReturnsOutput {
  dir: string;
  files: string[];
}

/** Writes `<extractDir>/returns/`: SEN2 and CIN XML, localities.csv, establishments.csv and the tables the returns lack. */
export async function writeSyntheticReturns(extractDir: string, log: (m: string) => void = () => {}): Promise<ReturnsOutput> {
  const temp = mkdtempSync(join(tmpdir(), 'send-returns-'));
  const db = await Database.open(join(temp, 'extract.duckdb'));
  try {
    log('validating the CSV extract to write it as returns');
    const summary = await loadExtract(db, extractDir);
    const laCode = summary.laCode ?? '';
    const oldCode = oldLaCode(laCode);
    const out = join(extractDir, 'returns');
    mkdirSync(out, { recursive: true });
    const people = await identities(db, laCode);
    await writeSen2(db, join(out, 'sen2-2025.xml'), oldCode, people);
    await writeCin(db, join(out, 'cin-2025.xml'), oldCode, people);
    await writeLookups(db, out, laCode);
    for (const f of ['population.csv', 'local_offer_services.csv', 'local_offer_feedback.csv', 'extract.json']) {
      if (existsSync(join(extractDir, f))) copyFileSync(join(extractDir, f), join(out, f));
    }
    return { dir: out, files: ['sen2-2025.xml', 'cin-2025.xml', 'localities.csv', 'establishments.csv'] };
  } finally {
    db.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

function oldLaCode(laCode: string): string {
  for (const line of readFileSync(join(repoRoot, 'data', 'reference', 'areas.csv'), 'utf8').split('\n')) {
    const [code, old] = line.split(',');
    if (code === laCode && old) return old;
  }
  throw new Error(`no DfE three-digit code for ${laCode}`);
}

interface Person {
  upn: string;
  laChildId: string;
  forename: string;
  surname: string;
  birthDate: string;
  postcode: string;
  sex: string | null;
  ethnicity: string | null;
}

/** Fake identifiers for every loaded child, from its position and a hash (deterministic). */
async function identities(db: Database, laCode: string): Promise<Map<string, Person>> {
  const rows = await db.query<{ child_id: string; birth_month: string; sex: string | null; ethnic_group: string | null; locality: string | null; i: number }>(
    `SELECT child_id, strftime(birth_month, '%Y-%m') AS birth_month, sex::VARCHAR AS sex, ethnic_group::VARCHAR AS ethnic_group, locality,
       (row_number() OVER (ORDER BY child_id) - 1)::INTEGER AS i FROM children`,
  );
  const districts = await localityDistricts(db, laCode);
  const people = new Map<string, Person>();
  for (const r of rows) {
    const h = hashSeed('person', r.child_id);
    const rest = `${oldLaCode(laCode)}${String(2000 + Math.floor(r.i / 1000)).padStart(4, '0')}24${String(r.i % 1000).padStart(3, '0')}`;
    const district = (r.locality && districts.get(r.locality)) || 'ZZ99';
    people.set(r.child_id, {
      upn: upnCheckLetter(rest) + rest,
      laChildId: `LA${String(r.i).padStart(7, '0')}`,
      forename: FORENAMES[h % FORENAMES.length] ?? 'Alex',
      surname: SURNAMES[(h >>> 4) % SURNAMES.length] ?? 'Smith',
      birthDate: `${r.birth_month}-${String(1 + ((h >>> 8) % 28)).padStart(2, '0')}`,
      postcode: `${district} ${(h >>> 13) % 10}${LETTERS[(h >>> 17) % LETTERS.length] ?? 'A'}${LETTERS[(h >>> 22) % LETTERS.length] ?? 'B'}`,
      sex: r.sex,
      ethnicity: r.ethnic_group ? (ETHNICITY[r.ethnic_group] ?? null) : null,
    });
  }
  return people;
}

/** One made-up postcode district per locality ("XX1", "XX2", ...). */
async function localityDistricts(db: Database, laCode: string): Promise<Map<string, string>> {
  const rows = await db.query<{ locality: string }>('SELECT DISTINCT locality FROM children WHERE locality IS NOT NULL ORDER BY locality');
  const area = laCode === 'E08000035' ? 'LS' : 'XX';
  return new Map(rows.map((r, i) => [r.locality, `${area}${i + 1}`]));
}

const esc = (v: string): string => v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const el = (name: string, value: string | null | undefined, indent: string): string => (value === null || value === undefined || value === '' ? '' : `${indent}<${name}>${esc(value)}</${name}>\n`);

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

function header(collection: string, year: string, referenceDate: string, lea: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n` +
    `      <Collection>${collection}</Collection>\n      <Year>${year}</Year>\n      <ReferenceDate>${referenceDate}</ReferenceDate>\n` +
    `    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n      <LEA>${lea}</LEA>\n` +
    `      <SoftwareCode>send-dashboard-synthetic</SoftwareCode>\n      <Release>1</Release>\n      <SerialNo>001</SerialNo>\n` +
    `      <DateTime>${referenceDate}T00:00:00</DateTime>\n    </Source>\n  </Header>\n`;
}

type RequestRow = {
  child_id: string;
  received_date: string;
  assessment_decision: string | null;
  assessment_decision_date: string | null;
  plan_decision: string | null;
  plan_decision_date: string | null;
  week20_exception: boolean | null;
  start_date: string | null;
  end_date: string | null;
  cease_reason: string | null;
  primary_need: string | null;
  secondary_need: string | null;
  setting_type: string | null;
  setting_in_area: boolean | null;
  transfer: boolean;
  pb: boolean;
  dp: boolean;
  oa: boolean;
};

const requestsSql = `
  WITH budgets AS (
    SELECT plan_id, true AS pb, bool_or(mechanism IN ('DIRECT_PAYMENT', 'COMBINATION')) AS dp,
      bool_or(mechanism IN ('ORGANISED_ARRANGEMENT', 'COMBINATION')) AS oa
    FROM personal_budgets WHERE plan_id IS NOT NULL GROUP BY plan_id),
  rows AS (
    SELECT r.child_id, r.received_date, r.assessment_decision::VARCHAR AS assessment_decision, r.assessment_decision_date,
      r.plan_decision::VARCHAR AS plan_decision, r.plan_decision_date, r.week20_exception, p.plan_id, false AS transfer
    FROM ehc_requests r LEFT JOIN ehc_plans p ON p.request_id = r.request_id
    UNION ALL
    SELECT p.child_id, p.start_date, NULL, NULL, NULL, NULL, NULL, p.plan_id, true FROM ehc_plans p WHERE p.request_id IS NULL)
  SELECT x.child_id, strftime(x.received_date, '%Y-%m-%d') AS received_date, x.assessment_decision,
    strftime(x.assessment_decision_date, '%Y-%m-%d') AS assessment_decision_date, x.plan_decision,
    strftime(x.plan_decision_date, '%Y-%m-%d') AS plan_decision_date, x.week20_exception,
    strftime(p.start_date, '%Y-%m-%d') AS start_date, strftime(p.end_date, '%Y-%m-%d') AS end_date,
    p.cease_reason::VARCHAR AS cease_reason, p.primary_need::VARCHAR AS primary_need, p.secondary_need::VARCHAR AS secondary_need,
    p.setting_type::VARCHAR AS setting_type, p.setting_in_area, x.transfer,
    coalesce(b.pb, false) AS pb, coalesce(b.dp, false) AS dp, coalesce(b.oa, false) AS oa
  FROM rows x LEFT JOIN ehc_plans p ON p.plan_id = x.plan_id LEFT JOIN budgets b ON b.plan_id = x.plan_id
  ORDER BY x.child_id, x.received_date, x.plan_id`;

async function writeSen2(db: Database, path: string, lea: string, people: Map<string, Person>): Promise<void> {
  const rows = await db.query<RequestRow>(requestsSql);
  const stream = createWriteStream(path);
  await write(stream, header('SEN2', '2025', '2025-01-16', lea) + '  <Persons>\n');
  for (let i = 0; i < rows.length; ) {
    const childId = rows[i]?.child_id ?? '';
    const p = people.get(childId);
    let text = '    <Person>\n';
    if (p) {
      text += el('Surname', p.surname, '      ') + el('Forename', p.forename, '      ') + el('PersonBirthDate', p.birthDate, '      ');
      text += el('Sex', p.sex, '      ') + el('Ethnicity', p.ethnicity, '      ') + el('PostCode', p.postcode, '      ') + el('UPN', p.upn, '      ');
    }
    for (; i < rows.length && rows[i]?.child_id === childId; i++) text += requestXml(rows[i] as RequestRow);
    await write(stream, text + '    </Person>\n');
  }
  await write(stream, '  </Persons>\n</Message>\n');
  stream.end();
  await once(stream, 'finish');
}

const ASSESSMENT: Record<string, string> = { ISSUED: 'Y', NOT_ISSUED: 'N', WITHDRAWN: 'W' };
const REQUEST: Record<string, string> = { AGREED: 'A', REFUSED: 'N', WITHDRAWN: 'W' };
const bool = (v: boolean | null): string | null => (v === null ? null : String(v));

function requestXml(r: RequestRow): string {
  const i = '        ';
  let text = `      <Requests>\n${el('ReceivedDate', r.received_date, i)}`;
  text += el('RequestOutcome', r.assessment_decision ? REQUEST[r.assessment_decision] : null, i) + el('RequestOutcomeDate', r.assessment_decision_date, i);
  if (r.plan_decision || r.start_date) {
    const a = '          ';
    text += `${i}<Assessment>\n${el('AssessmentOutcome', r.plan_decision ? ASSESSMENT[r.plan_decision] : r.start_date ? 'Y' : null, a)}`;
    text += el('AssessmentOutcomeDate', r.plan_decision_date ?? r.start_date, a) + el('Week20', bool(r.week20_exception), a);
    if (r.start_date) {
      const n = '            ';
      text += `${a}<NamedPlan>\n${el('StartDate', r.start_date, n)}${el('PB', String(r.pb), n)}${el('OA', String(r.oa), n)}${el('DP', String(r.dp), n)}`;
      text += el('CeaseDate', r.end_date, n) + el('CeaseReason', r.cease_reason ? CEASE[r.cease_reason] : null, n) + `${a}</NamedPlan>\n`;
    }
    text += `${i}</Assessment>\n`;
  }
  if (r.start_date) text += activePlanXml(r);
  return text + '      </Requests>\n';
}

/** A fake URN per (setting type, in or out of area): establishments.csv says which is which. */
export const urnFor = (settingType: string, inArea: boolean): string =>
  String(100000 + hashSeed('urn', settingType) % 800000 + (inArea ? 0 : 1));

function activePlanXml(r: RequestRow): string {
  const i = '          ';
  let text = `        <ActivePlans>\n${r.transfer ? el('TransferLA', '999', i) : ''}`;
  if (r.setting_type) {
    const coded = SETTING_CODE[r.setting_type];
    text += `${i}<PlacementDetail>\n`;
    text += coded ? el('SENSetting', coded, `${i}  `) : el('URN', urnFor(r.setting_type, r.setting_in_area !== false), `${i}  `);
    text += `${i}  <PlacementRank>1</PlacementRank>\n${el('EntryDate', r.start_date, `${i}  `)}${i}</PlacementDetail>\n`;
  }
  [r.primary_need, r.secondary_need].forEach((need, rank) => {
    if (need) text += `${i}<SENneed>\n${el('SENtype', need, `${i}  `)}${el('SENtypeRank', String(rank + 1), `${i}  `)}${i}</SENneed>\n`;
  });
  return text + '        </ActivePlans>\n';
}

type CnaRow = {
  child_id: string;
  start_date: string;
  completed_date: string | null;
  outcome: string | null;
  disabled: boolean | null;
};

async function writeCin(db: Database, path: string, lea: string, people: Map<string, Person>): Promise<void> {
  const rows = await db.query<CnaRow>(
    `SELECT a.child_id, strftime(a.start_date, '%Y-%m-%d') AS start_date, strftime(a.completed_date, '%Y-%m-%d') AS completed_date,
       a.outcome::VARCHAR AS outcome, bool_or(a.disability) OVER (PARTITION BY a.child_id) AS disabled
     FROM child_needs_assessments a WHERE a.assessment_type IN ('CHILD_IN_NEED', 'SHORT_BREAKS') ORDER BY a.child_id, a.start_date`,
  );
  const stream = createWriteStream(path);
  await write(stream, header('CIN', '2024', '2025-03-31', lea) + '  <Children>\n');
  for (let i = 0; i < rows.length; ) {
    const first = rows[i] as CnaRow;
    const p = people.get(first.child_id);
    let text = '    <Child>\n      <ChildIdentifiers>\n';
    if (p) text += el('LAchildID', p.laChildId, '        ') + el('UPN', p.upn, '        ') + el('PersonBirthDate', p.birthDate, '        ') + el('Sex', p.sex, '        ');
    text += '      </ChildIdentifiers>\n      <ChildCharacteristics>\n' + el('Ethnicity', p?.ethnicity, '        ');
    if (first.disabled !== null) text += `        <Disabilities>\n          <Disability>${first.disabled ? 'LD' : 'NONE'}</Disability>\n        </Disabilities>\n`;
    text += '      </ChildCharacteristics>\n';
    for (; i < rows.length && rows[i]?.child_id === first.child_id; i++) text += episodeXml(rows[i] as CnaRow);
    await write(stream, text + '    </Child>\n');
  }
  await write(stream, '  </Children>\n</Message>\n');
  stream.end();
  await once(stream, 'finish');
}

function episodeXml(a: CnaRow): string {
  const i = '        ';
  let text = `      <CINdetails>\n${el('CINreferralDate', a.start_date, i)}${el('ReferralSource', '1A', i)}${el('PrimaryNeedCode', 'N1', i)}`;
  if (a.outcome === 'NO_FURTHER_ACTION' && a.completed_date) text += el('CINclosureDate', a.completed_date, i) + el('ReasonForClosure', 'RC8', i);
  text += `${i}<Assessments>\n${el('AssessmentActualStartDate', a.start_date, `${i}  `)}${el('AssessmentAuthorisationDate', a.completed_date, `${i}  `)}${i}</Assessments>\n`;
  return text + '      </CINdetails>\n';
}

async function writeLookups(db: Database, out: string, laCode: string): Promise<void> {
  const districts = await localityDistricts(db, laCode);
  writeFileSync(join(out, 'localities.csv'), ['postcode_prefix,locality', ...[...districts].map(([loc, d]) => `${d},${loc}`)].join('\n') + '\n');
  const types = await db.query<{ setting_type: string }>('SELECT DISTINCT setting_type::VARCHAR AS setting_type FROM ehc_plans WHERE setting_type IS NOT NULL ORDER BY 1');
  const lines = ['urn,setting_type,la_code'];
  for (const { setting_type } of types) {
    if (SETTING_CODE[setting_type]) continue;
    lines.push(`${urnFor(setting_type, true)},${setting_type},${laCode}`, `${urnFor(setting_type, false)},${setting_type},E99999999`);
  }
  writeFileSync(join(out, 'establishments.csv'), lines.join('\n') + '\n');
}
