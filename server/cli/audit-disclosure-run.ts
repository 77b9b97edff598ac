// Runs the auditor against a database: the app in-process on 127.0.0.1 (port 0), a user of the
// role in a temporary users file, sign-in through the public API, the crawl, the solve.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../api/app.ts';
import { Auth } from '../auth/auth.ts';
import { hashPassword } from '../auth/passwords.ts';
import { FileUserStore, newUser } from '../auth/users-store.ts';
import type { ReferenceData } from '../benchmarks/reference-data.ts';
import type { Database } from '../db/database.ts';
import { auditPublication, type AuditResult, type PinnedCount } from '../disclosure/auditor/audit.ts';
import { indicatorById } from '../indicators/catalogue.ts';
import { runIndicatorQuery } from '../indicators/indicator-sql.ts';
import { crawl, type AuditRole, type CrawlResult } from '../disclosure/auditor/crawl.ts';
import { AuditClient } from '../disclosure/auditor/http-client.ts';
import type { Publication } from '../disclosure/auditor/publication.ts';

export const auditRoles: readonly AuditRole[] = ['viewer', 'commissioner', 'analyst'];

export interface RoleAudit {
  role: AuditRole;
  /** What the role fetched (kept out of the JSON report: large). */
  publication?: Publication;
  crawl: Omit<CrawlResult, 'publication'> & { observations: number };
  audit: AuditResult;
  verification?: Verification;
}

/** A scrypt cost for the throw-away auditor user only (its password never leaves this process). */
const AUDITOR_SCRYPT = { N: 1024, r: 8, p: 1 };

/** Audits `db` as each role in turn through one in-process server. */
export async function auditDatabase(db: Database, roles: readonly AuditRole[], options: { threshold: number; reference: ReferenceData | null; verify?: boolean; areas?: ReadonlySet<string> }): Promise<RoleAudit[]> {
  const dir = mkdtempSync(join(tmpdir(), 'send-auditor-'));
  try {
    const store = new FileUserStore(join(dir, 'users.json'));
    const password = `auditor ${Math.random().toString(36).slice(2)} ${Date.now()}`;
    for (const role of roles) store.put({ ...newUser(`auditor-${role}`, role), password: await hashPassword(password, AUDITOR_SCRYPT) });
    const auth = new Auth({ users: store, auditPath: null, scryptCost: AUDITOR_SCRYPT, signInsPer15Minutes: 0 });
    const { app } = createApp({ db, config: { SUPPRESSION_THRESHOLD: options.threshold, UPLOAD_DIR: join(dir, 'uploads'), UPLOAD_MAX_BYTES: 1, UPLOAD_MAX_UNZIPPED_BYTES: 1 }, reference: options.reference, auth });
    const server = app.listen(0, '127.0.0.1');
    // The crawl keeps connections open between bursts; a busy machine must not see them closed under it.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    try {
      const { port } = server.address() as AddressInfo;
      const out: RoleAudit[] = [];
      for (const role of roles) {
        const client = new AuditClient(`http://127.0.0.1:${port}`);
        await client.signIn(`auditor-${role}`, password);
        const { publication, ...rest } = await crawl(client, role, options.areas);
        const audit = auditPublication(publication, options.threshold);
        const verification = options.verify ? await verifyAgainstTruth(db, [...audit.findings, ...audit.pinnedZero, ...audit.pinnedLarge]) : undefined;
        out.push({ role, publication, crawl: { ...rest, observations: publication.observations.length }, audit, ...(verification ? { verification } : {}) });
      }
      return out;
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Verification {
  /** Findings on indicator cells checked against the indicator's SQL on the same database. */
  checked: number;
  agree: number;
  /** A pinned value that is not the true one: a relation of the auditor is wrong. */
  disagree: string[];
}

/**
 * Checks the auditor against the truth: each pinned (found, zero or large) suppressed indicator
 * cell is compared with the row the indicator's SQL gives. The attacker never sees this; it
 * shows that the relations the auditor assumes hold in these data.
 */
export async function verifyAgainstTruth(db: Database, pinned: readonly PinnedCount[]): Promise<Verification> {
  const out: Verification = { checked: 0, agree: 0, disagree: [] };
  const byIndicator = new Map<string, PinnedCount[]>();
  for (const p of pinned) {
    const [output, field] = p.variable.split('|');
    if (!output?.startsWith('indicator:') || (field !== 'numerator' && field !== 'denominator') || p.status !== 'suppressed') continue;
    const id = output.slice('indicator:'.length);
    byIndicator.set(id, [...(byIndicator.get(id) ?? []), p]);
  }
  for (const [id, list] of byIndicator) {
    const definition = indicatorById.get(id);
    if (!definition) throw new Error(`the auditor pinned a count of unknown indicator ${id}`);
    const rows = await runIndicatorQuery(db, definition);
    const truth = new Map(rows.map((r) => [`${r.area_code}|${r.period}|${r.breakdown}=${r.breakdown_value}`, r]));
    for (const p of list) {
      const [, field, area, period, cell] = p.variable.split('|');
      const row = truth.get(`${area}|${period}|${cell}`);
      const value = row ? Number(field === 'numerator' ? row.numerator : row.denominator) : null;
      out.checked++;
      if (value === p.value) out.agree++;
      else out.disagree.push(`${p.variable}: auditor ${p.value}, truth ${value}`);
    }
  }
  return out;
}
