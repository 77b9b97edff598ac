import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { Auth } from '../../server/auth/auth.ts';
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword } from '../../server/auth/passwords.ts';
import { FileUserStore, newUser, sha256Hex, UsersFileError } from '../../server/auth/users-store.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { TEST_SCRYPT_COST } from '../helpers/auth.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

let dir: string;
let t: TempDb;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'send-users-'));
  t = await tempDatabase();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  t.cleanup();
});

describe('scrypt password hashes', () => {
  it('store salt and N/r/p, verify the right password only, and salt every hash', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatchObject({ algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1 });
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    expect(Buffer.from(hash.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash.hash, 'base64')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
    const again = await hashPassword('correct horse battery staple');
    expect(again.salt).not.toBe(hash.salt);
    expect(again.hash).not.toBe(hash.hash);
  });

  it('verifies hashes made with other parameters (they are read from the stored hash)', async () => {
    const cheap = await hashPassword('another long password', { N: 1024, r: 4, p: 2 });
    expect(cheap).toMatchObject({ N: 1024, r: 4, p: 2 });
    expect(await verifyPassword('another long password', cheap)).toBe(true);
    expect(await verifyPassword('another long password', { ...cheap, N: 2048 })).toBe(false);
  });
});

describe('users file', () => {
  it('round-trips users, written atomically with mode 0600 and no temp file left', async () => {
    const path = join(dir, 'round-trip', 'users.json');
    const store = new FileUserStore(path);
    expect(store.all()).toEqual([]);
    const alice = { ...newUser('alice', 'analyst'), password: await hashPassword('alice password 123', TEST_SCRYPT_COST) };
    store.put(alice);
    const ino = statSync(path).ino;
    store.put(newUser('bob', 'viewer'));
    // A new file renamed over the old one, not the old one rewritten in place.
    expect(statSync(path).ino).not.toBe(ino);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'round-trip'))).toEqual(['users.json']);
    const reread = new FileUserStore(path);
    expect(reread.get('ALICE')).toEqual(alice);
    expect(reread.all().map((u) => u.name).sort()).toEqual(['alice', 'bob']);
    expect(reread.remove('bob')).toBe(true);
    expect(reread.remove('bob')).toBe(false);
    expect(store.all().map((u) => u.name)).toEqual(['alice']); // the first store saw the change
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: 1, users: [{ name: 'alice', role: 'analyst' }] });
  });

  it('refuses an invalid file with a clear message', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ version: 1, users: [{ name: 'x', role: 'superuser' }] }));
    expect(() => new FileUserStore(path).all()).toThrow(UsersFileError);
    writeFileSync(path, '{"version": 1, "users": [');
    expect(() => new FileUserStore(path).get('x')).toThrow(/users file .* is not valid/);
  });

  it('is re-read by the running server when the CLI changes it', async () => {
    const path = join(dir, 'live', 'users.json');
    const serverStore = new FileUserStore(path);
    const { app } = createApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, auth: new Auth({ users: serverStore, auditPath: null }) });
    const token = 'sjcd_live-token-0123456789';
    await request(app).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    new FileUserStore(path).put({ ...newUser('carol', 'viewer'), tokens: [{ sha256: sha256Hex(token), created: new Date().toISOString() }] });
    expect((await request(app).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200)).body.user).toEqual({ name: 'carol', role: 'viewer' });
    new FileUserStore(path).remove('carol');
    await request(app).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });
});

describe('npm run users', () => {
  const usersPath = () => join(dir, 'cli', 'users.json');
  const auditPath = () => join(dir, 'cli', 'audit.log');
  const users = (args: string[], input?: string) =>
    spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'server', 'cli', 'users.ts'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      input: input ?? '',
      timeout: 60_000,
      env: { ...process.env, USERS_PATH: usersPath(), AUDIT_LOG_PATH: auditPath() },
    });

  it('adds a user with a password from stdin, issues a token once, lists and removes', async () => {
    const added = users(['add', 'dana', '--role', 'commissioner', '--password-stdin'], 'dana’s long password\n');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/added dana \(commissioner\)/);
    const stored = new FileUserStore(usersPath()).get('dana');
    expect(stored?.password).toMatchObject({ algorithm: 'scrypt', N: 2 ** 15 });
    expect(stored && stored.password && (await verifyPassword('dana’s long password', stored.password))).toBe(true);

    const issued = users(['token', 'dana']);
    expect(issued.status).toBe(0);
    const token = issued.stdout.trim();
    expect(token).toMatch(/^sjcd_[A-Za-z0-9_-]{43}$/);
    const file = readFileSync(usersPath(), 'utf8');
    expect(file).not.toContain(token);
    expect(file).toContain(sha256Hex(token));
    const { app } = createApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, auth: new Auth({ users: new FileUserStore(usersPath()), auditPath: null }) });
    expect((await request(app).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200)).body.user).toEqual({ name: 'dana', role: 'commissioner' });

    const listed = users(['list']);
    expect(listed.stdout).toMatch(/dana\s+commissioner\s+yes\s+1/);
    expect(users(['role', 'dana', '--role', 'analyst']).status).toBe(0);
    expect(new FileUserStore(usersPath()).get('dana')?.role).toBe('analyst');
    expect(users(['remove', 'dana']).status).toBe(0);
    expect(new FileUserStore(usersPath()).all()).toEqual([]);
    const log = readFileSync(auditPath(), 'utf8');
    expect(log).not.toContain(token);
    expect(log).not.toContain('dana’s long password');
    expect(log.trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(['user-add', 'user-token', 'user-role', 'user-remove']);
  });

  it('explains usage errors in one line plus the usage, exit 1', () => {
    for (const [args, message] of [
      [[], /a command is required/],
      [['frob'], /unknown command frob/],
      [['add', 'erin'], /--role must be one of viewer, commissioner, analyst, admin/],
      [['add', 'erin', '--role', 'boss'], /--role must be one of/],
      [['add', 'bad name!', '--role', 'viewer'], /a user name is/],
      [['add', 'erin', '--role', 'viewer', '--password-stdin'], /at least 12 characters/],
      [['add', 'erin', '--role', 'viewer'], /no terminal to ask for a password/],
      [['token', 'nobody'], /there is no user nobody/],
      [['add', 'erin', '--role', 'viewer', '--bogus'], /Unknown option '--bogus'/],
    ] as const) {
      const r = users([...args], 'short\n');
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});
