import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExtractError } from '../ingest/discover.ts';
import { repoRoot } from '../sql-files.ts';

// Pseudonymisation at the door (README "Pseudonymisation"): the direct identifiers of a return
// are turned into a keyed hash, a birth month and a locality as each record is read, and go no
// further. The key is the LA's own secret: without it nobody can recompute or reverse a child_id.

const KEY_BYTES = 32;

/** Reads the key at `path`, creating it (32 random bytes, mode 0600) on first use. */
export function loadPseudonymKey(path: string): Buffer {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, randomBytes(KEY_BYTES).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new ExtractError(`The pseudonymisation key ${path} is not 64 hexadecimal characters: restore it from backup`);
  return Buffer.from(hex, 'hex');
}

// Letters only (no I, O, digits): a pseudonym can never look like an NHS number, UPN or postcode.
const ALPHABET = 'abcdefghjkmnpqrs';

/** HMAC-SHA-256 of `kind:value`, first 128 bits as 32 letters. */
export function keyedHash(key: Buffer, kind: string, value: string): string {
  const mac = createHmac('sha256', key).update(`${kind}:${value}`).digest();
  let out = '';
  for (const byte of mac.subarray(0, 16)) out += (ALPHABET[byte >> 4] ?? '') + (ALPHABET[byte & 15] ?? '');
  return out;
}

const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The DfE UPN check letter of the last 12 characters of a UPN (weights 2-13, modulus 23). */
export function upnCheckLetter(rest: string): string {
  let sum = 0;
  [...rest].forEach((ch, i) => {
    const value = /\d/.test(ch) ? Number(ch) : UPN_CHECK_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  });
  return UPN_CHECK_LETTERS[sum % 23] ?? '?';
}

/** A UPN: check letter + 11 digits + a digit (or a letter for a temporary UPN), check letter right. */
export const validUpn = (upn: string): boolean =>
  /^[A-Z]\d{11}[0-9A-Z]$/.test(upn) && upnCheckLetter(upn.slice(1)) === upn[0];
export const validUln = (uln: string): boolean => /^\d{10}$/.test(uln);

export interface PersonIdentifiers {
  upn: string;
  uln: string;
  laChildId: string;
  /** Forename + surname + birth date, the last resort when the return has no UPN, ULN or LA child ID. */
  nameAndBirth: string;
}

/** The child's pseudonym from the best stable identifier: UPN, else ULN, else LA child ID, else name and birth date. */
export function childPseudonym(key: Buffer, ids: PersonIdentifiers): string | null {
  if (ids.upn) return keyedHash(key, 'upn', ids.upn.toUpperCase());
  if (ids.uln) return keyedHash(key, 'uln', ids.uln);
  if (ids.laChildId) return keyedHash(key, 'lachildid', ids.laChildId.trim().toUpperCase());
  if (ids.nameAndBirth) return keyedHash(key, 'name', ids.nameAndBirth);
  return null;
}

export const normaliseName = (forename: string, surname: string, birthDate: string): string =>
  forename && surname && birthDate ? `${forename}|${surname}|${birthDate}`.toUpperCase().replace(/[^A-Z0-9|-]/g, '') : '';

/** Postcode sector → locality and district → locality, from the LA's optional localities.csv. */
export class LocalityLookup {
  private constructor(private readonly byPrefix: Map<string, string> | null) {}

  static none(): LocalityLookup {
    return new LocalityLookup(null);
  }

  static fromFile(path: string): LocalityLookup {
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim());
    const header = (lines.shift() ?? '').toLowerCase().split(',').map((h) => h.trim());
    const prefixAt = header.findIndex((h) => ['postcode_sector', 'postcode_district', 'postcode_prefix', 'prefix'].includes(h));
    const localityAt = header.indexOf('locality');
    if (prefixAt < 0 || localityAt < 0) throw new ExtractError('localities.csv needs the columns postcode_prefix (a sector such as "LS1 4" or a district such as "LS1") and locality');
    const map = new Map<string, string>();
    for (const line of lines) {
      const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
      const prefix = normalisePostcode(cells[prefixAt] ?? '');
      const locality = cells[localityAt] ?? '';
      if (prefix && locality) map.set(prefix, locality);
    }
    return new LocalityLookup(map);
  }

  /** The locality of a postcode: its sector, else its district; "unknown" if neither is listed; null with no lookup. */
  localityOf(postcode: string): string | null {
    if (!this.byPrefix) return null;
    const pc = normalisePostcode(postcode);
    const [outward = '', inward = ''] = pc.split(' ');
    const sector = inward ? `${outward} ${inward[0] ?? ''}` : '';
    return (sector && this.byPrefix.get(sector)) || this.byPrefix.get(outward) || 'unknown';
  }
}

/** Upper case, one space before the inward code ("ls14ab" → "LS1 4AB"); prefixes stay as given. */
export function normalisePostcode(value: string): string {
  const compact = value.toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  return value.toUpperCase().trim().replace(/\s+/g, ' ');
}

let laCodes: Map<string, string> | null = null;

/** ONS code of an LA from its old three-digit DfE code (data/reference/areas.csv). */
export function laFromOldCode(oldCode: string): string | null {
  if (!laCodes) {
    laCodes = new Map();
    const lines = readFileSync(join(repoRoot, 'data', 'reference', 'areas.csv'), 'utf8').split(/\r?\n/);
    const header = (lines.shift() ?? '').split(',');
    const code = header.indexOf('area_code');
    const old = header.indexOf('old_la_code');
    for (const line of lines) {
      const cells = line.split(',');
      if (cells[old] && cells[code]) laCodes.set(cells[old], cells[code]);
    }
  }
  return laCodes.get(oldCode.trim()) ?? null;
}
