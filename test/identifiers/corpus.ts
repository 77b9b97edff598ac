import { nhsNumberValid, ulnValid, upnCheckLetter } from '../../server/identifiers/index.ts';

// The detector's corpus: positives (feedback-like text holding one or more identifiers, each
// listed as the exact text that must not survive redaction) and negatives (realistic feedback
// with numbers, dates of events, amounts, services, places, "Year 7", plan references and
// 10-digit numbers that fail the NHS and ULN checks). Built from a fixed seed, so it is the
// same on every run. Every identifier is fake: NHS numbers from the 999 test range, Ofcom's
// drama phone numbers, example.org/com addresses, UPNs and ULNs made up with valid checks,
// Royal Mail's published example postcodes.

export interface Example {
  text: string;
  /** Texts that must not survive redaction (empty for a negative). */
  identifiers: string[];
  label: string;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261207);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');

function nhsNumber(): string {
  for (;;) {
    const d = `999${digits(7)}`;
    if (nhsNumberValid(d)) return d;
  }
}
function uln(): string {
  for (;;) {
    const d = `${1 + Math.floor(rnd() * 9)}${digits(9)}`;
    if (ulnValid(d) && !nhsNumberValid(d)) return d;
  }
}
/** Ten digits that pass neither the NHS nor the ULN check (an order or case reference). */
export function failingTenDigits(): string {
  for (;;) {
    const d = `${1 + Math.floor(rnd() * 9)}${digits(9)}`;
    if (!nhsNumberValid(d) && !ulnValid(d)) return d;
  }
}
function upn(): string {
  const body = `${pick(['820', '383', '204', '931'])}${digits(4)}${pick(['16', '18', '19', '21'])}${digits(3)}`;
  return `${upnCheckLetter(body)}${body}`;
}
const fullWidth = (s: string): string => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const nhsForms: ((d: string) => string)[] = [
  (d) => `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}/${d.slice(3, 6)}/${d.slice(6)}`,
  (d) => d,
  (d) => fullWidth(`${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`),
  (d) => fullWidth(d),
  (d) => `${d.slice(0, 3)} - ${d.slice(3, 6)} - ${d.slice(6)}`,
  (d) => `${d.slice(0, 3)}  ${d.slice(3, 6)}  ${d.slice(6)}`,
];
const upnForms: ((u: string) => string)[] = [
  (u) => u,
  (u) => u.toLowerCase(),
  (u) => `${u[0]} ${u.slice(1, 4)} ${u.slice(4, 8)} ${u.slice(8, 10)} ${u.slice(10)}`,
  (u) => `${u.slice(0, 4)} ${u.slice(4, 8)} ${u.slice(8)}`,
  (u) => `${u[0]}-${u.slice(1, 4)}-${u.slice(4, 8)}-${u.slice(8)}`,
];
const postcodes = ['SW1A 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'EC1A 1BB', 'W1A 0AX', 'LS1 4AP', 'GU16 7HF', 'L1 8JQ', 'NE1 4ST', 'BD1 1HY'];
const postcodeForms: ((p: string) => string)[] = [(p) => p, (p) => p.toLowerCase(), (p) => p.replace(' ', ''), (p) => p.replace(' ', '').toLowerCase(), (p) => p.replace(' ', '  ')];
const firstNames = ['Harry', 'Amelia', 'Oliver', 'Isla', 'Mohammed', 'Ava', 'George', 'Olivia', 'Noah', 'Freya', 'Jack', 'Aisha', 'Leo', 'Grace', 'Muhammad', 'Ruby'];
const surnames = ['Brown', 'Smith', 'Khan', 'Taylor', 'Patel', 'Wilson', 'Evans', 'Hussain', 'Walker', 'Wright', 'Thompson', 'Ali', 'Roberts', 'Johnson'];
const domains = ['example.org', 'example.com', 'example.co.uk'];
const emailForms: ((local: string, domain: string) => string)[] = [
  (l, d) => `${l}@${d}`,
  (l, d) => `${l}(at)${d}`,
  (l, d) => `${l} [at] ${d}`,
  (l, d) => `${l}(at)${d.replaceAll('.', '(dot)')}`,
  (l, d) => `${l} at ${d.replaceAll('.', ' dot ')}`,
  (l, d) => `${l} [at] ${d.replaceAll('.', '[dot]')}`,
  (l, d) => `${l.toUpperCase()}@${d.toUpperCase()}`,
  (l, d) => `${l} at ${d}`,
];
const phones = ['07700 900123', '07700900456', '+44 7700 900789', '+44 (0)113 496 0000', '(0113) 496 0123', '0113 496 0456', '020 7946 0321', '0161-496-0999', '07700-900-111', '0044 7700 900222', '01632 960001', '0117 496 0777'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function dobText(): string {
  const y = 2005 + Math.floor(rnd() * 18);
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  const two = (n: number) => String(n).padStart(2, '0');
  return pick([
    `${y}-${two(m)}-${two(d)}`,
    `${two(d)}/${two(m)}/${y}`,
    `${d}/${m}/${String(y).slice(2)}`,
    `${d}.${m}.${y}`,
    `${d} ${months[m - 1]} ${y}`,
    `${d}th ${months[m - 1]?.slice(0, 3)} ${y}`,
    `${months[m - 1]} ${d}, ${y}`,
  ]);
}

const contexts = [
  (x: string) => `Please call me on ${x} about the taxi`,
  (x: string) => `His number is ${x} if the school needs it.`,
  (x: string) => `The form asked for ${x} again and nobody had it on file`,
  (x: string) => `You can reach our family at ${x}, we are still waiting for the EHC plan`,
  (x: string) => `${x} - this is for my daughter, she started Year 7 in September`,
  (x: string) => `Details: ${x}. The SENCO said the assessment would be 20 weeks.`,
  (x: string) => `(${x}) the OT service was helpful but slow`,
  (x: string) => `We moved house, new details ${x}, the Local Offer page is out of date`,
];

function positives(): Example[] {
  const out: Example[] = [];
  const add = (label: string, id: string, make = pick(contexts)) => out.push({ label, text: make(id), identifiers: [id] });
  for (let i = 0; i < 45; i++) add('NHS number', nhsForms[i % nhsForms.length]!(nhsNumber()));
  for (let i = 0; i < 15; i++) add('ULN', pick([(u: string) => u, (u: string) => `${u.slice(0, 3)} ${u.slice(3, 6)} ${u.slice(6)}`])(uln()));
  for (let i = 0; i < 25; i++) add('UPN', upnForms[i % upnForms.length]!(upn()));
  for (let i = 0; i < 30; i++) add('postcode', postcodeForms[i % postcodeForms.length]!(pick(postcodes)));
  for (let i = 0; i < 32; i++) {
    const local = pick([`${pick(firstNames)}.${pick(surnames)}`.toLowerCase(), `${pick(firstNames).toLowerCase()}${digits(2)}`, `${pick(surnames).toLowerCase()}_family`]);
    add('email address', emailForms[i % emailForms.length]!(local, pick(domains)));
  }
  for (let i = 0; i < 36; i++) add('phone number', phones[i % phones.length]!);
  for (let i = 0; i < 30; i++) {
    const date = dobText();
    const name = `${pick(firstNames)} ${pick(surnames)}`;
    const form = i % 6;
    const text = [
      `${name} DOB ${date} has been waiting since March for speech therapy`,
      `Re: ${name}, date of birth ${date}. Still no school place.`,
      `My son ${name} (born ${date}) needs a new assessment`,
      `${name} d.o.b. ${date} - please update the plan`,
      `Child: ${name}, D.O.B: ${date}, Year 3`,
      `${date} (DOB) ${name} - the annual review was missed`,
    ][form]!;
    out.push({ label: 'name and date of birth', text, identifiers: [name, date] });
  }
  // Several at once, as a worried parent writes them.
  for (let i = 0; i < 12; i++) {
    const nhs = nhsForms[i % 5]!(nhsNumber());
    const email = `${pick(firstNames).toLowerCase()}.${pick(surnames).toLowerCase()}@${pick(domains)}`;
    const phone = pick(phones);
    const pc = pick(postcodes);
    out.push({ label: 'several', text: `NHS no ${nhs}, email ${email}, tel ${phone}, we live at ${pc}`, identifiers: [nhs, email, phone, pc] });
  }
  // Harder forms, written by hand: lower-case names, names after titles, identifiers at the
  // very start or end, glued to punctuation.
  const hand: [string, string[]][] = [
    ['harry brown dob 21/07/2016 still has no school place', ['harry brown', '21/07/2016']],
    ['Mrs Patel said Aisha Khan (DOB 03.04.2015) would be seen in May', ['Aisha Khan', '03.04.2015']],
    ['NHS:9990000018.', ['9990000018']],
    ['email:jo_bloggs@example.org.', ['jo_bloggs@example.org']],
    ['Call 07700 900123!', ['07700 900123']],
    ['postcode LS1 4AP.', ['LS1 4AP']],
    ['UPN=' + upn(), []],
    ['Born 1st January 2016, Oliver Wright has autism', ['1st January 2016', 'Oliver Wright']],
    ['For Leo Ali, date of birth 2015-09-30, the plan is overdue', ['Leo Ali', '2015-09-30']],
    ['jane dot smith at example dot org replied after 3 weeks', ['jane dot smith at example dot org']],
  ];
  for (const [text, ids] of hand) out.push({ label: 'hand-written', text, identifiers: ids.length ? ids : [text.slice(4)] });
  return out;
}

const negativeTexts = [
  'We waited 20 weeks for the EHC plan and it arrived on 12/03/2024.',
  'My son started Year 7 at Park View Academy in September 2023 and the support has been good.',
  'The personal budget of £1,250.50 a year does not cover the cost of a carer.',
  'Since he was born he has needed help with feeding, and the dietitian has been brilliant.',
  'The annual review was on 3 May 2024 but the paperwork came 6 weeks later.',
  'CAMHS told us the wait is 18 months, which is far too long.',
  'The taxi picks her up at 7.45 and gets to school at 9.10, a very long journey.',
  'We were told the 20-week deadline would be met but it was 31 weeks in the end.',
  'The SALT sessions went from 6 to 3 a term without any explanation.',
  'The EHC plan reference on the letter was EHC-2024-0153 and nobody could find it.',
  'Year 10 is when the transition planning should start, not Year 11.',
  'Rated 4 out of 5 because the staff were kind but the building is not accessible.',
  'The Local Offer lists 12 holiday clubs in Leeds but only 2 take children with autism.',
  'We had 3 different caseworkers in 12 months and had to repeat our story each time.',
  'At the meeting on 14th February 2024 they agreed 1:1 support for 25 hours a week.',
  'The bus number 42 stops right outside the college, travel training really helped.',
  'The A1 road closure meant the minibus was an hour late every day for a fortnight.',
  'Our DLA is £72.65 a week and the short breaks cost more than that.',
  'KS2 results came back and the school said he needs more support in Y6.',
  'The occupational therapy waiting list is 40 weeks in Bradford and 26 weeks in Wakefield.',
  'She is 16 now and the college place was only confirmed in August.',
  'The tribunal hearing was listed for 2 October and then moved to 11 December.',
  'The respite centre on Ward 23 has 4 beds for the whole of the city.',
  'We phoned the helpline 5 times and emailed twice before anyone replied.',
  'They asked for his DOB again even though it is on every form we have sent.',
  'He was born early and has been under the neonatal team since then.',
  'Over 50% of the plans I have seen were late, this needs to change.',
  'The portage service visited every 2 weeks from when she was 18 months old.',
  'Meeting room 4B at the civic centre is not wheelchair accessible.',
  'The app said 3pm but the session started at 3.30pm and finished at 4.15pm.',
  'The 0-25 SEND team has been restructured twice since 2022.',
  'We met the SENCO at school and she explained the graduated approach really well.',
  'I was at home all day waiting for the equipment delivery that never came.',
  'The new hydrotherapy pool at St James is open 7 days a week.',
  'Our case reference is 2024/00153 but the council keeps losing our letters.',
  'The consultant at Leeds General Infirmary saw her within 4 weeks, which was great.',
  'The Year 6 to Year 7 transition visits were really well organised.',
  'Between 1 April 2023 and 31 March 2024 we had no contact at all from the team.',
  'The short breaks grant went up from £300 to £450 this year.',
  'It took 9 months to get a wheelchair assessment and another 3 for the chair.',
  'He scored 85 on the assessment, 15 points below the threshold.',
  'The parent carer forum meets on the 2nd Tuesday of the month at 10am.',
  'The EHCP was issued at week 19, just inside the 20 week limit.',
  'After 2 years of asking, the school finally got a specialist teacher in.',
  'My daughter is in Y9 and the careers advice has been poor.',
  'The M62 roadworks mean the journey to the special school takes 90 minutes.',
  'Apprenticeships at the council only had 2 places for young people with SEND.',
  'The information evening on 5th June 2024 was very useful, thank you.',
  'Our social worker changed 4 times in 2023.',
  'The autism assessment pathway is 2.5 years long in our area.',
];

function negatives(): Example[] {
  const out: Example[] = negativeTexts.map((text) => ({ label: 'feedback', text, identifiers: [] }));
  const refs = [
    (n: string) => `The invoice number ${n} was paid twice by the council.`,
    (n: string) => `Order ${n} for the specialist chair is still not delivered.`,
    (n: string) => `Our reference is ${n}, please quote it when you reply.`,
    (n: string) => `Ticket ${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)} was closed without an answer.`,
    (n: string) => `The portal shows case ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)} as resolved, it is not.`,
  ];
  for (let i = 0; i < 60; i++) out.push({ label: '10-digit number failing the checks', text: refs[i % refs.length]!(failingTenDigits()), identifiers: [] });
  const amounts = ['£12.50', '£1,200', '£3,450.75', '£90', '£15,000'];
  const weeks = ['6', '12', '20', '26', '38', '52'];
  const services = ['speech and language therapy', 'CAMHS', 'occupational therapy', 'the short breaks service', 'school transport', 'the SENDIASS service', 'physiotherapy', 'educational psychology'];
  const places = ['Leeds', 'Bradford', 'Wakefield', 'Kirklees', 'Calderdale', 'Harrogate', 'York'];
  const years = ['Year 1', 'Year 3', 'Year 7', 'Year 9', 'Year 11', 'Year 13', 'Reception'];
  const dates = ['12/03/2024', '1 September 2023', '2024-01-15', '31.03.2024', 'March 2024', '5th June', '14 Feb 2025'];
  for (let i = 0; i < 110; i++) {
    const text = [
      `We waited ${pick(weeks)} weeks for ${pick(services)} in ${pick(places)}.`,
      `From ${pick(dates)} ${pick(services)} stopped, and we were not told why.`,
      `The budget of ${pick(amounts)} did not go far, ${pick(services)} costs more in ${pick(places)}.`,
      `My child is in ${pick(years)} and has had ${pick(services)} since ${pick(dates)}.`,
      `In ${pick(places)} the EHC plan took ${pick(weeks)} weeks; the annual review on ${pick(dates)} was cancelled.`,
      `${pick(services)} rated 2 out of 5, ${pick(weeks)} week wait, the staff in ${pick(places)} were kind though.`,
    ][i % 6]!;
    out.push({ label: 'templated feedback', text, identifiers: [] });
  }
  return out;
}

export const corpus = { positives: positives(), negatives: negatives() };
