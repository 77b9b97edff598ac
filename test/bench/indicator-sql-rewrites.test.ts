import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { indicatorById } from '../../server/indicators/catalogue.ts';
import { indicatorQuery, type IndicatorQuery } from '../../server/indicators/indicator-sql.ts';
import type { IndicatorDefinition } from '../../server/indicators/types.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { tempDir } from '../generate/helpers.ts';

// Indicator SQL rewritten for speed must give the same rows as before. The queries as they
// were before their rewrite are kept in reference-sql/ (whole queries, labels and total rows
// included; the new side is the query as the engine runs it, server/indicators/indicator-sql.ts); both run on generated extracts (one
// LA, and several LAs in one national extract) and on the hand-made fixture, and must agree
// row for row: the same cells, the same column types, counts exactly, and DOUBLEs to 1e-9
// (a sum of shares may be added up in another order).

const referenceDir = join(repoRoot, 'test', 'bench', 'reference-sql');
const rewritten = readdirSync(referenceDir).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();

type Row = Record<string, unknown>;
const cellKey = (r: Row) => `${String(r.area_code)}|${String(r.period)}|${String(r.breakdown)}|${String(r.breakdown_value)}`;

async function run(temp: TempDb, sql: string, params?: IndicatorQuery['params']): Promise<{ rows: Row[]; types: string[] }> {
  return temp.db.withConnection(async (connection) => {
    const reader = await connection.runAndReadAll(sql, params && Object.keys(params).length > 0 ? params : undefined);
    return { rows: reader.getRowObjectsJson() as Row[], types: reader.columnTypes().map(String) };
  });
}

function differences(before: Row[], after: Row[]): string[] {
  const out: string[] = [];
  const expected = new Map(before.map((r) => [cellKey(r), r]));
  if (expected.size !== before.length) out.push('the reference query repeats a cell');
  for (const row of after) {
    const old = expected.get(cellKey(row));
    if (!old) {
      out.push(`extra cell ${cellKey(row)}`);
      continue;
    }
    expected.delete(cellKey(row));
    for (const column of new Set([...Object.keys(old), ...Object.keys(row)])) {
      const a = old[column];
      const b = row[column];
      const close = typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
      if (a !== b && !close) out.push(`${cellKey(row)} ${column}: ${String(a)} before, ${String(b)} after`);
    }
  }
  for (const key of expected.keys()) out.push(`missing cell ${key}`);
  return out;
}

const extracts: { name: string; prepare: (dir: string) => Promise<unknown> }[] = [
  { name: 'the hand-made fixture', prepare: async () => undefined },
  { name: 'a generated one-LA extract', prepare: (dir) => generateExtract({ outDir: dir, seed: 5, children: 3000 }) },
  {
    // Five LAs, one of them tiny: localities with the same names in several LAs, services and
    // feedback from every LA in one Local Offer.
    name: 'a generated national extract of five LAs',
    prepare: (dir) => generateExtract({ outDir: dir, seed: 9, national: true, laCodes: ['E06000001', 'E06000005', 'E06000017', 'E06000053', 'E09000020'] }),
  },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

it('keeps a reference copy of every rewritten query', () => {
  expect(rewritten.length).toBeGreaterThan(0);
  for (const id of rewritten) expect(indicatorById.has(id), id).toBe(true);
});

describe.each(extracts)('rewritten indicator SQL on $name', ({ name, prepare }) => {
  let temp: TempDb;
  beforeAll(async () => {
    let dir = fixtureDir;
    if (name !== 'the hand-made fixture') {
      dir = tempDir('rewrites');
      dirs.push(dir);
      await prepare(dir);
    }
    temp = await tempDatabase();
    await loadExtract(temp.db, dir);
  });
  afterAll(() => temp.cleanup());

  it.each(rewritten)('%s gives the rows it gave before', async (id) => {
    const before = await run(temp, readFileSync(join(referenceDir, `${id}.sql`), 'utf8'));
    const { sql, params } = indicatorQuery(indicatorById.get(id) as IndicatorDefinition);
    const after = await run(temp, sql, params);
    expect(after.types).toEqual(before.types);
    expect(before.rows.length).toBeGreaterThan(0);
    expect(differences(before.rows, after.rows).slice(0, 10)).toEqual([]);
  });
});
