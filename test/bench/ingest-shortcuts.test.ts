import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifierKindSql } from '../../server/ingest/validation-sql.ts';
import { readSql } from '../../server/sql-files.ts';

// Ingest validation skips identifier_kind's regular expressions for values that cannot be an
// identifier (codes and pseudonymous IDs). The shortcut must never change the answer.

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(readSql('schema/macros.sql'));
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** Values where identifier_kind(v) and the shortcut disagree. */
async function disagreements(values: string[]): Promise<{ v: string; full: string | null; fast: string | null }[]> {
  await connection.run('CREATE OR REPLACE TABLE vals (v VARCHAR)');
  const appender = await connection.createAppender('vals');
  for (const v of values) {
    appender.appendVarchar(v);
    appender.endRow();
  }
  appender.closeSync();
  const reader = await connection.runAndReadAll(
    `SELECT v, identifier_kind(v) AS full, ${identifierKindSql('v')} AS fast FROM vals WHERE identifier_kind(v) IS DISTINCT FROM ${identifierKindSql('v')}`,
  );
  return reader.getRowObjectsJson() as { v: string; full: string | null; fast: string | null }[];
}

describe('the identifier_kind shortcut of ingest validation', () => {
  it('agrees with identifier_kind on IDs, codes and every kind of identifier', async () => {
    const cases = [
      'C0001CD86', 'FB8D55F9DE', 'E08000035', 'E01011058', 'QWO', 'S43120186', 'AR0000001A',
      'LS1 4AB', 'LS14AB', 'ls14ab', 'AB12CD', 'A1 1AA', 'A11AA', 'GIR0AA', 'GIR 0AA', 'W1A0AX', 'EC1A1BB', 'EC1A1BBX',
      '4505577104', '450 557 7104', 'X4505577104', 'A123456789012', 'a123456789012', 'AB123456789012',
      '01632960123', '+441632960123', '07700900123', '0770090012', 'x@example.com', 'a@b', '@',
      '1', '12', '1234', '12345', '1234567', '12345678', '123456789', '1234567890', 'ABCD', 'ABCDE', 'ABCDEFGH',
      'ıS1 4AB', 'ıS14AB', 'ſW1A0AX', 'İ', 'ß1 4AB', 'Ä1 1AA', 'N1 9GU', 'N19GU', 'N19GUU', 'ZZ9 9ZZ',
    ];
    expect(await disagreements(cases)).toEqual([]);
  });

  it('agrees with identifier_kind on random text made of the characters identifiers use', async () => {
    const alphabet = fc.constantFrom(...'0123456789ABEGILNSWXZaegilnswxz @.+-()ıſß'.split(''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: alphabet, minLength: 1, maxLength: 16 }), { minLength: 200, maxLength: 200 }), async (values) => {
        expect(await disagreements(values)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
