import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { fixtureDir } from '../helpers/fixture-db.ts';

// `npm start` with no admin in the users file prints a one-time link; it signs the visitor in as admin once.

let dir: string;
let child: ChildProcess | null = null;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'send-first-run-'));
  const db = await Database.open(join(dir, 'db.duckdb'));
  try {
    await loadExtract(db, fixtureDir);
  } finally {
    db.close();
  }
});
afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

function startServer(): Promise<{ output: () => string; link: string }> {
  const env = { ...process.env, PORT: '0', DB_PATH: join(dir, 'db.duckdb'), USERS_PATH: join(dir, 'users.json'), AUDIT_LOG_PATH: join(dir, 'audit.log') };
  const started = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'server', 'main.ts')], { cwd: repoRoot, env });
  child = started;
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no sign-in link within 90 s:\n${text}`)), 90_000);
    const read = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const link = /(http:\/\/\S+\/api\/auth\/one-time\?token=[A-Za-z0-9_-]{43})/.exec(text)?.[1];
      if (link) {
        clearTimeout(timer);
        resolve({ output: () => text, link });
      }
    };
    started.stdout.on('data', read);
    started.stderr.on('data', read);
    started.on('exit', (code) => reject(new Error(`server exited ${code}:\n${text}`)));
  });
}

describe('first run', () => {
  it('prints a one-time link that signs in as admin once, and the dashboard then works', async () => {
    const { link, output } = await startServer();
    expect(output()).toMatch(/no admin user in .*users\.json: sign in as admin once with this link/);
    const base = new URL(link).origin;
    expect((await fetch(`${base}/api/areas`)).status).toBe(401);
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^send-session=/);
    const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as { user: unknown };
    expect(me.user).toEqual({ name: 'admin', role: 'admin' });
    expect((await fetch(`${base}/api/areas`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(401);
    const users = JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')) as { users: { name: string; role: string; password: unknown }[] };
    expect(users.users).toEqual([expect.objectContaining({ name: 'admin', role: 'admin', password: null })]);
    const log = readFileSync(join(dir, 'audit.log'), 'utf8');
    expect(log).toContain('"action":"one-time-link","outcome":"success"');
    expect(log).not.toContain(new URL(link).searchParams.get('token') ?? 'x');
  });
});
