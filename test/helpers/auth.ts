import { randomBytes, scryptSync } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { createApp, type AppOptions, type DashboardApp } from '../../server/api/app.ts';
import { Auth, type AuthSettings } from '../../server/auth/auth.ts';
import type { PasswordHash, ScryptCost } from '../../server/auth/passwords.ts';
import { roles, type Role } from '../../contract/auth.ts';
import { MemoryUserStore, sha256Hex, type User } from '../../server/auth/users-store.ts';

// Auth for tests: an in-memory users store with one user per role (name = role), each with a password and a
// bearer token, and helpers that sign requests as a role. The server still checks every request: these are
// just clients that hold credentials.

/** Low scrypt cost so tests stay fast; the production default is tested in test/auth/users-file.test.ts. */
export const TEST_SCRYPT_COST: ScryptCost = { N: 1024, r: 8, p: 1 };

export const passwordFor = (role: Role): string => `correct horse battery ${role}`;
export const tokenFor = (role: Role): string => `sjcd_test-token-for-${role}-0123456789abcdef`;

function quickHash(password: string): PasswordHash {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, TEST_SCRYPT_COST);
  return { algorithm: 'scrypt', ...TEST_SCRYPT_COST, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export function testUsers(): User[] {
  const now = '2026-01-01T00:00:00.000Z';
  return roles.map((role) => ({
    name: role,
    role,
    password: quickHash(passwordFor(role)),
    // Issued now: bearer tokens expire (TOKEN_EXPIRY_DAYS after issue), and tests run on any date.
    tokens: [{ sha256: sha256Hex(tokenFor(role)), created: new Date().toISOString() }],
    created: now,
    updated: now,
  }));
}

/** An Auth with the four test users; no audit log unless `auditPath` is given. */
export function testAuth(settings: Partial<AuthSettings> = {}): Auth {
  return new Auth({ users: new MemoryUserStore(testUsers()), auditPath: null, scryptCost: TEST_SCRYPT_COST, signInsPer15Minutes: 0, ...settings });
}

export const authHeader = (role: Role): { Authorization: string } => ({ Authorization: `Bearer ${tokenFor(role)}` });

/** A supertest agent that sends `role`'s bearer token with every request. */
export const agentAs = (app: express.Express, role: Role) => request.agent(app).set(authHeader(role));

/**
 * createApp with the test users, and `app` wrapped in a client that sends `role`'s bearer token on requests
 * that carry no Authorization header of their own (default: analyst, who may call every data and export route).
 * `server` is the unwrapped app, for anonymous requests.
 */
export function createTestApp(options: AppOptions, role: Role = 'analyst'): DashboardApp & { server: express.Express } {
  const made = createApp({ ...options, auth: options.auth ?? testAuth() });
  const client = express();
  client.disable('x-powered-by');
  client.use((req, _res, next) => {
    req.headers.authorization ??= `Bearer ${tokenFor(role)}`;
    next();
  });
  client.use(made.app);
  return { ...made, app: client, server: made.app };
}

/** Signs in through POST /api/auth/sign-in; the agent keeps the session cookie; `csrf` is the session's token. */
export async function signIn(app: express.Express, role: Role): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string; cookie: string }> {
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/sign-in').send({ name: role, password: passwordFor(role) }).expect(200);
  const body = res.body as { csrf_token: string };
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
  return { agent, csrf: body.csrf_token, cookie };
}
