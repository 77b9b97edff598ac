import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { Database } from '../../server/db/database.ts';
import { snapshotDatabase, type Snapshot } from './helpers.ts';
import { startServer, type ServerProcess } from './server-process.ts';

// kill -9 of the server while 24 clients are requesting figures and exports: restarted on the
// same database file it serves exactly the same answers, and the tables are unchanged.
// ATTACK_KILL_ROUNDS sets the number of kill-restart rounds (npm test: 1; npm run soak: 3).

const rounds = Number(process.env.ATTACK_KILL_ROUNDS ?? 1);

const pages = [
  '/api/indicators/ehc-plans-rate?period=all',
  '/api/indicators/ehc-20-week-timeliness?period=2024&by=sex',
  '/api/indicators/personal-budget-take-up?period=all&area=E08000035:north',
  '/api/areas',
  '/api/periods',
  '/api/data-status',
  '/api/analytics/provision-gaps',
  '/api/budgets',
  '/api/export/ehc-plans-rate.csv?period=all',
];

let t: TempDb;
let before: Snapshot;
let server: ServerProcess | null = null;
beforeAll(async () => {
  t = await fixtureDatabase();
  before = await snapshotDatabase(t.db);
  t.db.close(); // the server needs the file to itself
});
afterAll(() => {
  server?.child.kill('SIGKILL');
  t.cleanup();
});

/** Each page's status and body; the quarantine summary sorted (its order among equal counts is not fixed). */
const answers = async (s: ServerProcess) =>
  Promise.all(
    pages.map(async (p) => {
      const { status, text } = await s.get(p);
      if (!p.startsWith('/api/data-status')) return [p, status, text] as const;
      const body = JSON.parse(text) as { quarantine: unknown[] };
      body.quarantine = body.quarantine.map((q) => JSON.stringify(q)).sort();
      return [p, status, JSON.stringify(body)] as const;
    }),
  );

describe('kill -9 of the server under load', () => {
  it('restarts on the same file and serves the same figures', { timeout: 60_000 + rounds * 30_000 }, async () => {
    server = await startServer(t.path);
    const expected = await answers(server);
    for (const [page, status] of expected) expect(status, page).toBe(200);

    for (let round = 0; round < rounds; round++) {
      const s = server;
      let ok = 0;
      let running = true;
      const bad: string[] = [];
      const client = async (i: number) => {
        for (let n = i; running; n++) {
          const page = pages[n % pages.length] ?? '/api/areas';
          const res = await s.get(page).catch(() => null); // refused or reset once the server is killed
          if (!res) return;
          if (res.status === 200) ok++;
          else bad.push(`${res.status} ${page}`);
        }
      };
      const clients = Array.from({ length: 24 }, (_, i) => client(i));
      await new Promise((resolve) => setTimeout(resolve, 1500 + round * 700));
      s.child.kill('SIGKILL');
      expect(await s.exited).toBeNull(); // killed by the signal, not exited
      running = false;
      await Promise.all(clients);
      expect(bad).toEqual([]);
      expect(ok).toBeGreaterThan(20);

      server = await startServer(t.path);
      const again = await answers(server);
      expect(again).toEqual(expected);
    }
    server.child.kill('SIGTERM');
    await server.exited;
    server = null;
    t.db = await Database.open(t.path);
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });
});
