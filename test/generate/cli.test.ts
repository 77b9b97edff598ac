import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'server', 'cli', 'generate.ts');
const run = (...args: string[]) => spawnSync(tsx, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

const out = tempDir('cli');
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run generate', () => {
  it.each([
    [[], '--out'],
    [['--out', out, '--children', 'abc'], '--children'],
    [['--out', out, '--children', '10'], 'at least 100'],
    [['--out', out, '--la', 'leeds'], 'ONS code'],
    [['--out', out, '--la', 'E06000999'], 'unknown LA code'],
    [['--out', out, '--years', '9'], 'years'],
    [['--out', out, '--format', 'xlsx'], 'csv or parquet'],
    [['--out', out, '--seed', '-1'], '--seed'],
    [['--out', out, '--colour', 'red'], 'colour'],
    [['--national', '--out', out, '--la', 'E08000035'], '--la cannot be combined with --national'],
    [['--national', '--out', out, '--children', '500'], '--children cannot be combined with --national'],
  ])('rejects %j with one line and no stack trace', (args, mention) => {
    const r = run(...args);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(mention);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'children.csv'))).toBe(false);
  });

  it('writes an extract and prints rows per file, faults and timing', () => {
    const r = run('--out', out, '--children', '400', '--seed', '3');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/children\.csv\s+[\d,]+/);
    expect(r.stdout).toMatch(/salted faults: .*id_identifier 1/);
    expect(r.stdout).toMatch(/in \d+\.\d+ s/);
    expect(existsSync(join(out, 'extract.json'))).toBe(true);
  });
});
