import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/sql-files.ts';

// The small-pieces rules of eslint.config.js (issue 18.4): no function over 80 lines in server/, contract/ and the
// web app, no web file over 300, blank lines and comments not counted. `npm test` runs eslint on the real tree; here
// the same config lints made-up code at real paths, to show each rule fails once and stops where it should.

const eslint = new ESLint({ cwd: repoRoot });

/** The max-lines rules' messages for `code` as if it were the file at `path` (relative to the repository). */
async function sizeErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'max-lines-per-function' || m.ruleId === 'max-lines').map((m) => `${m.ruleId}: ${m.message}`);
}

/** A function of exactly `lines` lines, its signature and closing brace included. */
function functionOf(lines: number, name = 'tooLong'): string {
  const body = Array.from({ length: lines - 4 }, (_, i) => `  total += ${i};`);
  return [`export function ${name}(): number {`, '  let total = 0;', ...body, '  return total;', '}', ''].join('\n');
}

/** A module of `lines` one-line declarations. */
const moduleOf = (lines: number): string => Array.from({ length: lines }, (_, i) => `export const value${i} = ${i};`).join('\n') + '\n';

describe('small pieces (eslint max-lines-per-function and max-lines)', () => {
  it('a web function of 81 lines fails; one of 80 passes', async () => {
    expect(await sizeErrors('web/src/pages/synthetic-page.tsx', functionOf(81))).toEqual([
      "max-lines-per-function: Function 'tooLong' has too many lines (81). Maximum allowed is 80.",
    ]);
    expect(await sizeErrors('web/src/pages/synthetic-page.tsx', functionOf(80))).toEqual([]);
  });

  it('a React component over 80 lines fails like any function', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => `      <p>Row ${i}</p>`);
    const component = ['export function LongPage() {', '  return (', '    <>', ...rows, '    </>', '  );', '}', ''].join('\n');
    expect(await sizeErrors('web/src/pages/synthetic-page.tsx', component)).toEqual([
      "max-lines-per-function: Function 'LongPage' has too many lines (86). Maximum allowed is 80.",
    ]);
  });

  it('blank lines and comments are not counted', async () => {
    // 80 lines of code with 20 blank and comment lines inside: still 80.
    const code = functionOf(80).replace('  let total = 0;', ['  let total = 0;', ...Array.from({ length: 10 }, () => ''), ...Array.from({ length: 10 }, (_, i) => `  // why ${i}`)].join('\n'));
    expect(code.split('\n').length - 1).toBe(100);
    expect(await sizeErrors('web/src/components/synthetic.tsx', code)).toEqual([]);
  });

  it('a web file of 301 lines fails; one of 300 passes', async () => {
    expect(await sizeErrors('web/src/pages/synthetic-page.tsx', moduleOf(301))).toEqual(['max-lines: File has too many lines (301). Maximum allowed is 300.']);
    expect(await sizeErrors('web/src/pages/synthetic-page.tsx', moduleOf(300))).toEqual([]);
  });

  it('server and contract functions are held to 80 lines too', async () => {
    for (const path of ['server/analytics/synthetic.ts', 'contract/synthetic.ts']) {
      expect(await sizeErrors(path, functionOf(81))).toEqual(["max-lines-per-function: Function 'tooLong' has too many lines (81). Maximum allowed is 80."]);
    }
  });

  it('are on for every web source file, with no exceptions', async () => {
    const files = await eslint.lintFiles(['web/src']);
    expect(files.length).toBeGreaterThan(100);
    const off: string[] = [];
    for (const file of files) {
      const rules = ((await eslint.calculateConfigForFile(file.filePath)) as { rules: Record<string, unknown> }).rules;
      const functions = rules['max-lines-per-function'] as [number, { max: number }] | undefined;
      const size = rules['max-lines'] as [number, { max: number }] | undefined;
      if (functions?.[0] !== 2 || functions[1].max !== 80 || size?.[0] !== 2 || size[1].max !== 300) off.push(file.filePath.slice(repoRoot.length + 1));
      // And the real tree passes them (npm test's eslint says so too).
      expect(file.messages.filter((m) => m.ruleId?.startsWith('max-lines')).map((m) => `${file.filePath}: ${m.message}`)).toEqual([]);
    }
    expect(off.sort()).toEqual([]);
  }, 120_000);
});
