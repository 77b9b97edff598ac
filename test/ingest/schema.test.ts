import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tables } from '../../server/extract/spec.ts';
import { extractTablesDdl } from '../../server/schema/ddl.ts';
import { extractFormatDoc } from '../../server/schema/format-doc.ts';
import { repoRoot, sqlPath } from '../../server/sql-files.ts';
import { fixtureDatabase, tempDatabase } from '../helpers/fixture-db.ts';

describe('SQL schema', () => {
  it('sql/schema/extract-tables.sql is up to date with the contract (run `npm run schema`)', () => {
    expect(readFileSync(sqlPath('schema/extract-tables.sql'), 'utf8')).toBe(extractTablesDdl());
  });

  it('docs/extract-format.md is up to date with the contract (run `npm run schema`)', () => {
    expect(readFileSync(join(repoRoot, 'docs', 'extract-format.md'), 'utf8')).toBe(extractFormatDoc());
  });

  it('creates every table of the contract with its columns, types and keys', async () => {
    const t = await tempDatabase();
    try {
      await t.db.query(extractTablesDdl());
      for (const table of tables) {
        const columns = await t.db.query<{ column_name: string }>(
          'SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position',
          { t: table.name },
        );
        expect(columns.map((c) => c.column_name)).toEqual(table.columns.map((c) => c.name));
      }
      await expect(t.db.query("INSERT INTO children (child_id, birth_month, la_code, sex) VALUES ('a', DATE '2010-01-01', 'E08000035', 'Q')")).rejects.toThrow(/enum|Could not convert/i);
    } finally {
      t.cleanup();
    }
  });
});

describe('keys after a load', () => {
  it('every primary key of the contract is unique (validation enforces what the DDL documents)', async () => {
    const t = await fixtureDatabase();
    try {
      for (const table of tables) {
        const key = table.primaryKey.join(', ');
        const [dupes] = await t.db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (SELECT ${key} FROM ${table.name} GROUP BY ALL HAVING count(*) > 1)`);
        expect(dupes?.n, `${table.name} (${key})`).toBe(0);
      }
      // The fixture repeats keys, so the check above is not vacuous.
      const [rejected] = await t.db.query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM quarantine WHERE reason LIKE 'duplicate %'");
      expect(rejected?.n).toBeGreaterThan(0);
    } finally {
      t.cleanup();
    }
  });
});

describe('referential integrity after a load', () => {
  it('every foreign key of the contract has its parent row (validation enforces what the DDL documents)', async () => {
    const t = await fixtureDatabase();
    try {
      for (const table of tables) {
        for (const c of table.columns.filter((x) => x.references)) {
          const parent = tables.find((x) => x.name === c.references);
          const key = parent?.primaryKey[0] ?? '';
          const [orphans] = await t.db.query<{ n: number }>(
            `SELECT count(*)::INTEGER AS n FROM ${table.name} x WHERE x.${c.name} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${c.references} p WHERE p.${key} = x.${c.name})`,
          );
          expect(orphans?.n, `${table.name}.${c.name}`).toBe(0);
        }
      }
      // The fixture has rows whose parents are missing, so the check above is not vacuous.
      const [rejected] = await t.db.query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM quarantine WHERE reason LIKE '%not found among loaded%'");
      expect(rejected?.n).toBeGreaterThan(0);
    } finally {
      t.cleanup();
    }
  });
});
