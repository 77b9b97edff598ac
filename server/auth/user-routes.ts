import express, { type Request } from 'express';
import { z } from 'zod';
import { parseBody } from '../api/requests.ts';
import { NotFoundError } from '../errors.ts';
import { audit } from './audit.ts';
import type { Auth } from './auth.ts';
import { tokensResponseSchema, userChangeBodySchema, userNameSchema, type UsersResponse, usersResponseSchema } from '../../contract/auth.ts';
import { hashPassword } from './passwords.ts';
import { newUser, summariseTokens, tokenId, type User, type UserStore } from './users-store.ts';

// /api/admin/users (admin only, by route-roles.ts): list, add or change role, remove. Every change is audited.

export class ConflictError extends Error {}

export function summariseUsers(users: User[]): UsersResponse {
  return usersResponseSchema.parse({
    users: users
      .map((u) => ({ name: u.name, role: u.role, has_password: u.password !== null, tokens: u.tokens.length, created: u.created, updated: u.updated }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  });
}

/** Refuses a change that would leave no admin (nobody could then manage users from the dashboard). */
export function assertAdminRemains(store: UserStore, changing: string, newRole: User['role'] | null): void {
  const admins = store.all().filter((u) => u.role === 'admin' && u.name.toLowerCase() !== changing.toLowerCase());
  if (newRole !== 'admin' && admins.length === 0 && store.get(changing)?.role === 'admin') {
    throw new ConflictError(`${changing} is the only admin: make another user admin first`);
  }
}

const nameParam = z.object({ name: userNameSchema }).strict();
const tokenParam = z.object({ name: userNameSchema, id: z.string().regex(/^[0-9a-f]{12}$/, 'a token id is 12 hex digits') }).strict();

export function userRoutes(auth: Auth): express.Router {
  const router = express.Router();
  const users = auth.users;
  const conflict = (req: Request, error: ConflictError, action: 'user-role' | 'user-remove', params: Record<string, unknown>) => {
    audit.record({ req, action, outcome: 'failure', params, reason: error.message });
    return { error: error.message };
  };

  router.get('/api/admin/users', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(summariseUsers(users.all()));
  });

  router.post('/api/admin/users', async (req, res) => {
    const body = parseBody(userChangeBodySchema, req.body);
    const existing = users.get(body.name);
    const params = { name: body.name, role: body.role, ...(existing ? { previous_role: existing.role } : {}), password_set: body.password !== undefined };
    const action = existing ? 'user-role' : 'user-add';
    try {
      if (existing) assertAdminRemains(users, existing.name, body.role);
    } catch (error) {
      if (error instanceof ConflictError) return void res.status(409).json(conflict(req, error, 'user-role', params));
      throw error;
    }
    const now = new Date(auth.now());
    const user: User = { ...(existing ?? newUser(body.name, body.role, now)), role: body.role, updated: now.toISOString() };
    if (body.password !== undefined) {
      user.password = await hashPassword(body.password, auth.scryptCost);
      user.sessions_valid_after = now.toISOString();
    }
    users.put(user);
    // A password set by an admin ends the user's sessions (the old password may be why it was reset).
    if (body.password !== undefined) auth.sessions.destroyUser(user.name);
    audit.record({ req, action, outcome: 'success', params });
    res.status(existing ? 200 : 201).json(summariseUsers(users.all()));
  });

  router.delete('/api/admin/users/:name', (req, res) => {
    const { name } = parseBody(nameParam, req.params);
    const existing = users.get(name);
    if (!existing) throw new NotFoundError(`No user ${name}`);
    try {
      assertAdminRemains(users, existing.name, null);
    } catch (error) {
      if (error instanceof ConflictError) return void res.status(409).json(conflict(req, error, 'user-remove', { name }));
      throw error;
    }
    users.remove(existing.name);
    auth.sessions.destroyUser(existing.name);
    audit.record({ req, action: 'user-remove', outcome: 'success', params: { name: existing.name, role: existing.role } });
    res.json(summariseUsers(users.all()));
  });
  tokenRoutes(router, auth);
  return router;
}

/** GET /api/admin/users/:name/tokens (never the hashes) and DELETE …/tokens/:id (revoke). */
function tokenRoutes(router: express.Router, auth: Auth): void {
  const list = (user: User) => tokensResponseSchema.parse({ name: user.name, tokens: summariseTokens(user, auth.tokenDays, auth.now()) });
  const userNamed = (name: string): User => {
    const user = auth.users.get(name);
    if (!user) throw new NotFoundError(`No user ${name}`);
    return user;
  };
  router.get('/api/admin/users/:name/tokens', (req, res) => {
    res.json(list(userNamed(parseBody(nameParam, req.params).name)));
  });
  router.delete('/api/admin/users/:name/tokens/:id', (req, res) => {
    const { name, id } = parseBody(tokenParam, req.params);
    const user = userNamed(name);
    const token = user.tokens.find((t) => tokenId(t) === id);
    if (!token) throw new NotFoundError(`${user.name} has no token ${id}`);
    const updated = { ...user, tokens: user.tokens.filter((t) => t !== token), updated: new Date(auth.now()).toISOString() };
    auth.users.put(updated);
    audit.record({ req, action: 'user-token', outcome: 'success', params: { name: user.name, revoked: id, token_count: updated.tokens.length } });
    res.json(list(updated));
  });
}
