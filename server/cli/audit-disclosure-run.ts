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
import { auditPublication, type AuditResult } from '../disclosure/auditor/audit.ts';
import { crawl, type AuditRole, type CrawlResult } from '../disclosure/auditor/crawl.ts';
import { AuditClient } from '../disclosure/auditor/http-client.ts';

export const auditRoles: readonly AuditRole[] = ['viewer', 'commissioner', 'analyst'];

export interface RoleAudit {
  role: AuditRole;
  crawl: Omit<CrawlResult, 'publication'> & { observations: number };
  audit: AuditResult;
}

/** A scrypt cost for the throw-away auditor user only (its password never leaves this process). */
const AUDITOR_SCRYPT = { N: 1024, r: 8, p: 1 };

/** Audits `db` as each role in turn through one in-process server. */
export async function auditDatabase(db: Database, roles: readonly AuditRole[], options: { threshold: number; reference: ReferenceData | null }): Promise<RoleAudit[]> {
  const dir = mkdtempSync(join(tmpdir(), 'send-auditor-'));
  try {
    const store = new FileUserStore(join(dir, 'users.json'));
    const password = `auditor ${Math.random().toString(36).slice(2)} ${Date.now()}`;
    for (const role of roles) store.put({ ...newUser(`auditor-${role}`, role), password: await hashPassword(password, AUDITOR_SCRYPT) });
    const auth = new Auth({ users: store, auditPath: null, scryptCost: AUDITOR_SCRYPT, signInsPer15Minutes: 0 });
    const { app } = createApp({ db, config: { SUPPRESSION_THRESHOLD: options.threshold, UPLOAD_DIR: join(dir, 'uploads'), UPLOAD_MAX_BYTES: 1, UPLOAD_MAX_UNZIPPED_BYTES: 1 }, reference: options.reference, auth });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    try {
      const { port } = server.address() as AddressInfo;
      const out: RoleAudit[] = [];
      for (const role of roles) {
        const client = new AuditClient(`http://127.0.0.1:${port}`);
        await client.signIn(`auditor-${role}`, password);
        const { publication, ...rest } = await crawl(client, role);
        out.push({ role, crawl: { ...rest, observations: publication.observations.length }, audit: auditPublication(publication, options.threshold) });
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
