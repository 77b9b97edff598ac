import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppress, type Additivity, type Cell } from '../../server/disclosure/index.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { suppressRows } from '../../server/indicators/engine.ts';
import { readDataContext, type DataContext } from '../../server/data-context.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { tempDir } from '../generate/helpers.ts';
import { runIndicatorQuery } from '../../server/indicators/indicator-sql.ts';

// The engine suppresses each LA-and-period piece of an indicator on its own (fast at national
// scale). That must give exactly what one pass of `suppress` over all the cells gives: the same
// cells suppressed, for the same reason, on the fixture and on an extract of several LAs.

const everything = (cells: Cell[], groups: Additivity[], threshold: number) => suppress(cells, groups, { threshold });

const extracts = [
  { name: 'the hand-made fixture', las: null },
  // Three small LAs (one of them tiny), each with localities: many small cells to suppress.
  { name: 'a generated national extract of three LAs', las: ['E06000001', 'E06000017', 'E06000053'] },
];

describe.each(extracts)('suppression piece by piece on $name', ({ las }) => {
  let temp: TempDb;
  let context: DataContext;
  const dirs: string[] = [];
  beforeAll(async () => {
    let dir = fixtureDir;
    if (las) {
      dir = tempDir('pieces');
      dirs.push(dir);
      await generateExtract({ outDir: dir, seed: 11, national: true, laCodes: las });
    }
    temp = await tempDatabase();
    await loadExtract(temp.db, dir);
    const loaded = await readDataContext(temp.db);
    if (!loaded) throw new Error('nothing loaded');
    context = loaded;
  });
  afterAll(() => {
    temp.cleanup();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  let secondary = 0;
  it.each(catalogue.map((d) => [d.id, d] as const))('%s: the same cells suppressed as in one pass', async (_id, definition) => {
    const observed = () => runIndicatorQuery(temp.db, definition);
    const rows = definition.model ? await definition.model(temp.db, observed) : await observed();
    const pieces = suppressRows(rows, context.areas, definition, 7);
    const whole = suppressRows(rows, context.areas, definition, 7, { suppressAll: everything, onePass: true });
    expect(pieces.size).toBe(rows.length);
    const differ = [...whole].filter(([key, r]) => pieces.get(key)?.reason !== r.reason).map(([key]) => key);
    expect(differ.slice(0, 5)).toEqual([]);
    secondary += [...whole.values()].filter((r) => r.reason === 'secondary').length;
  });

  it('had secondary suppression to compare', () => {
    expect(secondary).toBeGreaterThan(0);
  });
});
