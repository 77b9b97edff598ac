import type express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { fromLoopback, PLAIN_COOKIE, SECURE_COOKIE, type Auth } from '../../server/auth/auth.ts';
import { WRONG_CREDENTIALS } from '../../server/auth/auth-routes.ts';
import { DEFAULT_SCRYPT_COST, hashPassword } from '../../server/auth/passwords.ts';
import { authHeader, passwordFor, signIn, testAuth } from '../helpers/auth.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Sessions, cookies, CSRF, lock-out, bearer tokens and the one-time link, against the real app (an empty
// database: none of these routes needs data). A settable clock drives the expiry tests.

let t: TempDb;
beforeAll(async () => {
  t = await tempDatabase();
});
afterAll(() => t.cleanup());

function makeApp(settings: Parameters<typeof testAuth>[0] = {}, trustProxy: false | string[] = false): { app: express.Express; auth: Auth; clock: { now: number } } {
  const clock = { now: Date.UTC(2026, 0, 1, 9) };
  const auth = testAuth({ now: () => clock.now, ...settings });
  const { app } = createApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, auth, trustProxy });
  return { app, auth, clock };
}

const cookieOf = (res: request.Response): string => ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
const idOf = (setCookie: string): string => /^[^=]+=([^;]*)/.exec(setCookie)?.[1] ?? '';
const me = async (app: express.Express, cookie: string) => (await request(app).get('/api/auth/me').set('Cookie', cookie).expect(200)).body as { user: { name: string; role: string } | null };
const minutes = (n: number) => n * 60_000;

describe('session cookie', () => {
  it('over plain HTTP: send-session, HttpOnly, SameSite=Strict, Path=/, not Secure, a 256-bit random ID', async () => {
    const { app } = makeApp();
    const res = await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: passwordFor('viewer') }).expect(200);
    const cookie = cookieOf(res);
    expect(cookie.startsWith(`${PLAIN_COOKIE}=`)).toBe(true);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure|Domain|Expires|Max-Age/i);
    expect(idOf(cookie)).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes, base64url
    expect(res.body).toMatchObject({ user: { name: 'viewer', role: 'viewer' } });
    expect(res.body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('over HTTPS (behind a trusted proxy): __Host-send-session with Secure and no Domain', async () => {
    const { app } = makeApp({}, ['loopback']);
    const res = await request(app).post('/api/auth/sign-in').set('X-Forwarded-Proto', 'https').send({ name: 'viewer', password: passwordFor('viewer') }).expect(200);
    const cookie = cookieOf(res);
    expect(cookie.startsWith(`${SECURE_COOKIE}=`)).toBe(true);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/Domain/i);
    // The prefixed cookie works over HTTPS; the plain name is not accepted there.
    const id = idOf(cookie);
    const viaHttps = await request(app).get('/api/areas').set('X-Forwarded-Proto', 'https').set('Cookie', `${SECURE_COOKIE}=${id}`);
    expect(viaHttps.status).not.toBe(401);
    await request(app).get('/api/areas').set('X-Forwarded-Proto', 'https').set('Cookie', `${PLAIN_COOKIE}=${id}`).expect(401);
  });

  it('expires after 30 idle minutes', async () => {
    const { app, clock } = makeApp();
    const { cookie } = await signIn(app, 'viewer');
    clock.now += minutes(29);
    expect((await me(app, cookie)).user?.name).toBe('viewer');
    clock.now += minutes(29); // 29 minutes since the last request: still alive
    expect((await me(app, cookie)).user?.name).toBe('viewer');
    clock.now += minutes(31);
    expect((await me(app, cookie)).user).toBeNull();
    await request(app).get('/api/areas').set('Cookie', cookie).expect(401);
  });

  it('expires 8 hours after sign-in however active', async () => {
    const { app, clock } = makeApp();
    const { cookie } = await signIn(app, 'viewer');
    for (let elapsed = 0; elapsed < 8 * 60 - 20; elapsed += 20) {
      clock.now += minutes(20);
      expect((await me(app, cookie)).user?.name).toBe('viewer');
    }
    clock.now += minutes(21);
    expect((await me(app, cookie)).user).toBeNull();
  });

  it('sign-out destroys the session on the server (the old cookie no longer works)', async () => {
    const { app } = makeApp();
    const { cookie, csrf } = await signIn(app, 'viewer');
    await request(app).post('/api/auth/sign-out').set('Cookie', cookie).expect(403); // no CSRF token
    expect((await me(app, cookie)).user?.name).toBe('viewer');
    const out = await request(app).post('/api/auth/sign-out').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(200);
    expect(cookieOf(out)).toMatch(/^send-session=;/);
    expect((await me(app, cookie)).user).toBeNull();
  });

  it('rotates the ID at sign-in (no session fixation): a cookie the browser already had is dropped', async () => {
    const { app } = makeApp();
    const first = await signIn(app, 'viewer');
    const res = await request(app).post('/api/auth/sign-in').set('Cookie', first.cookie).send({ name: 'admin', password: passwordFor('admin') }).expect(200);
    const second = cookieOf(res);
    expect(idOf(second)).not.toBe(idOf(first.cookie));
    expect((await me(app, first.cookie)).user).toBeNull();
    expect((await me(app, second)).user).toEqual({ name: 'admin', role: 'admin' });
    // An ID the server never issued is not adopted.
    const planted = await request(app).post('/api/auth/sign-in').set('Cookie', 'send-session=planted-by-attacker').send({ name: 'viewer', password: passwordFor('viewer') });
    expect(idOf(cookieOf(planted))).not.toBe('planted-by-attacker');
  });

  it('a removed user is signed out, and a role change applies at once', async () => {
    const { app, auth } = makeApp();
    const { cookie } = await signIn(app, 'analyst');
    await request(app).get('/api/export/x.csv').set('Cookie', cookie).expect(404); // analyst: allowed (no such export)
    const analyst = auth.users.get('analyst');
    if (!analyst) throw new Error('no analyst');
    auth.users.put({ ...analyst, role: 'viewer' });
    await request(app).get('/api/export/x.csv').set('Cookie', cookie).expect(403);
    auth.users.remove('analyst');
    await request(app).get('/api/areas').set('Cookie', cookie).expect(401);
  });
});

describe('password changes', () => {
  it('changing your password ends your other sessions and rotates this one', async () => {
    const { app } = makeApp();
    const elsewhere = await signIn(app, 'viewer');
    const here = await signIn(app, 'viewer');
    await request(app).post('/api/auth/password').set('Cookie', here.cookie).set('X-CSRF-Token', here.csrf).send({ current_password: 'wrong', new_password: 'a new long password' }).expect(400);
    const res = await request(app)
      .post('/api/auth/password')
      .set('Cookie', here.cookie)
      .set('X-CSRF-Token', here.csrf)
      .send({ current_password: passwordFor('viewer'), new_password: 'a new long password' })
      .expect(200);
    expect((await me(app, elsewhere.cookie)).user).toBeNull();
    expect((await me(app, here.cookie)).user).toBeNull();
    const rotated = cookieOf(res);
    expect((await me(app, rotated)).user?.name).toBe('viewer');
    expect(res.body.csrf_token).not.toBe(here.csrf);
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: passwordFor('viewer') }).expect(401);
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: 'a new long password' }).expect(200);
  });

  it('a password set by an admin signs the user out everywhere', async () => {
    const { app } = makeApp();
    const viewer = await signIn(app, 'viewer');
    await request(app).post('/api/admin/users').set(authHeader('admin')).send({ name: 'viewer', role: 'viewer', password: 'reset by the admin' }).expect(200);
    expect((await me(app, viewer.cookie)).user).toBeNull();
  });
});

describe('CSRF', () => {
  const body = { name: 'newcomer', role: 'viewer' };

  it('refuses a cookie-authenticated POST/DELETE without the token, or with a wrong one, with 403', async () => {
    const { app } = makeApp();
    const { cookie, csrf } = await signIn(app, 'admin');
    const missing = await request(app).post('/api/admin/users').set('Cookie', cookie).send(body).expect(403);
    expect(missing.body.error).toMatch(/CSRF/);
    // One character changed (never to itself: a token ending in A made this the right token: 32 random bytes in base64url end in one of 16 letters, A among them).
    const wrong = `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`;
    await request(app).post('/api/admin/users').set('Cookie', cookie).set('X-CSRF-Token', wrong).send(body).expect(403);
    await request(app).post('/api/admin/users').set('Cookie', cookie).set('X-CSRF-Token', '').send(body).expect(403);
    await request(app).delete('/api/admin/users/viewer').set('Cookie', cookie).expect(403);
    // Another session's token is not this session's token.
    const other = await signIn(app, 'admin');
    await request(app).post('/api/admin/users').set('Cookie', cookie).set('X-CSRF-Token', other.csrf).send(body).expect(403);
    await request(app).post('/api/admin/users').set('Cookie', cookie).set('X-CSRF-Token', csrf).send(body).expect(201);
    await request(app).delete('/api/admin/users/newcomer').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(200);
  });

  it('exempts bearer-token requests (no ambient credentials)', async () => {
    const { app } = makeApp();
    await request(app).post('/api/admin/users').set(authHeader('admin')).send(body).expect(201);
  });

  it('me returns the session token for the web app to echo', async () => {
    const { app } = makeApp();
    const { cookie, csrf } = await signIn(app, 'viewer');
    const res = await request(app).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(res.body).toEqual({ user: { name: 'viewer', role: 'viewer' }, csrf_token: csrf, has_password: true });
    expect((await request(app).get('/api/auth/me').expect(200)).body).toEqual({ user: null, csrf_token: null });
  });

  it('sign-in itself must come from the same origin', async () => {
    const { app } = makeApp();
    const creds = { name: 'viewer', password: passwordFor('viewer') };
    await request(app).post('/api/auth/sign-in').set('Origin', 'https://evil.example').send(creds).expect(403);
    await request(app).post('/api/auth/sign-in').set('Sec-Fetch-Site', 'cross-site').send(creds).expect(403);
    await request(app).post('/api/auth/sign-in').set('Sec-Fetch-Site', 'same-site').send(creds).expect(403);
    const res = await request(app).post('/api/auth/sign-in').set('Host', 'dash.example').set('Origin', 'http://dash.example').set('Sec-Fetch-Site', 'same-origin').send(creds);
    expect(res.status).toBe(200);
  });
});

describe('sign-in failures', () => {
  it('locks an account for 15 minutes after 5 failures, even for the right password', async () => {
    const { app, clock } = makeApp();
    for (let i = 0; i < 5; i++) await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: 'wrong password!!' }).expect(401);
    const locked = await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: passwordFor('viewer') }).expect(429);
    expect(locked.body.error).toMatch(/locked/);
    clock.now += minutes(14);
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: passwordFor('viewer') }).expect(429);
    clock.now += minutes(2);
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: passwordFor('viewer') }).expect(200);
    // Other accounts were never affected.
  });

  it('the number of attempts and the lock time are settings', async () => {
    const { app, clock } = makeApp({ lockoutAttempts: 2, lockoutMinutes: 1 });
    await request(app).post('/api/auth/sign-in').send({ name: 'admin', password: 'wrong password!!' }).expect(401);
    await request(app).post('/api/auth/sign-in').send({ name: 'admin', password: 'wrong password!!' }).expect(401);
    await request(app).post('/api/auth/sign-in').send({ name: 'admin', password: passwordFor('admin') }).expect(429);
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: passwordFor('viewer') }).expect(200);
    clock.now += minutes(1) + 1;
    await request(app).post('/api/auth/sign-in').send({ name: 'admin', password: passwordFor('admin') }).expect(200);
  });

  it('says the same for an unknown user, a wrong password and a user without a password', async () => {
    const { app, auth } = makeApp();
    const viewer = auth.users.get('viewer');
    if (!viewer) throw new Error('no viewer');
    auth.users.put({ ...viewer, name: 'token-only', password: null, tokens: [] });
    const bodies = [];
    for (const creds of [{ name: 'nobody', password: 'whatever password' }, { name: 'viewer', password: 'wrong password!!' }, { name: 'token-only', password: 'whatever password' }]) {
      const res = await request(app).post('/api/auth/sign-in').send(creds).expect(401);
      bodies.push(res.body);
    }
    expect(bodies).toEqual([{ error: WRONG_CREDENTIALS }, { error: WRONG_CREDENTIALS }, { error: WRONG_CREDENTIALS }]);
  });

  it('takes about as long for an unknown user as for a wrong password (a dummy scrypt hash)', async () => {
    const { app, auth } = makeApp({ scryptCost: DEFAULT_SCRYPT_COST });
    const viewer = auth.users.get('viewer');
    if (!viewer) throw new Error('no viewer');
    auth.users.put({ ...viewer, password: await hashPassword(passwordFor('viewer'), DEFAULT_SCRYPT_COST) });
    const time = async (name: string) => {
      const started = performance.now();
      await request(app).post('/api/auth/sign-in').send({ name, password: 'wrong password!!' }).expect(401);
      return performance.now() - started;
    };
    await time('nobody'); // the dummy hash is made on first use
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? 0;
    const unknown = median([await time('nobody-1'), await time('nobody-2'), await time('nobody-3')]);
    const wrong = median([await time('viewer'), await time('viewer'), await time('viewer')]);
    expect(unknown).toBeGreaterThan(wrong * 0.4);
    expect(wrong).toBeGreaterThan(10); // N = 2^15 really costs something
  });

  it('rate-limits sign-in per client address', async () => {
    const { app } = makeApp({ signInsPer15Minutes: 3 });
    for (let i = 0; i < 3; i++) await request(app).post('/api/auth/sign-in').send({ name: `u${i}`, password: 'whatever password' }).expect(401);
    const res = await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: passwordFor('viewer') }).expect(429);
    expect(res.body.error).toMatch(/Too many sign-in attempts/);
  });

  it('validates the body with zod', async () => {
    const { app } = makeApp();
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer' }).expect(400);
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: 'x', extra: 1 }).expect(400);
  });
});

describe('bearer tokens', () => {
  it('authenticate as the token’s user with that user’s role', async () => {
    const { app, auth } = makeApp();
    expect((await request(app).get('/api/auth/me').set(authHeader('commissioner')).expect(200)).body).toEqual({
      user: { name: 'commissioner', role: 'commissioner' },
      csrf_token: null,
      has_password: true,
    });
    await request(app).get('/api/admin/users').set(authHeader('commissioner')).expect(403);
    const user = auth.users.get('commissioner');
    if (!user) throw new Error('no commissioner');
    auth.users.put({ ...user, tokens: [] }); // token revoked
    await request(app).get('/api/auth/me').set(authHeader('commissioner')).expect(401);
  });
});

describe('one-time sign-in link', () => {
  it('signs in as the bootstrap admin once, creating user admin without a password', async () => {
    const { app, auth } = makeApp();
    auth.users.remove('admin');
    const token = auth.issueOneTimeToken();
    const res = await request(app).get(`/api/auth/one-time?token=${token}`).expect(303);
    expect(res.headers.location).toBe('/');
    const cookie = cookieOf(res);
    expect((await me(app, cookie)).user).toEqual({ name: 'admin', role: 'admin' });
    expect(auth.users.get('admin')).toMatchObject({ role: 'admin', password: null });
    await request(app).get(`/api/auth/one-time?token=${token}`).expect(401); // single use
  });

  it('expires after 15 minutes', async () => {
    const { app, auth, clock } = makeApp();
    const token = auth.issueOneTimeToken();
    clock.now += minutes(15) + 1;
    await request(app).get(`/api/auth/one-time?token=${token}`).expect(401);
  });

  it('is refused from a non-loopback address (X-Forwarded-For cannot fake one)', async () => {
    const { app: inner, auth } = makeApp({}, ['loopback']);
    const express = (await import('express')).default;
    const remote = express();
    remote.use((req, _res, next) => {
      Object.defineProperty(req.socket, 'remoteAddress', { value: '192.0.2.10', configurable: true });
      next();
    });
    remote.use(inner);
    const token = auth.issueOneTimeToken();
    await request(remote).get(`/api/auth/one-time?token=${token}`).set('X-Forwarded-For', '127.0.0.1').expect(403);
    // Still unused: it works from this machine.
    await request(inner).get(`/api/auth/one-time?token=${token}`).expect(303);
  });

  it('knows loopback addresses', () => {
    const req = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as Parameters<typeof fromLoopback>[0];
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(fromLoopback(req(a)), a).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '192.168.1.127', '', '127.0.0.1.evil', 'fe80::1']) expect(fromLoopback(req(a)), a).toBe(false);
  });
});
