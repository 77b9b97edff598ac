import fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractError } from '../../server/ingest/discover.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { fixtureDir } from '../helpers/fixture-db.ts';
import { attackBench, type AttackBench, type Snapshot } from './helpers.ts';

// Random damage to the bytes of one fixture file per run (flips, truncations, inserted quotes,
// NULs, delimiters, line breaks, stray UTF-8 lead bytes, deletions): every run either loads,
// with the damaged rows quarantined and the counts adding up, or fails with an ExtractError and
// leaves the previous good load exactly as it was. Never another kind of exception.
// ATTACK_FUZZ_RUNS sets the number of runs (npm test: 5, about 3 s each; npm run soak: 50).

const runs = Number(process.env.ATTACK_FUZZ_RUNS ?? 5);

let b: AttackBench;
let lastGood: Snapshot;
beforeAll(async () => {
  b = await attackBench();
  lastGood = await b.snapshot();
});
afterAll(() => b.cleanup());

const csvFiles = readdirSync(fixtureDir).filter((n) => n.endsWith('.csv')).sort();
const inserts: Buffer[] = [
  ...['"', ',', '\n', '\r', '""', '\r\n', '\uFEFF', ',,,,', '"\n"', 'x"y', '2024-13-45', '-1'].map((s) => Buffer.from(s)),
  Buffer.from([0]), // NUL
  Buffer.from([0xc3]), // a UTF-8 lead byte with no continuation
];

type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'byte'; at: number; value: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
// Mostly structural damage (which the loader must read through), some byte-level (which the
// UTF-8 check mostly refuses).
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, bytes: fc.integer({ min: 0, max: inserts.length - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('byte' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }) },
);

function mutate(input: Buffer, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(input);
  for (const m of mutations) {
    const at = Math.floor(m.at * bytes.length);
    if (m.op === 'flip' && bytes.length > 0) bytes[at] = (bytes[at] ?? 0) ^ (1 << m.bit);
    else if (m.op === 'byte' && bytes.length > 0) bytes[at] = m.value;
    else if (m.op === 'truncate') bytes = bytes.subarray(0, at);
    else if (m.op === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), inserts[m.bytes] ?? Buffer.alloc(0), bytes.subarray(at)]);
    else if (m.op === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
  }
  return bytes;
}

describe('fuzzed CSV bytes', () => {
  const messages = new Map<string, number>();
  it(`${runs} runs: load with quarantine or fail with ExtractError, the previous load kept`, { timeout: 30_000 + runs * 15_000 }, async () => {
    const outcomes = { loaded: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...csvFiles), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (name, mutations) => {
        const dir = b.variant((d) => writeFileSync(join(d, name), mutate(readFileSync(join(d, name)), mutations)));
        const result = await loadExtract(b.db, dir).then(
          (summary) => ({ summary }),
          (error: unknown) => ({ error }),
        );
        if ('error' in result) {
          if (!(result.error instanceof ExtractError)) throw result.error;
          expect(result.error.message).not.toContain('\n');
          expect(await b.snapshot()).toEqual(lastGood);
          const kind = result.error.message.replace(/^\S+ /, '').replace(/\d+/g, 'N').slice(0, 60);
          messages.set(kind, (messages.get(kind) ?? 0) + 1);
          outcomes.refused++;
          return;
        }
        const { summary } = result;
        for (const f of summary.files) expect(f.rowsRead).toBe(f.rowsLoaded + f.rowsRejected);
        lastGood = await b.snapshot();
        expect(lastGood.runId).toBe(summary.runId);
        for (const f of summary.files) expect(lastGood.tables[f.table]?.rows).toBe(f.rowsLoaded);
        outcomes.loaded++;
      }),
      { numRuns: runs },
    );
    console.log(`fuzzed extracts: ${outcomes.loaded} loaded, ${outcomes.refused} refused with ExtractError`, Object.fromEntries(messages));
  });
});
