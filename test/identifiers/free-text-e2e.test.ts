import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upnCheckLetter } from '../../server/identifiers/index.ts';
import { loadExtract, type LoadSummary } from '../../server/ingest/load-extract.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Issue 15, point 1, end to end: feedback comments holding identifiers that the old SQL
// pattern let through ("0 redactions", then quoted to a viewer) are loaded into a copy of
// the hand-made fixture. Every one is a transport comment of 2024, so transport has 9
// comments (8 or more: quotes are due) and, before the fix, all of them were quotable.
// Each identifier uses a check digit or letter that passes (NHS test range 999..., fake UPN).

const upnBody = '820200012001';
const upn = `${upnCheckLetter(upnBody)}${upnBody}`;
const spacedUpn = `${upn[0]} ${upnBody.slice(0, 3)} ${upnBody.slice(3, 7)} ${upnBody.slice(7, 10)} ${upnBody.slice(10)}`;

/** [identifier as written, the text that must never reach a viewer]. */
const planted: [string, string][] = [
  ['943-476-5919', '943-476-5919'],
  ['943.476.5919', '943.476.5919'],
  ['943/476/5919', '943/476/5919'],
  ['９４３ ４７６ ５９１９', '９４３ ４７６ ５９１９'],
  ['Harry Brown DOB 2016-07-21', 'Harry Brown'],
  ['jane.smith(at)example.org', 'jane.smith'],
  [spacedUpn, spacedUpn],
  ['ls1  4ap', 'ls1  4ap'],
  ['999 000 0018', '999 000 0018'],
];
// The DOB itself must go too.
const alsoNever = ['2016-07-21', 'example.org'];

const comments = planted.map(
  ([id], i) => `G${i + 1},2024-0${(i % 9) + 1}-15,,TRANSPORT,PARENT_CARER,${(i % 5) + 1},"The school taxi was late again, please contact ${id} about the bus",NONE`,
);

let t: TempDb;
let dir: string;
let summary: LoadSummary;
let viewer: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'identifiers-e2e-'));
  cpSync(fixtureDir, dir, { recursive: true });
  appendFileSync(join(dir, 'local_offer_feedback.csv'), `${comments.join('\n')}\n`);
  t = await tempDatabase();
  summary = await loadExtract(t.db, dir);
  viewer = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }, 'viewer').app;
});
afterAll(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('identifiers in feedback comments (issue 15, point 1)', () => {
  it('are redacted at ingest: each planted comment counts a redaction and none is stored as sent', async () => {
    const feedback = summary.files.find((f) => f.table === 'local_offer_feedback');
    // The fixture's own F01, F03 and F07 hold identifiers too (3), and each planted comment one or more.
    expect(feedback?.redactions).toBeGreaterThanOrEqual(3 + planted.length);
    const stored = await t.db.query<{ id: string; comment: string }>(
      "SELECT feedback_id AS id, comment FROM local_offer_feedback WHERE feedback_id LIKE 'G%' ORDER BY feedback_id",
    );
    expect(stored).toHaveLength(planted.length);
    for (const { comment } of stored) {
      expect(comment).toContain('[redacted]');
      for (const [, never] of planted) expect(comment).not.toContain(never);
      for (const never of alsoNever) expect(comment).not.toContain(never);
    }
  });

  it('never reach a viewer through GET /api/feedback/themes', async () => {
    const res = await request(viewer).get('/api/feedback/themes?period=2024').expect(200);
    const body = JSON.stringify(res.body);
    const transport = (res.body as { themes: { theme: string; comments: { value: number }; quotes: string[] }[] }).themes.find(
      (x) => x.theme === 'transport',
    );
    expect(transport?.comments.value).toBe(planted.length);
    for (const [written, never] of planted) {
      expect(body).not.toContain(never);
      expect(body).not.toContain(written);
    }
    for (const never of [...alsoNever, '9434765919', '5919']) expect(body).not.toContain(never);
    // Every transport comment needed redaction, so none may be quoted.
    expect(transport?.quotes).toEqual([]);
  });
});
