// Check digits of the identifiers that carry one. A number that fails its check is not
// that identifier (a mistyped one is, but so is any 10-digit order reference: the check is
// what keeps redaction from eating every long number in the text).

const digitsOf = (s: string): number[] => [...s].map((c) => c.charCodeAt(0) - 48);

/** NHS number: weights 10..2 on the first nine digits; 11 - (sum mod 11), 11 → 0, 10 → never valid. */
export function nhsNumberValid(digits: string): boolean {
  if (!/^[0-9]{10}$/.test(digits)) return false;
  const d = digitsOf(digits);
  const sum = d.slice(0, 9).reduce((acc, v, i) => acc + v * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === d[9];
}

/** Unique Learner Number: the same weights, check digit 10 - (sum mod 11); never starts with 0. */
export function ulnValid(digits: string): boolean {
  if (!/^[1-9][0-9]{9}$/.test(digits)) return false;
  const d = digitsOf(digits);
  const sum = d.slice(0, 9).reduce((acc, v, i) => acc + v * (10 - i), 0);
  const check = 10 - (sum % 11);
  return check === d[9];
}

/** The 23 letters of UPN check characters (no I, O or S). */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * Unique Pupil Number (DfE): a check letter then 12 characters (the last a letter in a
 * temporary UPN). Characters 2-13 are weighted by their position (2..13); the sum mod 23
 * indexes the check letter.
 */
export function upnValid(upn: string): boolean {
  const u = upn.toUpperCase();
  if (!/^[A-Z][0-9]{11}[0-9A-Z]$/.test(u)) return false;
  let sum = 0;
  for (let i = 1; i < 13; i++) {
    const c = u[i] ?? '';
    const value = /[0-9]/.test(c) ? Number(c) : UPN_LETTERS.indexOf(c);
    if (value < 0) return false;
    sum += value * (i + 1);
  }
  return UPN_LETTERS[sum % 23] === u[0];
}

/** The check letter a UPN body of 12 characters needs (test fixtures build UPNs with it). */
export function upnCheckLetter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const c = body[i] ?? '0';
    sum += (/[0-9]/.test(c) ? Number(c) : UPN_LETTERS.indexOf(c)) * (i + 2);
  }
  return UPN_LETTERS[sum % 23] ?? 'A';
}
