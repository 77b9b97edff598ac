import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const sqlPath = (relative: string): string => join(repoRoot, 'sql', relative);

const cache = new Map<string, string>();
/** Reads a file under sql/ once per process. */
export function readSql(relative: string): string {
  let text = cache.get(relative);
  if (text === undefined) {
    text = readFileSync(sqlPath(relative), 'utf8');
    cache.set(relative, text);
  }
  return text;
}
