import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../server/extract/spec.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { attackBench, type AttackBench } from './helpers.ts';

// A direct identifier planted in every ID and text column of every file (one row per column)
// and in the free-text comment: the ID/text rows are quarantined with the kind named and the
// value withheld, the comment is redacted, and the identifier is stored nowhere in the database.

let b: AttackBench;
beforeAll(async () => {
  b = await attackBench();
});
afterAll(() => b.cleanup());

const identifiers: [kind: string, value: string][] = [
  ['NHS number', '4010232137'],
  ['postcode', 'LS1 4AP'],
  ['email address', 'jo.bloggs@example.org'],
  ['phone number', '07700 900123'],
  ['UPN', 'A123456789012'],
];

const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

interface Planted {
  file: string;
  column: string;
  kind: 'an ID column' | 'a text column';
  identifier: string;
}

/**
 * For every ID/text column of every file and every identifier: a copy of the first data row
 * (with a fresh key) carrying the identifier in that column; and for the comment, copies of a
 * valid feedback row (F09) with each identifier inside the text.
 */
function plant(dir: string): Planted[] {
  const planted: Planted[] = [];
  let n = 0;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
    const table = tables.find((t) => `${t.name}.csv` === name);
    if (!table) continue;
    const path = join(dir, name);
    const rows = parse(readFileSync(path, 'utf8'), { bom: true, relax_column_count: true }) as string[][];
    const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
    const key = header.indexOf(table.primaryKey[0] ?? '');
    for (const column of table.columns) {
      const at = header.indexOf(column.name);
      if (at === -1) continue;
      for (const [, identifier] of identifiers) {
        if (column.kind === 'free_text') {
          const base = rows.find((r) => r[0] === 'F09') ?? [];
          rows.push(base.map((v, i) => (i === key ? `F9${n++}` : i === at ? `please ring me (${identifier}) about my son` : v)));
        } else if (column.kind === 'id' || column.kind === 'text') {
          const fresh = table.primaryKey.includes(column.name) ? -1 : key;
          rows.push((rows[1] ?? []).map((v, i) => (i === at ? identifier : i === fresh ? `${v}X${n++}` : v)));
          planted.push({ file: name, column: column.name, kind: column.kind === 'id' ? 'an ID column' : 'a text column', identifier });
        }
      }
    }
    writeFileSync(path, rows.map((r) => r.map(quote).join(',')).join('\n') + '\n');
  }
  return planted;
}

/** Every table (and column) of the database file whose text contains `needle`. */
async function tablesContaining(needle: string): Promise<string[]> {
  const columns = await b.db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND database_name = current_database()
       AND data_type IN ('VARCHAR', 'JSON', 'VARCHAR[]')`,
  );
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = await b.db.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM "${table_name}" WHERE strpos(CAST("${column_name}" AS VARCHAR), $needle) > 0`,
      { needle },
    );
    if (row?.n) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}

let planted: Planted[] = [];
let runId = 0;
beforeAll(async () => {
  runId = (await loadExtract(b.db, b.variant((d) => (planted = plant(d))))).runId;
});

describe('identifiers in every ID and text column', () => {
  it.each(identifiers)('%s: quarantined with the value withheld, redacted in comments', async (kind, value) => {
    const mine = planted.filter((p) => p.identifier === value);
    expect(mine.length).toBeGreaterThanOrEqual(25);
    const quarantined = await b.db.query<{ file: string; column: string; value: string; reason: string }>(
      `SELECT file_name AS file, column_name AS column, value, reason FROM quarantine WHERE run_id = $run AND reason LIKE 'identifier-like%'`,
      { run: runId },
    );
    for (const p of mine) {
      expect(quarantined).toContainEqual({ file: p.file, column: p.column, value: '[withheld]', reason: `identifier-like value (${kind}) in ${p.kind}` });
    }
    // Outside the quarantine's value column (see the known bug below), nowhere at all.
    expect((await tablesContaining(value)).filter((t) => t !== 'quarantine.value')).toEqual([]);
  });

  it('comments keep their text with every identifier redacted', async () => {
    const comments = await b.db.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM local_offer_feedback WHERE comment = 'please ring me ([redacted]) about my son'",
    );
    expect(comments).toEqual([{ n: identifiers.length }]);
  });

  // Every rule that quarantines a value (foreign keys, dates, codes) withholds it when it
  // looks like an identifier, not only the identifier rule itself.
  it('stores no identifier anywhere, not even in quarantine.value', async () => {
    for (const [, value] of identifiers) expect(await tablesContaining(value)).toEqual([]);
  });
});
