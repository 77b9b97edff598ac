import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.ts';
import { audit, redact, type AuditLine } from '../../server/auth/audit.ts';
import { authHeader, passwordFor, signIn, testAuth, tokenFor } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// One JSON line per sign-in, failure, lock-out, sign-out, export, user change and one-time link, with who,
// role, parameters, rows, file and outcome; and no password, token, session ID or CSRF token anywhere.

let t: TempDb;
let dir: string;
beforeAll(async () => {
  t = await fixtureDatabase();
  dir = mkdtempSync(join(tmpdir(), 'send-audit-'));
});
afterAll(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit log', () => {
  it('records each action with its outcome and never a secret', async () => {
    const path = join(dir, 'audit.log');
    const auth = testAuth({ auditPath: path, lockoutAttempts: 2 });
    const { app } = createApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, auth });
    const secrets: string[] = [passwordFor('analyst'), passwordFor('admin'), tokenFor('admin'), 'a brand new password 1', 'wrong password one'];

    const analyst = await signIn(app, 'analyst');
    secrets.push(analyst.csrf, /=([^;]*)/.exec(analyst.cookie)?.[1] ?? '');
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: 'wrong password one' }).expect(401);
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: 'wrong password one' }).expect(401); // locks
    await request(app).post('/api/auth/sign-in').send({ name: 'viewer', password: passwordFor('viewer') }).expect(429);
    await analyst.agent.get('/api/export/ehc-plans-rate.csv?period=2024').expect(200);
    await analyst.agent.get('/api/export/no-such-indicator.csv').expect(404);
    const changed = await analyst.agent.post('/api/auth/password').set('X-CSRF-Token', analyst.csrf).send({ current_password: passwordFor('analyst'), new_password: 'a brand new password 1' }).expect(200);
    const csrf = (changed.body as { csrf_token: string }).csrf_token; // the session was rotated
    secrets.push(csrf, /=([^;]*)/.exec(([] as string[]).concat(changed.headers['set-cookie'] ?? [])[0] ?? '')?.[1] ?? '');
    await analyst.agent.post('/api/auth/sign-out').set('X-CSRF-Token', csrf).expect(200);
    await request(app).post('/api/admin/users').set(authHeader('admin')).send({ name: 'erin', role: 'viewer', password: 'a brand new password 1' }).expect(201);
    await request(app).post('/api/admin/users').set(authHeader('admin')).send({ name: 'erin', role: 'commissioner' }).expect(200);
    await request(app).delete('/api/admin/users/erin').set(authHeader('admin')).expect(200);
    const oneTime = auth.issueOneTimeToken();
    secrets.push(oneTime);
    await request(app).get(`/api/auth/one-time?token=${oneTime}`).expect(303);

    const text = readFileSync(path, 'utf8');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(10);
      expect(text, 'a secret in the audit log').not.toContain(secret);
    }
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as AuditLine);
    for (const line of lines) expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const pick = ({ action, outcome, user, role }: AuditLine) => ({ action, outcome, user, role });
    expect(lines.map(pick)).toEqual([
      { action: 'sign-in', outcome: 'success', user: 'analyst', role: 'analyst' },
      { action: 'sign-in', outcome: 'failure', user: 'viewer', role: null },
      { action: 'sign-in', outcome: 'failure', user: 'viewer', role: null },
      { action: 'lock-out', outcome: 'locked', user: 'viewer', role: null },
      { action: 'sign-in', outcome: 'locked', user: 'viewer', role: null },
      { action: 'export', outcome: 'success', user: 'analyst', role: 'analyst' },
      { action: 'export', outcome: 'failure', user: 'analyst', role: 'analyst' },
      { action: 'password-change', outcome: 'success', user: 'analyst', role: 'analyst' },
      { action: 'sign-out', outcome: 'success', user: 'analyst', role: 'analyst' },
      { action: 'user-add', outcome: 'success', user: 'admin', role: 'admin' },
      { action: 'user-role', outcome: 'success', user: 'admin', role: 'admin' },
      { action: 'user-remove', outcome: 'success', user: 'admin', role: 'admin' },
      { action: 'one-time-link', outcome: 'success', user: 'admin', role: 'admin' },
    ]);
    const csv = lines[5];
    expect(csv).toMatchObject({ params: { path: '/api/export/ehc-plans-rate.csv', period: '2024' }, file: expect.stringMatching(/^ehc-plans-rate_.*\.csv$/) as string });
    expect(csv?.rows).toBeGreaterThan(0);
    expect(lines[6]).toMatchObject({ file: null, rows: null });
    expect(lines[1]).toMatchObject({ reason: 'wrong password' });
    expect(lines[9]).toMatchObject({ params: { name: 'erin', role: 'viewer', password_set: true } });
    expect(lines[10]).toMatchObject({ params: { name: 'erin', role: 'commissioner', previous_role: 'viewer' } });
  });

  it('audit.record takes the user, role and client from the request (for the uploads routes)', async () => {
    const path = join(dir, 'record.log');
    // A route as the uploads helper writes one: behind the auth middleware, in an app whose locals hold the log.
    const auth = testAuth({ auditPath: path });
    const app = express();
    app.locals.auditLog = auth.auditLog;
    app.use(express.json(), auth.middleware());
    app.post('/api/admin/test-record', (req, res) => {
      audit.record({ req, action: 'upload', outcome: 'success', params: { files: 3, token: 'should-not-appear' }, rows: 42, file: 'extract.zip' });
      res.json({ ok: true });
    });
    await request(app).post('/api/admin/test-record').set(authHeader('admin')).expect(200);
    const [line] = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditLine);
    expect(line).toMatchObject({ action: 'upload', outcome: 'success', user: 'admin', role: 'admin', rows: 42, file: 'extract.zip', params: { files: 3, token: '[redacted]' } });
    expect(line?.client).toMatch(/127\.0\.0\.1/);
  });

  it('redacts text under secret-looking names, keeps flags and counts', () => {
    expect(redact({ password: 'x', new_password: 'y', token: 't', csrf_token: 'c', session: 's', name: 'n', password_set: true, token_count: 2 })).toEqual({
      password: '[redacted]',
      new_password: '[redacted]',
      token: '[redacted]',
      csrf_token: '[redacted]',
      session: '[redacted]',
      name: 'n',
      password_set: true,
      token_count: 2,
    });
  });
});
