import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { audit, AuditLog } from './audit.ts';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './passwords.ts';
import { isApiPath, ruleFor } from './route-roles.ts';
import { roleAtLeast, type Role } from '../../contract/auth.ts';
import { LockOut, SessionStore, type Session } from './sessions.ts';
import { findUserByToken, tokenExpires, type User, type UserStore } from './users-store.ts';

// Who is asking (bearer token or session cookie), CSRF for cookie-authenticated state changes, and the role check
// against route-roles.ts. createApp mounts `auth.middleware()` before every route.

export interface Identity {
  name: string;
  role: Role;
  via: 'session' | 'bearer';
  session?: Session;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the auth middleware: the signed-in user, or null. */
      auth?: Identity | null;
    }
  }
}

export interface AuthSettings {
  users: UserStore;
  /** JSON-lines audit log; null = no log (tests that do not look at it). */
  auditPath: string | null;
  idleMinutes?: number;
  maxHours?: number;
  lockoutAttempts?: number;
  lockoutMinutes?: number;
  /** POST /api/auth/sign-in per client address per 15 minutes; 0 = no limit. */
  signInsPer15Minutes?: number;
  scryptCost?: ScryptCost;
  /** Bearer tokens without their own expiry stop working this many days after issue (TOKEN_EXPIRY_DAYS). */
  tokenDays?: number;
  now?: () => number;
}

// Over HTTPS the cookie gets the __Host- prefix: browsers then only accept it with Secure, Path=/ and no Domain,
// so a sibling subdomain cannot plant or shadow it. Browsers refuse __Host- cookies without Secure, and
// Secure cookies are not sent over plain http://localhost, so plain HTTP uses the unprefixed name.
export const SECURE_COOKIE = '__Host-send-session';
export const PLAIN_COOKIE = 'send-session';
export const cookieName = (req: Request): string => (req.secure ? SECURE_COOKIE : PLAIN_COOKIE);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const SIGN_IN_PATH = '/api/auth/sign-in';
export const ONE_TIME_LINK_MS = 15 * 60_000;

function readCookie(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Refuses a request and audits the refusal (who, which route, why); the message is the reason. */
function deny(req: Request, res: Response, status: 401 | 403, error: string, reason: string): void {
  audit.record({ req, action: 'access', outcome: 'denied', params: { method: req.method, path: req.path }, reason });
  res.status(status).json({ error });
}
/** A token's last-used time is written at most this often (each write rewrites the users file). */
const LAST_USED_EVERY_MS = 10 * 60_000;
export const NOT_SIGNED_IN = 'Sign in to use the dashboard';
export const NO_ACCESS = 'You do not have access to this: ask an administrator if you need it';

export class Auth {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly lockout: LockOut;
  readonly auditLog: AuditLog;
  readonly scryptCost: ScryptCost;
  readonly signInsPer15Minutes: number;
  readonly tokenDays: number;
  readonly now: () => number;
  private oneTime = new Map<string, number>();

  constructor(settings: AuthSettings) {
    this.users = settings.users;
    this.now = settings.now ?? Date.now;
    this.sessions = new SessionStore({ idleMs: (settings.idleMinutes ?? 30) * 60_000, absoluteMs: (settings.maxHours ?? 8) * 3_600_000 }, this.now);
    this.lockout = new LockOut(settings.lockoutAttempts ?? 5, (settings.lockoutMinutes ?? 15) * 60_000, this.now);
    this.auditLog = new AuditLog(settings.auditPath);
    this.scryptCost = settings.scryptCost ?? DEFAULT_SCRYPT_COST;
    this.signInsPer15Minutes = settings.signInsPer15Minutes ?? 20;
    this.tokenDays = settings.tokenDays ?? 90;
  }

  /** Starts a session (a new ID every time: sign-in never reuses an ID the browser already had). */
  startSession(res: Response, req: Request, user: string, lifetimeMs?: number): Session {
    const old = readCookie(req, cookieName(req));
    if (old) this.sessions.destroy(old);
    const session = this.sessions.create(user, lifetimeMs);
    res.cookie(cookieName(req), session.id, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
    return session;
  }

  endSession(res: Response, req: Request): void {
    const id = readCookie(req, cookieName(req));
    if (id) this.sessions.destroy(id);
    res.clearCookie(cookieName(req), { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
  }

  /** A short-lived session for an internal client (the board-pack renderer): its Cookie header value. */
  internalSessionCookie(user: string, lifetimeMs: number, secure = false): { cookie: string; end: () => void } {
    const session = this.sessions.create(user, lifetimeMs);
    return { cookie: `${secure ? SECURE_COOKIE : PLAIN_COOKIE}=${session.id}`, end: () => this.sessions.destroy(session.id) };
  }

  /** A single-use sign-in link token for the first-run admin, valid for 15 minutes from a loopback address. */
  issueOneTimeToken(): string {
    const token = randomBytes(32).toString('base64url');
    this.oneTime.set(createHash('sha256').update(token).digest('hex'), this.now() + ONE_TIME_LINK_MS);
    return token;
  }

  /** True once per issued, unexpired token. */
  consumeOneTimeToken(token: string): boolean {
    const key = createHash('sha256').update(token).digest('hex');
    const expires = this.oneTime.get(key);
    this.oneTime.delete(key);
    return expires !== undefined && expires > this.now();
  }

  private authenticate: RequestHandler = (req, res, next) => {
    req.auth = null;
    const header = req.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const found = match?.[1] ? findUserByToken(this.users, match[1]) : undefined;
      if (!found) return deny(req, res, 401, 'The bearer token is not valid', 'bearer token not valid');
      const now = this.now();
      if (Date.parse(tokenExpires(found.token, this.tokenDays)) <= now) {
        return deny(req, res, 401, 'The bearer token has expired: ask an administrator for a new one', 'bearer token expired');
      }
      this.noteTokenUse(found.user, found.token.sha256, now);
      req.auth = { name: found.user.name, role: found.user.role, via: 'bearer' };
      return next();
    }
    const id = readCookie(req, cookieName(req));
    const session = id ? this.sessions.touch(id) : null;
    if (session) {
      // Looked up on every request, so a removed user, a changed role or a password set elsewhere takes effect at once.
      const user = this.users.get(session.user);
      const validAfter = user?.sessions_valid_after ? Date.parse(user.sessions_valid_after) : -Infinity;
      if (user && session.created >= validAfter) req.auth = { name: user.name, role: user.role, via: 'session', session };
      else this.sessions.destroy(session.id);
    }
    next();
  };

  /** Records a token's last use (at most every 10 minutes per token, as it rewrites the users file). */
  private noteTokenUse(user: User, sha256: string, now: number): void {
    const token = user.tokens.find((t) => t.sha256 === sha256);
    if (!token || (token.last_used && now - Date.parse(token.last_used) < LAST_USED_EVERY_MS)) return;
    const used = new Date(now).toISOString();
    try {
      this.users.put({ ...user, tokens: user.tokens.map((t) => (t.sha256 === sha256 ? { ...t, last_used: used } : t)) });
    } catch (error) {
      console.error(`recording a token's last use failed: ${(error as Error).message}`);
    }
  }

  /** Synchronizer-token CSRF check: cookie-authenticated state changes must echo the session's token. */
  private csrf: RequestHandler = (req, res, next) => {
    const session = req.auth?.session;
    // Sign-in is checked by origin instead (a stale page may hold an old token).
    if (!session || !UNSAFE.has(req.method) || req.path.toLowerCase() === SIGN_IN_PATH) return next();
    const sent = req.get('x-csrf-token');
    if (!sent || !sameText(sent, session.csrf)) return deny(req, res, 403, 'Missing or wrong CSRF token: reload the page and try again', 'missing or wrong CSRF token');
    next();
  };

  private authorize: RequestHandler = (req, res, next) => {
    if (!isApiPath(req.path)) return next();
    const rule = ruleFor(req.method, req.path);
    if (rule?.access === 'public') return next();
    if (!req.auth) return deny(req, res, 401, NOT_SIGNED_IN, 'not signed in');
    if (!rule || !roleAtLeast(req.auth.role, rule.access)) return deny(req, res, 403, NO_ACCESS, rule ? 'role too low' : 'route not in the role table');
    next();
  };

  middleware(): RequestHandler[] {
    return [this.authenticate, this.csrf, this.authorize];
  }
}

/**
 * Whether the request came from this machine: the original client's address, which is the socket's unless
 * the peer is a proxy named in TRUST_PROXY (then the address that proxy forwarded; nobody else can set it).
 */
export function fromLoopback(req: Request): boolean {
  const address = req.ip ?? req.socket.remoteAddress ?? '';
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
