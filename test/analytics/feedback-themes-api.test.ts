import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// GET /api/feedback/themes on the hand-made fixture plus twelve feedback rows added to a temp
// copy of it (test/fixtures/small-extract is left as it is).
//
// Feedback loaded from the fixture (F04 and F05 are rejected) and the themes the lexicon gives:
//   F01 2024-03-01 SALT (S01, LA-wide)  r2 NONE      "Waited 30 weeks, call me on [redacted]"      waiting
//   F02 2024-04-02 (general)            r5 RESPONDED "Great staff, very helpful"                   staff
//   F03 2024-05-03 CAMHS (S02, North)   r1 CHANGED   "Email me at [redacted] about it"             communication
//   F06 2024-08-06 SALT (S01)           r4 NONE      "=HYPERLINK(...)"                              other
//   F07 2024-09-07 CAMHS (S02, North)   r2 NONE      "His NHS number is [redacted], lives ..."     other
//   F08 2024-10-10 OT (S03, South)      r3 RESPONDED "Helpful but slow to start"                   waiting
//   F09 2024-11-11 (general)            -  NONE      "No rating given, just a comment"             other
//   F10 2023-06-15 SALT (S01)           r5 NONE      "Therapist was excellent"                     staff
// Added rows (category TRANSPORT unless shown; S03 is a South service, S02 North):
//   G01 2024-01-15       r1 RESPONDED  transport, communication ("nobody rang us back")
//   G02 2024-02-03       r2 NONE       transport, staff (escort)
//   G03 2024-03-10 S03   r4 CHANGED    transport
//   G04 2024-04-12 S03   r5 RESPONDED  transport, staff (driver)
//   G05 2024-05-20       r3 NONE       transport                 } the same text twice
//   G06 2024-06-01       r3 NONE       transport                 }
//   G07 2024-07-07       r2 NONE       transport; holds "x07700900123", a phone number glued to
//                                      a letter: redacted at ingest, so never quoted
//   G08 2024-08-08 (no category) r2 NONE  transport; "Taxi always late", three words: never quoted
//   G09 2024-09-09 S02 (CAMHS)  r4 RESPONDED  staff only: "No problems with transport" is denied
//   G10 2024-10-10       r1 NONE       transport, eligibility ("too old for")
//   G11 2024-11-11       r5 RESPONDED  transport, staff (driver)
//   G12 2023-05-05       r2 NONE       transport, communication ("no notice")
//
// 2024, LA: 18 comments (F01-F03, F06-F09 and G01-G11).
//   transport: G01-G08, G10, G11 = 10 (55.6%); ratings 1+2+4+5+3+3+2+2+1+5 = 28 over 10 = 2.8;
//     RESPONDED G01, G04, G11 = 3; SERVICE_CHANGED G03 = 1; NONE 6; categories TRANSPORT 9, unknown (G08) 1.
//   staff: F02, G02, G04, G09, G11 = 5; ratings 5+2+5+4+5 = 21, mean 4.2;
//     categories TRANSPORT 3 (G02, G04, G11), CAMHS 1 (G09), unknown 1 (F02).
//   waiting: F01, F08 = 2; communication: F03, G01 = 2; eligibility: G10 = 1;
//   other: F06, F07, F09 = 3, rated 2 (4, 2), mean 3; information and transitions 0.
// 2024, South (S03): F08, G03, G04 = 3 comments; transport G03, G04 = 2. North (S02): F03, F07, G09 = 3.
// 2023, LA: F10, G12 = 2 comments; transport G12 = 1 (50%).
// Financial years: 2023-24 (April 2023 to March 2024) has 6 comments (G12, F10, G01, G02, F01, G03),
//   4 of them transport (G12, G01, G02, G03); 2024-25 has transport G04-G08, G10, G11 = 7; 2022-23 none.
const extraFeedback = [
  'G01,2024-01-15,,TRANSPORT,PARENT_CARER,1,The taxi to school was late every day this week and nobody rang us back,RESPONDED',
  'G02,2024-02-03,,TRANSPORT,PARENT_CARER,2,The escort keeps changing and my son gets upset in the taxi,NONE',
  'G03,2024-03-10,S03,TRANSPORT,PARENT_CARER,4,Travel training has given him confidence to get the bus on his own,SERVICE_CHANGED',
  'G04,2024-04-12,S03,TRANSPORT,YOUNG_PERSON,5,"I like my bus driver, he is kind and always says hello",RESPONDED',
  'G05,2024-05-20,,TRANSPORT,PARENT_CARER,3,Transport works most days but the route is very long,NONE',
  'G06,2024-06-01,,TRANSPORT,PARENT_CARER,3,Transport works most days but the route is very long,NONE',
  'G07,2024-07-07,,TRANSPORT,PROFESSIONAL,2,Please ring x07700900123 about the minibus pick up times,NONE',
  'G08,2024-08-08,,,PARENT_CARER,2,Taxi always late,NONE',
  'G09,2024-09-09,S02,,PARENT_CARER,4,"No problems with transport, the CAMHS worker has been brilliant",RESPONDED',
  'G10,2024-10-10,,TRANSPORT,PARENT_CARER,1,We were told he is too old for school transport now he is 16,NONE',
  'G11,2024-11-11,,TRANSPORT,PARENT_CARER,5,"Brilliant new taxi company, the driver waits until he is settled",RESPONDED',
  'G12,2023-05-05,,TRANSPORT,PARENT_CARER,2,The bus was cancelled twice and we had no notice,NONE',
];

let t: TempDb;
let extractDir: string;
let open: ReturnType<typeof createTestApp>;
let suppressed: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  extractDir = mkdtempSync(join(tmpdir(), 'feedback-themes-extract-'));
  cpSync(fixtureDir, extractDir, { recursive: true });
  appendFileSync(join(extractDir, 'local_offer_feedback.csv'), `${extraFeedback.join('\n')}\n`);
  t = await tempDatabase();
  await loadExtract(t.db, extractDir);
  open = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } });
  suppressed = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => {
  t.cleanup();
  rmSync(extractDir, { recursive: true, force: true });
});

type Theme = {
  theme: string;
  comments: { value: number | null; suppressed: boolean; suppression_reason: string | null };
  share: { value: number | null; symbol: string | null };
  rated: { value: number | null };
  mean_rating: { value: number | null; symbol: string | null };
  responses: Record<string, { numerator: number | null; value: number | null }>;
  categories: { category: string; comments: { numerator: number | null; value: number | null; suppressed: boolean } }[];
  trend: { period: string; comments: { value: number | null }; share: { value: number | null } }[];
  quotes: string[];
};
const themeOf = (body: { themes: Theme[] }, id: string): Theme => body.themes.find((x) => x.theme === id) as Theme;
const counts = (body: { themes: Theme[] }) => Object.fromEntries(body.themes.map((x) => [x.theme, x.comments.value]));

describe('GET /api/feedback/themes on the fixture (no suppression)', () => {
  it('counts comments per theme for the LA, with shares, ratings, responses and categories', async () => {
    const res = await request(open.app).get('/api/feedback/themes?period=2024').expect(200);
    expect(res.body.query).toEqual({ area: 'E08000035', period: '2024' });
    expect(res.body.comments.value).toBe(18);
    expect(counts(res.body)).toEqual({ waiting: 2, communication: 2, eligibility: 1, information: 0, staff: 5, transport: 10, transitions: 0, other: 3 });
    const transport = themeOf(res.body, 'transport');
    expect(transport.share.value).toBeCloseTo((10 / 18) * 100, 10);
    expect([transport.rated.value, transport.mean_rating.value]).toEqual([10, 2.8]);
    expect(Object.fromEntries(Object.entries(transport.responses).map(([k, v]) => [k, [v.numerator, v.value]]))).toEqual({
      responded: [3, 30],
      service_changed: [1, 10],
      none: [6, 60],
      not_recorded: [0, 0],
    });
    expect(transport.categories.map((c) => [c.category, c.comments.numerator, c.comments.value])).toEqual([
      ['TRANSPORT', 9, 90],
      ['unknown', 1, 10],
    ]);
    const staff = themeOf(res.body, 'staff');
    expect(staff.mean_rating.value).toBeCloseTo(4.2, 10);
    expect(staff.categories.map((c) => [c.category, c.comments.numerator])).toEqual([
      ['TRANSPORT', 3],
      ['CAMHS', 1],
      ['unknown', 1],
    ]);
    const other = themeOf(res.body, 'other');
    expect([other.rated.value, other.mean_rating.value]).toEqual([2, 3]);
    // No comments: a share of 0, a mean that cannot be computed.
    const information = themeOf(res.body, 'information');
    expect([information.share.value, information.mean_rating.symbol, information.responses.responded!.value]).toEqual([0, 'x', null]);
  });

  it('gives the trend over the periods of the same type', async () => {
    const calendar = await request(open.app).get('/api/feedback/themes?period=2024').expect(200);
    expect(themeOf(calendar.body, 'transport').trend.map((p) => [p.period, p.comments.value, p.share.value])).toEqual([
      ['2023', 1, 50],
      ['2024', 10, (10 / 18) * 100],
    ]);
    // Comments are events: financial years are not published for them (server/disclosure/periods.ts).
    await request(open.app).get('/api/feedback/themes?period=2023-24').expect(404);
  });

  it('counts a locality by the services based in it', async () => {
    const south = await request(open.app).get('/api/feedback/themes?area=E08000035:south&period=2024').expect(200);
    expect(south.body.comments.value).toBe(3);
    expect(counts(south.body)).toMatchObject({ transport: 2, staff: 1, waiting: 1, communication: 0 });
    const north = await request(open.app).get('/api/feedback/themes?area=E08000035:north&period=2024').expect(200);
    expect(counts(north.body)).toMatchObject({ communication: 1, other: 1, staff: 1, transport: 0 });
  });

  it('quotes only themes with 8 or more comments, deterministically, never an identifier-like or redacted comment', async () => {
    const first = await request(open.app).get('/api/feedback/themes?period=2024').expect(200);
    const again = await request(open.app).get('/api/feedback/themes?period=2024').expect(200);
    const quotes = themeOf(first.body, 'transport').quotes;
    expect(themeOf(again.body, 'transport').quotes).toEqual(quotes);
    // One low (ratings 1-2: G01, G02, G10), one middling (G05; G06 is the same text) and one
    // high rating, preferring comments with this theme only (G03 over G04 and G11).
    expect(quotes).toHaveLength(3);
    expect([
      'The taxi to school was late every day this week and nobody rang us back',
      'The escort keeps changing and my son gets upset in the taxi',
      'We were told he is too old for school transport now he is 16',
    ]).toContain(quotes[0]);
    expect(quotes.slice(1)).toEqual([
      'Transport works most days but the route is very long',
      'Travel training has given him confidence to get the bus on his own',
    ]);
    // G07's phone number glued to a letter ("x0770...") is redacted at ingest, so the comment is
    // never quoted; other themes have fewer than 8 comments.
    const [g07] = await t.db.query<{ comment: string }>("SELECT comment FROM local_offer_feedback WHERE feedback_id = 'G07'");
    expect(g07).toEqual({ comment: 'Please ring x[redacted] about the minibus pick up times' });
    const allQuotes = first.body.themes.flatMap((x: Theme) => x.quotes);
    expect(allQuotes).toEqual(quotes);
    expect(JSON.stringify(first.body)).not.toMatch(/07700|redacted|HYPERLINK/);
  });

  it('defaults to the latest complete calendar year and the extract LA', async () => {
    const res = await request(open.app).get('/api/feedback/themes').expect(200);
    expect(res.body.query).toEqual({ area: 'E08000035', period: '2024' });
    expect(res.body.period).toMatchObject({ period_type: 'calendar-year', complete: true });
    expect(res.body.data).toMatchObject({ synthetic: false, la_code: 'E08000035' });
    expect(res.body.disclosure.threshold).toBe(0);
  });

  it('computes once per data version and again after a load', async () => {
    const spy = vi.spyOn(t.db, 'query');
    await request(open.app).get('/api/feedback/themes?period=2023').expect(200);
    expect(spy).not.toHaveBeenCalled();
    open.dataState.refresh();
    await request(open.app).get('/api/feedback/themes?period=2023').expect(200);
    expect(spy.mock.calls.some(([sql]) => String(sql).includes('local_offer_feedback'))).toBe(true);
    spy.mockRestore();
  });
});

describe('disclosure control (threshold 7)', () => {
  it('suppresses small counts and what would give them away', async () => {
    const res = await request(suppressed).get('/api/feedback/themes?period=2024').expect(200);
    // The LA's 18 comments include 12 on LA-wide services or the Local Offer in general, which
    // no locality holds and nothing publishes, so North's and South's 3 each cannot be worked
    // out from it: the LA total stays, the localities are primary.
    expect(res.body.comments).toMatchObject({ value: 18, suppressed: false });
    const transport = themeOf(res.body, 'transport');
    expect(transport.comments).toMatchObject({ value: 10, suppressed: false });
    expect([transport.mean_rating.value, transport.quotes.length]).toEqual([2.8, 3]);
    // Categories: unknown (1) is primary; TRANSPORT (9) would give it away as 10 - 9: secondary.
    expect(transport.categories.map((c) => [c.category, c.comments.numerator, c.comments.suppressed])).toEqual([
      ['TRANSPORT', null, true],
      ['unknown', null, true],
    ]);
    expect((transport.categories[0]!.comments as unknown as { suppression_reason: string }).suppression_reason).toBe('secondary');
    // Responses 3, 1 and 6 are all primary; their shares go with them.
    expect(Object.values(transport.responses).map((r) => r.value)).toEqual([null, null, null, 0]);
    const staff = themeOf(res.body, 'staff');
    expect(staff.comments).toMatchObject({ value: null, suppression_reason: 'primary' });
    expect([staff.share.value, staff.mean_rating.value, staff.quotes]).toEqual([null, null, []]);
    expect(themeOf(res.body, 'information').comments).toMatchObject({ value: 0, suppressed: false });
    expect(res.body.disclosure.rule).toMatch(/1 to 7/);
    const south = await request(suppressed).get('/api/feedback/themes?area=E08000035:south&period=2024').expect(200);
    expect(south.body.comments).toMatchObject({ value: null, suppressed: true, suppression_reason: 'primary' });
    expect(themeOf(south.body, 'transport').comments).toMatchObject({ value: null, suppression_reason: 'primary' });
  });
});

describe('bad requests', () => {
  it.each([
    ['/api/feedback/themes?period=24', 400],
    ['/api/feedback/themes?period=all', 400],
    ['/api/feedback/themes?period=2024;DROP TABLE children', 400],
    ['/api/feedback/themes?area=Leeds', 400],
    ['/api/feedback/themes?theme=transport', 400],
    ['/api/feedback/themes?period=2024&period=2023', 400],
    ['/api/feedback/themes?area=E08000036', 404],
    ['/api/feedback/themes?area=E08000035:east', 404],
    ['/api/feedback/themes?period=2019', 404],
    // Not in server/auth/route-roles.ts: denied by default, even to a signed-in analyst.
    ['/api/feedback/nothing', 403],
  ])('%s → %i with a JSON error', async (path, status) => {
    const res = await request(open.app).get(path).expect(status);
    expect(typeof res.body.error).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });
});
