import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/sql-files.ts';

// Things that must exist in one place only (issue 18): a second copy drifts from the first.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Files of `folders` whose text matches `pattern`, with the number of matches, relative to the repository. */
function occurrences(folders: string[], pattern: RegExp): Record<string, number> {
  const found: Record<string, number> = {};
  for (const file of folders.flatMap((f) => sourceFiles(join(repoRoot, f)))) {
    const count = readFileSync(file, 'utf8').match(new RegExp(pattern.source, 'g'))?.length ?? 0;
    if (count > 0) found[relative(repoRoot, file)] = count;
  }
  return found;
}

describe('one place for each rule', () => {
  it('answers a BadRequestError with 400 in one error handler (the app’s)', () => {
    expect(occurrences(['server'], /instanceof BadRequestError/)).toEqual({ 'server/api/app.ts': 1 });
  });

  it('has one test of whether an indicator has a published benchmark', () => {
    // An indicator has a benchmark exactly when its definition has a `benchmarkBasis`: one predicate, no id list.
    expect(occurrences(['server'], /(const|function) (hasBenchmark|isBenchmarked|isBenchmarkIndicator)\b/)).toEqual({ 'server/indicators/types.ts': 1 });
    expect(occurrences(['server'], /BENCHMARK_INDICATOR_IDS/)).toEqual({});
  });

  it('writes the type-equality helper nowhere: the web app validates with the contract’s own schemas', () => {
    expect(occurrences(['web', 'server', 'contract'], /type Equal<A, B>|type Same<A, B>/)).toEqual({});
  });
});
