import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import type { AuditLine } from '../../server/auth/audit.ts';
import { Auth } from '../../server/auth/auth.ts';
import { DEFAULT_SCRYPT_COST, hashPassword } from '../../server/auth/passwords.ts';
import { FileUserStore, MemoryUserStore, newUser, sha256Hex } from '../../server/auth/users-store.ts';
import { loadConfig } from '../../server/config.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { authHeader, passwordFor, signIn, testAuth, testUsers } from '../helpers/auth.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Issue 15, round two: lock-out races, password-change guessing, first passwords by token, token expiry and
// revocation, proxies and X-Forwarded-For, denials in the audit log, no-store on data, passwords typed as names.

let t: TempDb;
let dir: string;
beforeAll(async () => {
  t = await tempDatabase();
  dir = mkdtempSync(join(tmpdir(), 'send-round-two-'));
});
afterAll(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

type Settings = Parameters<typeof testAuth>[0];
function makeApp(settings: Settings = {}, trustProxy: false | string[] = false): { app: express.Express; auth: Auth; clock: { now: number } } {
  const clock = { now: Date.UTC(2026, 0, 1, 9) };
  const auth = testAuth({ now: () => clock.now, ...settings });
  const { app } = createApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, auth, trustProxy });
  return { app, auth, clock };
}
const auditLines = (path: string): AuditLine[] => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditLine);
const days = (n: number) => n * 86_400_000;

/** Requests from another machine: the socket's address is replaced, as a remote peer's would be. */
function fromAddress(app: express.Express, address: string): express.Express {
  const outer = express();
  outer.use((req, _res, next) => {
    Object.defineProperty(req.socket, 'remoteAddress', { value: address, configurable: true });
    next();
  });
  outer.use(app);
  return outer;
}

describe('the lock-out holds against parallel guesses', () => {
  it('11 wrong passwords and the right one sent at once: the right one is refused once locked', async () => {
    // Production scrypt cost, so the hashes overlap as they would on a real server.
    const users = testUsers();
    const viewer = users.find((u) => u.name === 'viewer');
    if (!viewer) throw new Error('no viewer');
    viewer.password = await hashPassword(passwordFor('viewer'), DEFAULT_SCRYPT_COST);
    const auth = testAuth({ users: new MemoryUserStore(users), scryptCost: DEFAULT_SCRYPT_COST, lockoutAttempts: 5 });
    const { app } = createApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, auth });
    const server = app.listen(0);
    try {
      const wrong = Array.from({ length: 11 }, (_, i) => request(server).post('/api/auth/sign-in').send({ name: 'viewer', password: `wrong guess number ${i}` }).then((r) => r.status));
      const right = request(server).post('/api/auth/sign-in').send({ name: 'viewer', password: passwordFor('viewer') }).then((r) => r.status);
      const statuses = await Promise.all([...wrong, right]);
      // At most 5 attempts reach the password check; the rest are refused as locked, the right one among them.
      expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(5);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      server.close();
    }
  });

  it('a different X-Forwarded-For per request does not beat the per-address limit when the peer is not the proxy', async () => {
    const { app } = makeApp({ signInsPer15Minutes: 3, lockoutAttempts: 100 }, ['10.0.0.1']);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await request(app).post('/api/auth/sign-in').set('X-Forwarded-For', `198.51.100.${i}`).send({ name: `guess${i}`, password: 'wrong password' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('the per-account lock-out applies whatever the address', async () => {
    const { app } = makeApp({ lockoutAttempts: 3 }, ['loopback']);
    for (let i = 0; i < 3; i++) await request(app).post('/api/auth/sign-in').set('X-Forwarded-For', `198.51.100.${i}`).send({ name: 'admin', password: 'wrong password' }).expect(401);
    await request(app).post('/api/auth/sign-in').set('X-Forwarded-For', '198.51.100.99').send({ name: 'admin', password: passwordFor('admin') }).expect(429);
  });
});

describe('password change', () => {
  it('locks out guesses of current_password (the right one is refused once locked)', async () => {
    const { app } = makeApp({ lockoutAttempts: 5 });
    const { agent, csrf } = await signIn(app, 'viewer');
    for (let i = 0; i < 5; i++) {
      await agent.post('/api/auth/password').set('X-CSRF-Token', csrf).send({ current_password: `wrong guess ${i}`, new_password: 'a new long password' }).expect(400);
    }
    const res = await agent.post('/api/auth/password').set('X-CSRF-Token', csrf).send({ current_password: passwordFor('viewer'), new_password: 'a new long password' });
    expect(res.status).toBe(429);
    // With a bearer token too.
    await request(app).post('/api/auth/password').set(authHeader('viewer')).send({ current_password: passwordFor('viewer'), new_password: 'a new long password' }).expect(429);
  });

  it('a bearer token cannot set a first password (that needs an admin or the one-time link)', async () => {
    const { app, auth } = makeApp();
    auth.users.put({ ...newUser('script', 'analyst', new Date(Date.UTC(2026, 0, 1))), tokens: [{ sha256: sha256Hex('sjcd_script-token-0123456789'), created: '2026-01-01T00:00:00.000Z' }] });
    const res = await request(app).post('/api/auth/password').set('Authorization', 'Bearer sjcd_script-token-0123456789').send({ new_password: 'a permanent password' });
    expect(res.status).toBe(403);
    expect(auth.users.get('script')?.password).toBeNull();
  });
});

describe('bearer tokens', () => {
  it('expire after 90 days by default, or TOKEN_EXPIRY_DAYS', async () => {
    const { app, auth, clock } = makeApp();
    const issued = Date.parse(auth.users.get('viewer')?.tokens[0]?.created ?? '');
    clock.now = issued + days(90) - 1;
    await request(app).get('/api/auth/me').set(authHeader('viewer')).expect(200);
    clock.now = issued + days(90) + 1;
    const res = await request(app).get('/api/auth/me').set(authHeader('viewer')).expect(401);
    expect(res.body.error).toMatch(/expired/);
    expect(loadConfig({}).TOKEN_EXPIRY_DAYS).toBe(90);
    expect(loadConfig({ TOKEN_EXPIRY_DAYS: '30' }).TOKEN_EXPIRY_DAYS).toBe(30);
  });

  it('record when they were last used', async () => {
    const { app, auth, clock } = makeApp();
    await request(app).get('/api/auth/me').set(authHeader('viewer')).expect(200);
    expect(auth.users.get('viewer')?.tokens[0]?.last_used).toBe(new Date(clock.now).toISOString());
  });

  it('an admin lists a user’s tokens (name, created, expires, last used; never the hash) and revokes one', async () => {
    const { app, auth } = makeApp();
    const created = auth.users.get('viewer')?.tokens[0]?.created ?? '';
    const list = await request(app).get('/api/admin/users/viewer/tokens').set(authHeader('admin')).expect(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const tokens = (list.body as { tokens: { id: string; name: string; created: string; expires: string; last_used: string | null; expired: boolean }[] }).tokens;
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ name: 'token-1', created, expires: new Date(Date.parse(created) + days(90)).toISOString(), last_used: null, expired: false });
    expect(JSON.stringify(list.body)).not.toContain(sha256Hex(`sjcd_test-token-for-viewer-0123456789abcdef`));
    await request(app).get('/api/admin/users/viewer/tokens').set(authHeader('analyst')).expect(403);
    await request(app).delete(`/api/admin/users/viewer/tokens/${tokens[0]?.id ?? ''}`).set(authHeader('admin')).expect(200);
    await request(app).get('/api/auth/me').set(authHeader('viewer')).expect(401);
    await request(app).delete('/api/admin/users/viewer/tokens/000000000000').set(authHeader('admin')).expect(404);
  });
});

describe('proxies (TRUST_PROXY)', () => {
  it('takes addresses or CIDRs; true is refused with a clear message', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).TRUST_PROXY).toEqual(['10.0.0.1', '192.168.0.0/16']);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toEqual(['loopback']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*address/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
  });

  it('the one-time link checks the original client behind a same-host proxy, not the socket', async () => {
    const { app, auth } = makeApp({}, ['loopback']);
    const token = auth.issueOneTimeToken();
    await request(app).get(`/api/auth/one-time?token=${token}`).set('X-Forwarded-For', '203.0.113.5').expect(403);
    await request(app).get(`/api/auth/one-time?token=${token}`).set('X-Forwarded-For', '127.0.0.1').expect(303);
  });

  it('X-Forwarded-For from a peer that is not the proxy is not believed; audit entries record both', async () => {
    const path = join(dir, 'proxy-audit.log');
    const { app } = makeApp({ auditPath: path }, ['10.0.0.1']);
    await request(fromAddress(app, '198.51.100.7')).post('/api/auth/sign-in').set('X-Forwarded-For', '127.0.0.1').send({ name: 'viewer', password: 'wrong password' }).expect(401);
    await request(fromAddress(app, '10.0.0.1')).post('/api/auth/sign-in').set('X-Forwarded-For', '203.0.113.8').send({ name: 'viewer', password: 'wrong password' }).expect(401);
    const [forged, proxied] = auditLines(path);
    expect(forged).toMatchObject({ client: '198.51.100.7', peer: '198.51.100.7', forwarded_for: '127.0.0.1' });
    expect(proxied).toMatchObject({ client: '203.0.113.8', peer: '10.0.0.1', forwarded_for: '203.0.113.8' });
  });
});

describe('smaller items', () => {
  it('API responses carry Cache-Control: no-store', async () => {
    const { app } = makeApp();
    for (const path of ['/api/areas', '/api/data-status', '/api/indicators', '/api/health']) {
      const res = await request(app).get(path).set(authHeader('viewer'));
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('401, 403 and CSRF denials are audited', async () => {
    const path = join(dir, 'denials.log');
    const { app } = makeApp({ auditPath: path });
    await request(app).get('/api/areas').expect(401);
    await request(app).get('/api/admin/users').set(authHeader('viewer')).expect(403);
    const { agent } = await signIn(app, 'admin');
    await agent.post('/api/admin/users').send({ name: 'x', role: 'viewer' }).expect(403);
    const denials = auditLines(path).filter((l) => l.action === 'access');
    expect(denials.map((l) => [l.outcome, l.user ?? null, (l.params as { path?: string }).path, l.reason?.slice(0, 8)])).toEqual([
      ['denied', null, '/api/areas', 'not sign'],
      ['denied', 'viewer', '/api/admin/users', 'role too'],
      ['denied', 'admin', '/api/admin/users', 'missing '],
    ]);
  });

  it('a failed sign-in does not log a typed name that looks like a password', async () => {
    const path = join(dir, 'names.log');
    const { app } = makeApp({ auditPath: path });
    await request(app).post('/api/auth/sign-in').send({ name: 'Tr0ub4dor&3xyz', password: 'wrong password' }).expect(401);
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: 'wrong password' }).expect(401);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('Tr0ub4dor');
    const [unknown, known] = auditLines(path);
    expect(unknown).toMatchObject({ action: 'sign-in', outcome: 'failure', user: '[unknown user]' });
    expect(known).toMatchObject({ action: 'sign-in', outcome: 'failure', user: 'viewer' });
  });
});

describe('npm run users: sessions and tokens', () => {
  const usersPath = () => join(dir, 'cli', 'users.json');
  const users = (args: string[], input = '') =>
    spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'server', 'cli', 'users.ts'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      input,
      timeout: 60_000,
      env: { ...process.env, USERS_PATH: usersPath(), AUDIT_LOG_PATH: join(dir, 'cli', 'audit.log') },
    });

  it('a password set from the CLI ends the user’s sessions in the running server', async () => {
    expect(users(['add', 'erin', '--role', 'viewer', '--password-stdin'], 'erin’s first password\n').status).toBe(0);
    const auth = new Auth({ users: new FileUserStore(usersPath()), auditPath: null });
    const { app } = createApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, auth });
    const agent = request.agent(app);
    await agent.post('/api/auth/sign-in').send({ name: 'erin', password: 'erin’s first password' }).expect(200);
    expect((await agent.get('/api/auth/me').expect(200)).body.user).toEqual({ name: 'erin', role: 'viewer' });
    expect(users(['password', 'erin', '--password-stdin'], 'erin’s second password\n').status).toBe(0);
    expect((await agent.get('/api/auth/me').expect(200)).body.user).toBeNull();
    await agent.post('/api/auth/sign-in').send({ name: 'erin', password: 'erin’s second password' }).expect(200);
    expect((await agent.get('/api/auth/me').expect(200)).body.user).toEqual({ name: 'erin', role: 'viewer' });
  });

  it('names tokens, lists them and revokes one by name or id', async () => {
    expect(users(['add', 'bot', '--role', 'analyst', '--no-password']).status).toBe(0);
    const first = users(['token', 'bot', '--token-name', 'nightly-export']).stdout.trim();
    const second = users(['token', 'bot']).stdout.trim();
    const listed = users(['tokens', 'bot']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/nightly-export/);
    expect(listed.stdout).toMatch(/token-2/);
    expect(listed.stdout).not.toContain(sha256Hex(first));
    const { app } = createApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, auth: new Auth({ users: new FileUserStore(usersPath()), auditPath: null }) });
    await request(app).get('/api/auth/me').set('Authorization', `Bearer ${first}`).expect(200);
    expect(users(['revoke', 'bot', 'nightly-export']).status).toBe(0);
    await request(app).get('/api/auth/me').set('Authorization', `Bearer ${first}`).expect(401);
    await request(app).get('/api/auth/me').set('Authorization', `Bearer ${second}`).expect(200);
    const id = sha256Hex(second).slice(0, 12);
    expect(users(['revoke', 'bot', id]).status).toBe(0);
    await request(app).get('/api/auth/me').set('Authorization', `Bearer ${second}`).expect(401);
    const missing = users(['revoke', 'bot', 'no-such-token']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no token no-such-token/);
  });
});
