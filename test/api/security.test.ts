import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

let t: TempDb;
beforeAll(async () => {
  t = await fixtureDatabase();
});
afterAll(() => t.cleanup());

describe('HTTP hardening', () => {
  it('sends a strict Content Security Policy and safe headers', async () => {
    const { app } = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } });
    const res = await request(app).get('/api/health').expect(200);
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('rate-limits the API per client with a JSON message', async () => {
    const { app } = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, security: { apiRequestsPerMinute: 5 } });
    for (let i = 0; i < 5; i++) await request(app).get('/api/health').expect(200);
    const res = await request(app).get('/api/health').expect(429);
    expect(res.body.error).toMatch(/Too many requests/);
  });

  it('refuses oversized bodies without a stack trace', async () => {
    const { app } = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } });
    const res = await request(app)
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ x: 'a'.repeat(200_000) }))
      .expect(413);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js)|node_modules/);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const { app } = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } });
    await request(app).post('/api/health').set('Content-Type', 'application/json').send('{"x":').expect(400);
  });
});
