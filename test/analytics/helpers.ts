import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Additivity } from '../../server/disclosure/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

export const extraRowsDir = join(repoRoot, 'test', 'fixtures', 'analytics');

const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Appends the rows of `extra` to the CSV at `path`, matching columns by (trimmed, lower-case) name. */
function appendRows(path: string, extra: string): void {
  const base = readFileSync(path, 'utf8');
  const [header] = parse(base, { bom: true, to_line: 1 }) as string[][];
  const rows = parse(readFileSync(extra, 'utf8'), { bom: true }) as string[][];
  const names = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const lines = rows.slice(1).map((row) =>
    (header ?? []).map((h) => quote(row[names.indexOf(h.trim().toLowerCase())] ?? '')).join(','),
  );
  writeFileSync(path, `${base.endsWith('\n') ? base : `${base}\n`}${lines.join('\n')}\n`);
}

/** small-extract plus test/fixtures/analytics, loaded into a fresh database. */
export async function extendedFixtureDatabase(): Promise<TempDb> {
  const temp = await tempDatabase();
  const dir = join(temp.dir, 'extract');
  cpSync(fixtureDir, dir, { recursive: true });
  for (const name of readdirSync(extraRowsDir).filter((n) => n.endsWith('.csv'))) appendRows(join(dir, name), join(extraRowsDir, name));
  await loadExtract(temp.db, dir);
  return temp;
}

export type Published = { value: number | null; symbol: 'c' | 'x' | null };
/** value, or the symbol when there is none: the form the expectations are written in. */
export const v = (p: Published): number | string => (p.symbol === null ? (p.value as number) : p.symbol);

/** A published count must be 0, above the threshold, or suppressed. */
export function smallCounts(values: Published[], threshold: number): Published[] {
  return values.filter((p) => p.symbol === null && p.value !== null && p.value >= 1 && p.value <= threshold);
}

/** Groups with exactly one suppressed member: that member could be recovered by subtraction. */
export function loneSuppressions(groups: Additivity[], published: Map<string, Published>): Additivity[] {
  return groups.filter((g) => [g.total, ...g.parts].filter((k) => published.get(k)?.symbol === 'c').length === 1);
}

/** small-extract, edited in a temp copy by `edit(dir)`, loaded into a fresh database. */
export async function editedFixtureDatabase(edit: (dir: string) => void): Promise<TempDb> {
  const temp = await tempDatabase();
  const dir = join(temp.dir, 'extract');
  cpSync(fixtureDir, dir, { recursive: true });
  edit(dir);
  await loadExtract(temp.db, dir);
  return temp;
}
