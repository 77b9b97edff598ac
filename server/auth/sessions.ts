import { randomBytes } from 'node:crypto';

// Server-side sessions, in memory: the cookie holds only a random 256-bit ID. A restart of the server signs
// everyone out (by design: nothing to steal from disk, nothing to expire there).

export interface Session {
  id: string;
  user: string;
  /** Synchronizer token: state-changing requests made with this session's cookie must send it as X-CSRF-Token. */
  csrf: string;
  created: number;
  lastSeen: number;
  /** A shorter absolute lifetime for internal sessions (the board-pack renderer). */
  expires: number;
}

export interface SessionTimes {
  idleMs: number;
  absoluteMs: number;
}

const randomId = (): string => randomBytes(32).toString('base64url');

export class SessionStore {
  private sessions = new Map<string, Session>();
  constructor(
    private readonly times: SessionTimes,
    private readonly now: () => number = Date.now,
  ) {}

  create(user: string, lifetimeMs = this.times.absoluteMs): Session {
    this.sweep();
    const now = this.now();
    const session = { id: randomId(), user, csrf: randomId(), created: now, lastSeen: now, expires: now + Math.min(lifetimeMs, this.times.absoluteMs) };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this ID, its idle clock restarted; expired sessions are removed. */
  touch(id: string): Session | null {
    const session = this.sessions.get(id);
    if (!session) return null;
    const now = this.now();
    if (this.expired(session, now)) {
      this.sessions.delete(id);
      return null;
    }
    session.lastSeen = now;
    return session;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** Signs a user out everywhere (removed, or role changed by an admin). */
  destroyUser(user: string): void {
    for (const [id, session] of this.sessions) if (session.user.toLowerCase() === user.toLowerCase()) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private expired(session: Session, now: number): boolean {
    return now - session.lastSeen > this.times.idleMs || now >= session.expires;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (this.expired(session, now)) this.sessions.delete(id);
  }
}

/** Failed sign-ins per user name (known or not, so a lock-out reveals nothing); in memory like the sessions. */
export class LockOut {
  private failures = new Map<string, { count: number; lockedUntil: number; last: number }>();
  constructor(
    private readonly maxFailures: number,
    private readonly lockMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get lockMinutes(): number {
    return this.lockMs / 60_000;
  }

  lockedUntil(name: string): number | null {
    const entry = this.failures.get(name.toLowerCase());
    return entry && entry.lockedUntil > this.now() ? entry.lockedUntil : null;
  }

  /**
   * Counts an attempt as a failure BEFORE its password is checked, in one synchronous step, so attempts sent in
   * parallel cannot all pass the check while the hashes run: `allowed` false when the account is locked already;
   * `locking` true when this attempt used the last one allowed (the account is locked unless it succeeds, which
   * calls `reset`).
   */
  begin(name: string): { allowed: boolean; locking: boolean } {
    if (this.lockedUntil(name) !== null) return { allowed: false, locking: false };
    const now = this.now();
    if (this.failures.size > 10_000) this.sweep(now);
    const k = name.toLowerCase();
    const entry = this.failures.get(k);
    // Failures older than the lock-out period are forgotten; so is the count once a lock-out has run out.
    const count = entry && now - entry.last < this.lockMs && entry.lockedUntil <= now ? entry.count + 1 : 1;
    const locking = count >= this.maxFailures;
    this.failures.set(k, { count: locking ? 0 : count, lockedUntil: locking ? now + this.lockMs : 0, last: now });
    return { allowed: true, locking };
  }

  reset(name: string): void {
    this.failures.delete(name.toLowerCase());
  }

  private sweep(now: number): void {
    for (const [k, entry] of this.failures) if (now - entry.last >= this.lockMs && entry.lockedUntil <= now) this.failures.delete(k);
  }
}
