import express, { type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { parseBody } from '../api/requests.ts';
import { audit } from './audit.ts';
import { fromLoopback, NOT_SIGNED_IN, SIGN_IN_PATH, type Auth } from './auth.ts';
import { meResponseSchema, passwordChangeBodySchema, signInBodySchema, type MeResponse } from '../../contract/auth.ts';
import { burnPasswordTime, hashPassword, verifyPassword } from './passwords.ts';
import { newUser, type User } from './users-store.ts';

// /api/auth/*: sign-in, sign-out, who am I, the first-run one-time link and setting one's own password.

export const WRONG_CREDENTIALS = 'The user name or password is not correct';
const LOCKED = 'Too many failed sign-ins: this account is locked for a while. Try again later or ask an administrator';
export const BOOTSTRAP_ADMIN = 'admin';

/** Sign-in must come from our own pages: a cross-site form post is refused (login CSRF). */
function sameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.get('origin');
  if (origin === undefined) return true; // not a browser request (scripts, curl): nothing ambient to abuse
  return origin === `${req.protocol}://${req.get('host') ?? ''}`;
}

/**
 * How a sign-in name nobody has is logged: as typed only when it looks like a user name (letters, dots, hyphens,
 * spaces, apostrophes; at most 32), else "[unknown user]" (digits, symbols or length suggest a mistyped password).
 */
export function loggableUnknownName(name: string): string {
  return /^[\p{L}][\p{L}.' -]{0,31}$/u.test(name) ? name : '[unknown user]';
}

/** Who is signed in, as /api/auth/me and every sign-in answer say it. */
function meOf(auth: Auth, req: Request): MeResponse {
  const user = req.auth ? auth.users.get(req.auth.name) : undefined;
  return meResponseSchema.parse({
    user: req.auth ? { name: req.auth.name, role: req.auth.role } : null,
    csrf_token: req.auth?.session?.csrf ?? null,
    ...(user ? { has_password: user.password !== null } : {}),
  });
}

/** Sign-ins per address per 15 minutes (none when the setting is 0). */
function signInRateLimit(auth: Auth): express.RequestHandler {
  return auth.signInsPer15Minutes
    ? rateLimit({
        windowMs: 15 * 60_000,
        limit: auth.signInsPer15Minutes,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        message: { error: 'Too many sign-in attempts from this address: wait 15 minutes and try again' },
      })
    : (_req: Request, _res: Response, next: () => void) => next();
}

function refuseCrossOriginSignIn(req: Request, res: Response, next: () => void): void {
  if (sameOrigin(req)) return next();
  audit.record({ req, action: 'sign-in', outcome: 'denied', reason: 'cross-origin sign-in request' });
  res.status(403).json({ error: 'Sign in from the dashboard’s own sign-in page' });
}

/** POST /api/auth/sign-in: a name and password for a session. */
function signIn(auth: Auth) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = parseBody(signInBodySchema, req.body);
    const name = body.name;
    const user = auth.users.get(name);
    // A name nobody has may be a password typed in the wrong box: it is not written to the log.
    const logged = user ? user.name : loggableUnknownName(name);
    const record = (outcome: 'success' | 'failure' | 'locked', extra: { role?: string; reason?: string } = {}) =>
      audit.record({ req, action: 'sign-in', outcome, user: logged, role: extra.role ?? null, ...(extra.reason ? { reason: extra.reason } : {}) });
    // Counted before the hash is checked: parallel guesses cannot all get past the lock-out.
    const attempt = auth.lockout.begin(name);
    if (!attempt.allowed) {
      await burnPasswordTime(body.password, auth.scryptCost);
      record('locked', { reason: 'account locked' });
      return void res.status(429).json({ error: LOCKED });
    }
    const ok = user?.password ? await verifyPassword(body.password, user.password) : (await burnPasswordTime(body.password, auth.scryptCost), false);
    if (!user || !ok) {
      record('failure', { reason: user ? (user.password ? 'wrong password' : 'no password set') : 'unknown user' });
      if (attempt.locking) audit.record({ req, action: 'lock-out', outcome: 'locked', user: logged, role: null, params: { minutes: Math.round(auth.lockout.lockMinutes) } });
      return void res.status(401).json({ error: WRONG_CREDENTIALS });
    }
    auth.lockout.reset(name);
    const session = auth.startSession(res, req, user.name);
    req.auth = { name: user.name, role: user.role, via: 'session', session };
    record('success', { role: user.role });
    res.json(meOf(auth, req));
  };
}

/**
 * The current password of a user who has one, under the same per-account lock-out as sign-in (counted before
 * the hash is checked). Answers the request and returns false when the change must not go ahead.
 */
async function checkCurrentPassword(auth: Auth, req: Request, res: Response, name: string, hash: NonNullable<User['password']>, given: string | undefined): Promise<boolean> {
  const attempt = auth.lockout.begin(name);
  if (!attempt.allowed) {
    audit.record({ req, action: 'password-change', outcome: 'locked', reason: 'account locked' });
    res.status(429).json({ error: LOCKED });
    return false;
  }
  if (!(given && (await verifyPassword(given, hash)))) {
    audit.record({ req, action: 'password-change', outcome: 'failure', reason: 'current password not correct' });
    if (attempt.locking) audit.record({ req, action: 'lock-out', outcome: 'locked', params: { minutes: Math.round(auth.lockout.lockMinutes) } });
    res.status(400).json({ error: 'Your current password is not correct' });
    return false;
  }
  auth.lockout.reset(name);
  return true;
}

/** POST /api/auth/password: setting one's own password. */
function changePassword(auth: Auth) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!req.auth) return void res.status(401).json({ error: NOT_SIGNED_IN });
    const body = parseBody(passwordChangeBodySchema, req.body);
    const user = auth.users.get(req.auth.name);
    if (!user) return void res.status(401).json({ error: NOT_SIGNED_IN });
    if (!user.password && req.auth.via === 'bearer') {
      // A script's token must not become a permanent interactive sign-in.
      audit.record({ req, action: 'password-change', outcome: 'denied', reason: 'first password with a bearer token' });
      return void res.status(403).json({ error: 'A first password is set by an administrator (Users page or npm run users -- password), not with a bearer token' });
    }
    if (user.password && !(await checkCurrentPassword(auth, req, res, user.name, user.password, body.current_password))) return;
    const now = new Date(auth.now()).toISOString();
    auth.users.put({ ...user, password: await hashPassword(body.new_password, auth.scryptCost), updated: now, sessions_valid_after: now });
    // Every other session of this user ends (someone who knew the old password is out); this one gets a new ID.
    auth.sessions.destroyUser(user.name);
    if (req.auth.via === 'session') req.auth = { ...req.auth, session: auth.startSession(res, req, user.name) };
    audit.record({ req, action: 'password-change', outcome: 'success' });
    res.json(meOf(auth, req));
  };
}

/** GET /api/auth/one-time: the first-run link printed by `npm start`: single use, 15 minutes, from this machine only. */
function oneTimeSignIn(auth: Auth) {
  return (req: Request, res: Response): void => {
    res.setHeader('Cache-Control', 'no-store');
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    if (!fromLoopback(req)) {
      audit.record({ req, action: 'one-time-link', outcome: 'denied', reason: 'not from a loopback address' });
      return void res.status(403).json({ error: 'The one-time sign-in link only works on the machine running the dashboard' });
    }
    if (!token || !auth.consumeOneTimeToken(token)) {
      audit.record({ req, action: 'one-time-link', outcome: 'failure', reason: 'unknown, used or expired link' });
      return void res.status(401).json({ error: 'This sign-in link is not valid: it has been used or has expired. Restart the server for a new one' });
    }
    let admin = auth.users.get(BOOTSTRAP_ADMIN);
    if (!admin || admin.role !== 'admin') {
      admin = { ...(admin ?? newUser(BOOTSTRAP_ADMIN, 'admin', new Date(auth.now()))), role: 'admin' };
      auth.users.put(admin);
      audit.record({ req, action: 'user-add', outcome: 'success', user: BOOTSTRAP_ADMIN, role: 'admin', params: { name: BOOTSTRAP_ADMIN, role: 'admin', by: 'one-time link' } });
    }
    auth.startSession(res, req, admin.name);
    audit.record({ req, action: 'one-time-link', outcome: 'success', user: admin.name, role: 'admin' });
    res.redirect(303, '/');
  };
}

export function authRoutes(auth: Auth): express.Router {
  const router = express.Router();
  router.post(SIGN_IN_PATH, refuseCrossOriginSignIn, signInRateLimit(auth), signIn(auth));

  router.post('/api/auth/sign-out', (req, res) => {
    if (req.auth?.via === 'session') audit.record({ req, action: 'sign-out', outcome: 'success' });
    auth.endSession(res, req);
    res.json(meResponseSchema.parse({ user: null, csrf_token: null }));
  });

  router.get('/api/auth/me', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(meOf(auth, req));
  });

  router.post('/api/auth/password', changePassword(auth));
  router.get('/api/auth/one-time', oneTimeSignIn(auth));
  return router;
}
