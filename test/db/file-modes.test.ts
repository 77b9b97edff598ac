import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePrivate } from '../../server/db/file-modes.ts';
import { repoRoot } from '../../server/sql-files.ts';

// Issue 15 point 3: the database, its WAL, extract folders, uploads and reports hold pseudonymised records about
// children: no other local account may read them (0600 files, 0700 folders), whatever the umask.

const dir = mkdtempSync(join(tmpdir(), 'send-modes-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;

describe('files are private to the account running the dashboard', () => {
  it('npm run generate and npm run ingest create 0700 folders, 0600 files and a 0600 database under umask 022', () => {
    const extract = join(dir, 'extract');
    const db = join(dir, 'db', 'send.duckdb');
    mkdirSync(join(dir, 'db'), { mode: 0o755 });
    // The shell's usual umask; the tools must not depend on it.
    const generated = spawnSync('sh', ['-c', `umask 022 && exec "$0" "$@"`, join(repoRoot, 'node_modules', '.bin', 'tsx'), join(repoRoot, 'server', 'cli', 'generate.ts'), '--out', extract, '--children', '200', '--seed', '5'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
    expect(generated.status, generated.stderr).toBe(0);
    expect(mode(extract)).toBe(0o700);
    const files = readdirSync(extract);
    expect(files).toContain('children.csv');
    for (const name of files) expect(mode(join(extract, name)), name).toBe(0o600);
    const loaded = spawnSync('sh', ['-c', `umask 022 && exec "$0" "$@"`, join(repoRoot, 'node_modules', '.bin', 'tsx'), join(repoRoot, 'server', 'cli', 'ingest.ts'), extract, '--db', db], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(mode(db)).toBe(0o600);
    if (existsSync(`${db}.wal`)) expect(mode(`${db}.wal`)).toBe(0o600);
  });

  it('makePrivate tightens what already exists: folders 0700, files 0600, recursively; missing paths are skipped', () => {
    const old = join(dir, 'old');
    mkdirSync(join(old, 'inner'), { recursive: true, mode: 0o755 });
    writeFileSync(join(old, 'inner', 'children.csv'), 'x\n', { mode: 0o644 });
    writeFileSync(join(dir, 'old.duckdb'), '', { mode: 0o644 });
    writeFileSync(join(dir, 'old.duckdb.wal'), '', { mode: 0o666 });
    chmodSync(join(old, 'inner'), 0o755);
    chmodSync(old, 0o755);
    makePrivate([old, join(dir, 'old.duckdb'), join(dir, 'old.duckdb.wal'), join(dir, 'missing')]);
    expect([mode(old), mode(join(old, 'inner')), mode(join(old, 'inner', 'children.csv'))]).toEqual([0o700, 0o700, 0o600]);
    expect([mode(join(dir, 'old.duckdb')), mode(join(dir, 'old.duckdb.wal'))]).toEqual([0o600, 0o600]);
  });
});
