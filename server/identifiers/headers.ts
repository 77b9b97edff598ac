import { findIdentifiers } from './detect.ts';
import { foldText } from './fold.ts';

// Column headers that mean a direct identifier, in any spelling: "NHS Number", "nhs_no",
// "NHSNumber", "Date of Birth", "DOB", "e-mail", "Email Address", "Post Code", "Forename",
// "first name". A header is compared with its separators, case and camel humps removed.

/** Whole squashed headers that are identifiers. */
const exact: readonly RegExp[] = [
  /^(?:child|pupil|person|youngperson|student|learner|parent|carer|guardian|mother|father|preferred|legal|known)?(?:first|fore|sur|last|family|given|full|middle|christian|maiden)?names?$/,
  /^(?:home|postal|street|residential|current|full|previous)?address(?:line)?[0-9]*$/,
  /^(?:home|full|current)?post(?:al)?code$|^zip(?:code)?$/,
  /^e?mail(?:address)?$/,
  /^(?:home|mobile|contact|work)?(?:tele)?phone(?:number|no)?$|^mobile(?:number|no)?$|^tel(?:no|number)?$/,
  /^nhs(?:number|no|num|nr|id)$/,
  /^upn$|^uln$/,
  /^(?:dob|birthdate|birthday|dateofbirth)$/,
  /^(?:ni|nino|nationalinsurance)(?:number|no)?$/,
];

/** Squashed fragments that make any header containing them an identifier ("Child's Date of Birth"). */
const fragments = [
  'dateofbirth', 'nhsnumber', 'nhsno', 'emailaddress', 'postcode', 'forename', 'surname', 'firstname', 'lastname',
  'familyname', 'givenname', 'fullname', 'uniquepupilnumber', 'uniquelearnernumber', 'phonenumber', 'mobilenumber',
  'homeaddress', 'nationalinsurance',
];

const squash = (header: string): string =>
  foldText(header)
    .replace(/^\uFEFF/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

export interface HeaderVerdict {
  /** What the header looks like, in words ("a date of birth column"). */
  kind: string;
  /** False when the header text itself holds an identifier value: it must not be repeated. */
  echo: boolean;
}

/** Why a column header marks a file that must be refused, or null for an ordinary header. */
export function identifierHeader(header: string): HeaderVerdict | null {
  const value = findIdentifiers(header, 'none')[0];
  if (value) return { kind: `a header holding an identifier (${value.kind})`, echo: false };
  const s = squash(header);
  if (s === '') return null;
  if (exact.some((p) => p.test(s)) || fragments.some((f) => s.includes(f))) return { kind: 'a direct identifier column', echo: true };
  return null;
}
