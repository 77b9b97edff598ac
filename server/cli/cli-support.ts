import { ExtractError } from '../ingest/discover.ts';
import { DatabaseInUseError } from '../db/database.ts';
import { restrictNewFiles } from '../db/file-modes.ts';

/** Known failures print one line and exit 1; anything else is a bug and keeps its stack. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  // The server and every tool write data about children: private files (0600/0700) whatever the umask.
  restrictNewFiles();
  try {
    await main();
  } catch (error) {
    if (error instanceof ExtractError || error instanceof DatabaseInUseError || error instanceof UsageError) {
      console.error(`error: ${error.message}`);
    } else {
      console.error('error:', error instanceof Error ? error.message : error);
      if (process.env.DEBUG) console.error(error);
    }
    process.exitCode = 1;
  }
}

export class UsageError extends Error {}

/** Prints rows as an aligned text table (numbers right-aligned). */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0] ?? {});
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k] ?? '').length)));
  const line = (cells: (string | number)[]): string =>
    cells
      .map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i] ?? 0) : String(c).padEnd(widths[i] ?? 0)))
      .join('  ');
  console.log(line(keys));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(keys.map((k) => row[k] ?? '')));
}
