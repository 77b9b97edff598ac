import { nhsNumberValid, ulnValid, upnValid } from './check-digits.ts';

// Pattern finders, one per kind of identifier, over folded text (fold.ts). Each returns
// spans; check digits decide between a number that is an identifier and one that is not.

export type IdentifierKind =
  | 'NHS number'
  | 'ULN'
  | 'UPN'
  | 'postcode'
  | 'email address'
  | 'phone number'
  | 'date of birth'
  | 'person name';

export interface Finding {
  kind: IdentifierKind;
  start: number;
  end: number;
}

type Finder = (text: string) => Finding[];

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    yield m;
  }
}

const span = (kind: IdentifierKind, m: RegExpExecArray, group = 0): Finding => {
  const text = m[group] ?? '';
  const start = m.index + m[0].indexOf(text);
  return { kind, start, end: start + text.length };
};

// E-mail addresses, also written to dodge filters: jane(at)example(dot)org, jane [at] example.org,
// "jane dot smith at example dot org" (this last only with a familiar ending, so "met at 3.30" is not one).
const OPEN = '[\\(\\[\\{<]\\s*';
const CLOSE = '\\s*[\\)\\]\\}>]';
const WORD = '[A-Za-z0-9][A-Za-z0-9_%+-]*';
const DOT_ANY = `(?:\\s*\\.\\s*|\\s*${OPEN}dot${CLOSE}\\s*|\\s+dot\\s+)`;
const LOCAL = `${WORD}(?:(?:\\.|${DOT_ANY})${WORD})*`;
const TLD = '(?:com|org|net|uk|gov|nhs|ac|co|sch|edu|info|io|me|biz|scot|wales|cymru)';
const emailPatterns = [
  new RegExp(`[A-Za-z0-9._%+-]+\\s?@\\s?[A-Za-z0-9-]+(?:\\s?\\.\\s?[A-Za-z0-9-]+)+`, 'g'),
  new RegExp(`${LOCAL}\\s*${OPEN}at${CLOSE}\\s*${WORD}(?:${DOT_ANY}${WORD})*${DOT_ANY}[A-Za-z]{2,}\\b`, 'gi'),
  new RegExp(`${LOCAL}\\s+at\\s+${WORD}(?:${DOT_ANY}${WORD})*${DOT_ANY}${TLD}\\b`, 'gi'),
];
/** Cheap tests that must pass before each e-mail pattern is tried (most comments pass none). */
const bracketedAt = new RegExp(`${OPEN}at${CLOSE}`, 'i');
const endingAfterDot = new RegExp(`(?:\\.|dot)\\s*[\\)\\]\\}>]?\\s*${TLD}\\b`, 'i');
const emailGates: ((text: string) => boolean)[] = [
  (t) => t.includes('@'),
  (t) => bracketedAt.test(t),
  (t) => /\sat\s/i.test(t) && endingAfterDot.test(t),
];
const findEmails: Finder = (text) =>
  emailPatterns.flatMap((p, i) => (emailGates[i]?.(text) ? [...matches(p, text)].map((m) => span('email address', m)) : []));

// Runs of digit groups ("943 476 5919", "943-476-5919", "943.476.5919", "9434765919"): ten
// digits in groups of three or more that pass the NHS or ULN check.
const SEP = '(?:\\s{1,3}|\\s?[-./_]\\s?)';
const digitRun = new RegExp(`(?<![0-9])[0-9]{2,}(?:${SEP}[0-9]{2,})*(?![0-9])`, 'g');

const findTenDigitNumbers: Finder = (text) => {
  const out: Finding[] = [];
  for (const m of matches(digitRun, text)) {
    const groups = [...matches(/[0-9]+/g, m[0])].map((g) => ({ digits: g[0], start: m.index + g.index }));
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && digits.length < 10; j++) {
        const g = groups[j];
        if (!g) break;
        digits += g.digits;
        if (digits.length !== 10 || groups.slice(i, j + 1).some((x) => x.digits.length < 3 && j > i)) continue;
        const kind = nhsNumberValid(digits) ? 'NHS number' : ulnValid(digits) ? 'ULN' : null;
        if (kind) out.push({ kind, start: groups[i]?.start ?? m.index, end: g.start + g.digits.length });
      }
    }
  }
  return out;
};

// UPN: a letter and twelve characters. Written solid it is taken as a UPN whatever its check
// letter; spaced out ("A 123 4567 89 012") or temporary (last character a letter) it must pass the check.
const upnPattern = /(?<![A-Za-z0-9])[A-Za-z](?:[ -]?[0-9]){11}[ -]?[0-9A-Za-z](?![A-Za-z0-9])/g;
const findUpns: Finder = (text) =>
  [...matches(upnPattern, text)]
    .filter((m) => {
      const solid = m[0].replace(/[ -]/g, '');
      return (/^[A-Za-z][0-9]{12}$/.test(m[0]) && solid === m[0]) || upnValid(solid);
    })
    .map((m) => span('UPN', m));

// UK postcodes in any case, spaced or not ("LS1 4AP", "ls14ap"); a school year or key stage
// followed by an ordinal ("Y6 2nd", "KS2 4th") is not one.
const postcodePattern =
  /(?<![A-Za-z0-9])(?:GIR\s?0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)\s{0,2}[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/gi;
const findPostcodes: Finder = (text) =>
  [...matches(postcodePattern, text)].filter((m) => !/^(?:Y|YR|KS)[0-9]{1,2}\s*[0-9](?:st|nd|rd|th)$/i.test(m[0])).map((m) => span('postcode', m));

// UK phone numbers: 0 and 9-10 more digits, or +44/0044 (optionally "(0)") and 9-10 digits,
// spaced, hyphenated, dotted or with the area code in brackets; also glued to a letter ("x07700900123").
const phonePattern = /(?<![0-9+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(0(?=[0-9]{2,4}\))|0)(?:[\s\-.)]{0,2}[0-9]){9,10}(?![0-9])/g;
const findPhones: Finder = (text) =>
  [...matches(phonePattern, text)]
    .filter((m) => {
      const digits = m[0].replace(/^(?:\+|00)\s?44\s?(?:\(0\)\s?)?/, '0').replace(/[^0-9]/g, '');
      return digits.length === 10 || digits.length === 11;
    })
    .map((m) => span('phone number', m));

// A date next to words that say it is a date of birth: "DOB 2016-07-21", "born on 21st July
// 2016", "date of birth: 21/07/2016", "21/07/2016 (DOB)". A date alone is not an identifier.
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE = [
  '[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}',
  '[0-9]{1,2}\\s?[-/.]\\s?[0-9]{1,2}\\s?[-/.]\\s?[0-9]{2,4}',
  `[0-9]{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+[0-9]{2,4}`,
  `${MONTH}\\.?\\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\\s+[0-9]{4}`,
  `${MONTH}\\.?,?\\s+[0-9]{4}`,
].join('|');
export const DOB_WORDS = '(?:d\\.?\\s?o\\.?\\s?b\\.?|date\\s+of\\s+birth|birth\\s*date|born|birthday)';
const dobAfter = new RegExp(
  `(?<![A-Za-z])${DOB_WORDS}(?![A-Za-z])[\\s:=\\-(,]*(?:(?:is|was|on|in|of)\\s+)*(?:the\\s+)?(${DATE})(?![0-9])`,
  'gi',
);
const dobBefore = new RegExp(`(?<![0-9])(${DATE})\\s*[(\\[,-]?\\s*(?:${DOB_WORDS})(?![A-Za-z])`, 'gi');
const dobGate = /d\.?\s?o\.?\s?b|birth|born/i;
const findDatesOfBirth: Finder = (text) =>
  dobGate.test(text) ? [...matches(dobAfter, text), ...matches(dobBefore, text)].map((m) => span('date of birth', m, 1)) : [];

/** Every finder but names, which need the others to decide (names.ts). */
export const finders: readonly Finder[] = [findEmails, findTenDigitNumbers, findUpns, findPostcodes, findPhones, findDatesOfBirth];

/** Where the words that mark a date of birth are: a name right before them is redacted too. */
export const dobWordPattern = new RegExp(`(?<![A-Za-z])${DOB_WORDS}(?![A-Za-z])`, 'gi');
export { matches };
