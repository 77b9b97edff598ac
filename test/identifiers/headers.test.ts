import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../server/extract/spec.ts';
import { identifierHeader } from '../../server/identifiers/index.ts';
import { attackBench, expectRefused, type AttackBench, type Snapshot } from '../attack/helpers.ts';

// Issue 15, point 1: a column header that names a direct identifier in any spelling refuses
// the file (it used to be ignored, and its name shown to viewers in /api/data-status); a
// header that itself holds an identifier is refused without being repeated.

let b: AttackBench;
let fixture: Snapshot;
beforeAll(async () => {
  b = await attackBench();
  fixture = await b.snapshot();
});
afterAll(() => b.cleanup());

/** A copy of the fixture whose children.csv has one more column, `header`, empty on every row. */
function withColumn(header: string): string {
  return b.variant((dir) => {
    const path = join(dir, 'children.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, lines.map((l, i) => (l === '' ? l : i === 0 ? `${l},"${header}"` : `${l},`)).join('\n'));
  });
}

const spellings = [
  'NHS Number', 'nhs_no', 'NHSNumber', 'NHS No.', 'Date of Birth', 'DOB', 'date-of-birth', 'DateOfBirth', 'e-mail', 'Email Address',
  'E-Mail', 'Post Code', 'postcode', 'POSTCODE', 'Forename', 'Surname', 'first name', 'Last Name', 'UPN', 'ULN',
  'Unique Pupil Number', "Child's Date of Birth", 'Home Address', 'Phone Number', 'Mobile', 'Full Name',
];

describe('a header naming a direct identifier (issue 15, point 1)', () => {
  it.each(spellings)('"%s" refuses the file with one clear line', async (header) => {
    await expectRefused(b.db, withColumn(header), /^children\.csv refused: column 10 "[^"]+" is a direct identifier column, which an extract must not carry/);
    expect(await b.snapshot()).toEqual(fixture);
  });

  it.each([
    ['an e-mail address', 'jo.bloggs@example.org', ['jo.bloggs', 'example.org']],
    ['an NHS number', '943 476 5919', ['943', '5919']],
    ['an obfuscated e-mail address', 'jane.smith(at)example.org', ['jane', 'example']],
  ])('a header that is %s refuses the file without repeating it', async (_label, header, never) => {
    const error = await expectRefused(b.db, withColumn(header), /^children\.csv refused: column 10 is a header holding an identifier \([a-zA-Z ]+\)/);
    for (const part of never) expect(error.message).not.toContain(part);
    expect(await b.snapshot()).toEqual(fixture);
  });
});

describe('identifierHeader', () => {
  it('finds every spelling above and none of the contract columns but the services\' name', () => {
    for (const header of spellings) expect(identifierHeader(header), header).not.toBeNull();
    const flagged = tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`).filter((n) => identifierHeader(n.split('.')[1] ?? '')));
    expect(flagged).toEqual(['local_offer_services.name']);
  });

  it('leaves ordinary extra columns alone', () => {
    for (const header of ['notes', 'Notes', 'school_type', 'Team', 'rating_2', 'LSOA', 'locality', 'Date received', 'Service Name'])
      expect(identifierHeader(header), header).toBeNull();
  });
});
