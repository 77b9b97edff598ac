import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Request } from 'express';

// The audit log: one JSON object per line, appended to AUDIT_LOG_PATH (default data/audit.log, git-ignored).
// Who did what, with which parameters, how many rows, which file, and the outcome. Passwords, tokens and
// session IDs are never written: text parameters whose names look secret are replaced by "[redacted]".

export type AuditAction =
  | 'sign-in'
  | 'sign-out'
  | 'lock-out'
  | 'one-time-link'
  | 'password-change'
  | 'export'
  | 'upload'
  | 'user-add'
  | 'user-role'
  | 'user-remove'
  | 'user-token'
  | 'access';

export type AuditOutcome = 'success' | 'failure' | 'denied' | 'locked' | 'error';

export interface AuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  /** The acting user (defaults to the request's signed-in user). */
  user?: string | null;
  role?: string | null;
  params?: Record<string, unknown>;
  rows?: number | null;
  file?: string | null;
  /** A short reason for a failure, in words (never a secret). */
  reason?: string;
}

export interface AuditLine extends AuditEntry {
  time: string;
  /** The client's address: the socket's, or the one a trusted proxy (TRUST_PROXY) forwarded. */
  client?: string;
  /** The socket's address and the X-Forwarded-For header as received, so a forged header is visible. */
  peer?: string;
  forwarded_for?: string;
}

const SECRET = /pass(word)?|token|secret|session|csrf|cookie|authori[sz]ation/i;

export function redact(params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!params) return undefined;
  // Flags and counts (password_set: true, token_count: 2) carry no secret; any other value under such a name goes.
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, SECRET.test(k) && typeof v !== 'boolean' && typeof v !== 'number' ? '[redacted]' : v]));
}

export class AuditLog {
  constructor(readonly path: string | null) {}

  write(entry: AuditEntry & { client?: string; peer?: string; forwarded_for?: string }, now = new Date()): void {
    const line: AuditLine = { time: now.toISOString(), ...entry, params: redact(entry.params) };
    if (!this.path) return;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      appendFileSync(this.path, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    } catch (error) {
      // An audit failure must be visible to the operator, but must not take the dashboard down.
      console.error(`audit log ${this.path}: ${(error as Error).message}`);
    }
  }
}

interface RequestIdentity {
  name: string;
  role: string;
}

/** The log of the app that received this request (createApp puts it in app.locals), and who made it. */
function fromRequest(req: Request): { log: AuditLog | null; who: RequestIdentity | null } {
  const log = (req.app.locals as { auditLog?: AuditLog }).auditLog ?? null;
  const who = (req as Request & { auth?: RequestIdentity | null }).auth ?? null;
  return { log, who };
}

/**
 * For routes (exports, uploads, user management): `audit.record({ req, action: 'upload', params, rows, file,
 * outcome })` appends one line with the request's user, role and client address.
 */
export const audit = {
  record(entry: AuditEntry & { req: Request }): void {
    const { req, ...rest } = entry;
    const { log, who } = fromRequest(req);
    const forwarded = req.get('x-forwarded-for');
    log?.write({
      user: who?.name ?? null,
      role: who?.role ?? null,
      ...rest,
      client: req.ip,
      peer: req.socket.remoteAddress,
      ...(forwarded !== undefined ? { forwarded_for: forwarded.slice(0, 200) } : {}),
    });
  },
};
