import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReturnsCollector } from '../../server/returns/collector.ts';
import { Establishments } from '../../server/returns/establishments.ts';
import { childPseudonym, keyedHash, LocalityLookup, upnCheckLetter, validUpn } from '../../server/returns/pseudonymise.ts';
import { fileContext } from '../../server/returns/read-returns.ts';
import { readSen2Person } from '../../server/returns/sen2.ts';
import { readReturnXml, type ReturnHeader, type XmlNode } from '../../server/returns/xml-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'returns-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = Buffer.alloc(32, 7);

async function read(xml: string): Promise<{ header: ReturnHeader | null; records: XmlNode[] }> {
  const path = join(dir, 'r.xml');
  writeFileSync(path, xml);
  let header: ReturnHeader | null = null;
  const records: XmlNode[] = [];
  await readReturnXml(path, 'r.xml', { onHeader: (h) => (header = h), onRecord: (r) => records.push(r) });
  return { header, records };
}

const HEADER = '<Message><Header><CollectionDetails><Collection>SEN2</Collection><Year>2025</Year><ReferenceDate>2025-01-16</ReferenceDate></CollectionDetails><Source><LEA>383</LEA></Source></Header>';

describe('return reader units', () => {
  it('UPN check letters follow the DfE rule (weights 2-13, modulus 23, no I, O or S)', () => {
    expect(upnCheckLetter('383200124001')).toBe('T');
    expect(validUpn('T383200124001')).toBe(true);
    expect(validUpn('A383200124001')).toBe(false);
    expect(validUpn('T38320012400')).toBe(false);
  });

  it('child ids are keyed: UPN first, letters only, different under another key', () => {
    const id = childPseudonym(key, { upn: 'T383200124001', uln: '1234567890', laChildId: 'L1', nameAndBirth: '' });
    expect(id).toBe(keyedHash(key, 'upn', 'T383200124001'));
    expect(id).toMatch(/^[a-z]{32}$/);
    expect(childPseudonym(Buffer.alloc(32, 8), { upn: 'T383200124001', uln: '', laChildId: '', nameAndBirth: '' })).not.toBe(id);
    expect(childPseudonym(key, { upn: '', uln: '1234567890', laChildId: 'L1', nameAndBirth: '' })).toBe(keyedHash(key, 'uln', '1234567890'));
  });

  it('maps a postcode to its sector, else its district, else unknown', () => {
    const path = join(dir, 'localities.csv');
    writeFileSync(path, 'postcode_prefix,locality\nLS6 1,North\nLS6,West\n');
    const lookup = LocalityLookup.fromFile(path);
    expect(lookup.localityOf('ls61ab')).toBe('North');
    expect(lookup.localityOf('LS6 2AB')).toBe('West');
    expect(lookup.localityOf('BD1 1AA')).toBe('unknown');
    expect(LocalityLookup.none().localityOf('LS6 1AB')).toBeNull();
  });

  it('withholds an identifier exported into a code element, in the quarantine and the reason', async () => {
    const { header, records } = await read(
      `${HEADER}<Persons><Person><Surname>Zed</Surname><Forename>Ann</Forename><PersonBirthDate>2012-01-05</PersonBirthDate>` +
        '<Sex>F</Sex><Ethnicity>LS6 1AB</Ethnicity><UPN>T383200124001</UPN></Person>' +
        '<Person><PersonBirthDate>2012-01-05</PersonBirthDate><Sex>F</Sex><Ethnicity>Zedwardson</Ethnicity><UPN>G383200124002</UPN></Person>' +
        '<Person><Surname>Ox</Surname><PersonBirthDate>2012-01-05</PersonBirthDate><Sex>Ox</Sex><UPN>K383200124004</UPN></Person>' +
        '<Person><PersonBirthDate>2012-01-05</PersonBirthDate><Sex>Q</Sex><UPN>Z383200124005</UPN></Person></Persons></Message>',
    );
    const out = new ReturnsCollector();
    const file = fileContext('r.xml', header as unknown as ReturnHeader);
    for (const r of records) readSen2Person(file, r, { key, localities: LocalityLookup.none(), establishments: Establishments.none(), out });
    expect(out.rejects.map((r) => [r.element, r.value, r.reason])).toEqual([
      ['Ethnicity', '[withheld]', 'Ethnicity is not a code of the guide'],
      ['Ethnicity', '[withheld]', 'Ethnicity is not a code of the guide'],
      ['Sex', '[withheld]', 'Sex "[withheld]" is not a code of the guide'],
      ['Sex', 'Q', 'Sex "Q" is not a code of the guide'],
    ]);
  });

  it('reads the header, then one record at a time; a well-formedness error names the file and line only', async () => {
    const { header, records } = await read(`${HEADER}<Persons><Person><UPN>T383200124001</UPN></Person><Person/></Persons></Message>`);
    expect(header).toEqual({ collection: 'SEN2', year: '2025', referenceDate: '2025-01-16', lea: '383' });
    expect(records.map((r) => r.name)).toEqual(['Person', 'Person']);
    await expect(read(`${HEADER}<Persons><Person><UPN>T383200124001</Person></Persons></Message>`)).rejects.toThrow(/^r\.xml is not well-formed XML \(line 1\)/);
    await expect(read(`${HEADER}<Persons><Person><UPN>T383200124001</Person></Persons></Message>`)).rejects.not.toThrow(/T383200124001/);
  });
});
