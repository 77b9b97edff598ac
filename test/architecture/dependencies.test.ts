import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/sql-files.ts';

// The import rules of .dependency-cruiser.cjs (issue 18): no cycles; contract/ imports nothing of ours; the web
// never imports the server; stages below the API never import it. Checked on the real tree, and shown to fail
// on a small tree that breaks each rule once.

const run = promisify(execFile);
const depcruise = join(repoRoot, 'node_modules', '.bin', 'depcruise');
const config = join(repoRoot, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** depcruise's violations for `folders` of `cwd` (it exits 1 when there are any; the JSON says which). */
async function violations(cwd: string, folders: string[]): Promise<Violation[]> {
  const args = [...folders, '--config', config, '--output-type', 'json'];
  const output = await run(depcruise, args, { cwd, maxBuffer: 256 * 1024 * 1024 }).catch((error: { stdout?: string }) => {
    if (!error.stdout) throw error;
    return { stdout: error.stdout };
  });
  return (JSON.parse(output.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('dependency rules (dependency-cruiser)', () => {
  it('hold on contract/, server/ and web/', async () => {
    const found = await violations(repoRoot, ['contract', 'server', 'web']);
    expect(found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 180_000);

  const fixture = mkdtempSync(join(tmpdir(), 'depcruise-rules-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  };

  it('fail when a rule is broken: each rule once, on a tree made to break it', async () => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowImportingTsExtensions: true, noEmit: true } }));
    write('server/errors.ts', 'export class NotFoundError extends Error {}\n');
    write('server/api/requests.ts', "export const parse = (x: unknown) => x;\n");
    // contract/ importing the server
    write('contract/common.ts', "import { NotFoundError } from '../server/errors.ts';\nexport const e = NotFoundError;\n");
    // the web importing the server
    write('web/src/api.ts', "import { NotFoundError } from '../../server/errors.ts';\nexport const w = NotFoundError;\n");
    // a lower stage importing the API
    write('server/exports/views.ts', "import { parse } from '../api/requests.ts';\nexport const v = parse;\n");
    // a cycle (through a type-only import)
    write('server/indicators/engine.ts', "import type { T } from './types.ts';\nexport type E = T;\nexport const engine = 1;\n");
    write('server/indicators/types.ts', "import type { E } from './engine.ts';\nexport type T = { e: E };\n");

    const found = await violations(fixture, ['contract', 'server', 'web']);
    const byRule = (name: string) => found.filter((v) => v.rule.name === name).map((v) => `${v.from} → ${v.to}`);
    expect(byRule('contract-imports-nothing-of-ours')).toEqual(['contract/common.ts → server/errors.ts']);
    expect(byRule('web-never-imports-server')).toEqual(['web/src/api.ts → server/errors.ts']);
    expect(byRule('lower-stages-never-import-api')).toEqual(['server/exports/views.ts → server/api/requests.ts']);
    // One violation per cycle, reported from one of its modules.
    expect(byRule('no-circular')).toHaveLength(1);
    expect(['server/indicators/engine.ts → server/indicators/types.ts', 'server/indicators/types.ts → server/indicators/engine.ts']).toContain(byRule('no-circular')[0]);
    expect(found).toHaveLength(4);
  }, 180_000);
});
