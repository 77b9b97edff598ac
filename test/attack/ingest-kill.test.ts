import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { markInterruptedRuns } from '../../server/ingest/load-extract.ts';
import { fixtureDir } from '../helpers/fixture-db.ts';
import { attackBench, snapshotDatabase, type AttackBench, type Snapshot } from './helpers.ts';
import { runIngest } from './ingest-child.ts';

// kill -9 of `npm run ingest` at random moments (fast-check draws each as a fraction of a full
// load's duration, measured first), loading the fixture and a changed copy of it in turn: after
// each kill the database holds exactly one of the two, never a mix; an unfinished run is marked
// interrupted. The existing test/ingest/interrupted-load.test.ts kills at a fixed fault point;
// this one at points nobody chose. ATTACK_INGEST_KILLS sets the number (npm test: 2; soak: 10).

const kills = Number(process.env.ATTACK_INGEST_KILLS ?? 2);

let b: AttackBench;
let changedDir: string;
const expected = new Map<string, Snapshot>();
let fullMs = 0;
const withoutRun = (s: Snapshot): Snapshot => ({ ...s, runId: 0 });

let current = fixtureDir;
beforeAll(async () => {
  b = await attackBench();
  expected.set(fixtureDir, withoutRun(await b.snapshot()));
  b.db.close();
  // The other extract: one child (and what hangs from it) fewer. Its whole load in the child,
  // from the first progress line to the exit, is the span to kill within.
  changedDir = b.variant((d) => writeFileSync(join(d, 'children.csv'), readFileSync(join(d, 'children.csv'), 'utf8').replace(/\nC20,[^\n]*/, '')));
  const run = runIngest(changedDir, b.path);
  await run.started;
  const started = performance.now();
  const done = await run.exited;
  expect(done.code, done.output).toBe(0);
  fullMs = performance.now() - started;
  b.db = await Database.open(b.path);
  expected.set(changedDir, withoutRun(await snapshotDatabase(b.db)));
  b.db.close();
  expect(expected.get(changedDir)).not.toEqual(expected.get(fixtureDir));
  current = changedDir;
}, 120_000);
afterAll(async () => {
  b.db = await Database.open(b.path); // cleanup closes it
  b.cleanup();
});

describe('kill -9 of an ingest at random moments', () => {
  it(`${kills} kills: one whole extract or the other, never a mix`, { timeout: 30_000 + kills * 30_000 }, async () => {
    const outcomes = { kept: 0, replaced: 0 };
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 1, noNaN: true }), async (fraction) => {
        const next = current === fixtureDir ? changedDir : fixtureDir;
        const run = runIngest(next, b.path);
        await run.started;
        await new Promise((resolve) => setTimeout(resolve, fraction * fullMs));
        run.kill();
        const { signal, code, output } = await run.exited;
        expect(signal === 'SIGKILL' || code === 0, output).toBe(true);

        const db = await Database.open(b.path);
        try {
          await db.withConnection(markInterruptedRuns);
          const now = withoutRun(await snapshotDatabase(db));
          const runs = await db.query<{ status: string }>('SELECT status FROM load_runs ORDER BY run_id DESC LIMIT 1');
          if (JSON.stringify(now) === JSON.stringify(expected.get(next))) {
            expect(runs).toEqual([{ status: 'committed' }]);
            outcomes.replaced++;
            current = next;
          } else {
            expect(now).toEqual(expected.get(current));
            // Killed before its run was recorded (still starting up), or recorded and now interrupted.
            expect(['committed', 'interrupted']).toContain(runs[0]?.status);
            outcomes.kept++;
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: kills },
    );
    console.log(`ingest killed ${kills} times in a ${Math.round(fullMs)} ms load: previous data kept ${outcomes.kept}, new data whole ${outcomes.replaced}`);
  });
});
