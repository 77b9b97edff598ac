import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attackBench, expectRefused, type AttackBench, type Snapshot } from './helpers.ts';

// Unreadable extracts (spoiled copies of the fixture): each is refused with one clear
// ExtractError, quickly and in bounded memory, and leaves the loaded data exactly as it was.

let b: AttackBench;
let fixture: Snapshot;
beforeAll(async () => {
  b = await attackBench();
  fixture = await b.snapshot();
});
afterAll(() => b.cleanup());

const file = (dir: string, name: string): string => join(dir, name);
const text = (dir: string, name: string): string => readFileSync(file(dir, name), 'utf8');
const GB = 1024 ** 3;

/** Writes `head` then `total` bytes of `block` repeated: a big file without a big buffer. */
function writeHuge(path: string, head: string, block: Buffer, total: number): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    for (let written = 0; written < total; written += block.length) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
}

describe('refused: one clear message, the loaded data untouched', () => {
  it.each<[string, (dir: string) => void, RegExp]>([
    ['Latin-1 bytes', (d) => writeFileSync(file(d, 'children.csv'), Buffer.from(text(d, 'children.csv').replace('South', 'Süd'), 'latin1')), /children.csv is not valid UTF-8 \(near line \d+\)/],
    [
      'UTF-16LE with a BOM',
      (d) => writeFileSync(file(d, 'ehc_plans.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(d, 'ehc_plans.csv'), 'utf16le')])),
      /ehc_plans.csv is UTF-16 or binary/,
    ],
    [
      'UTF-16BE with a BOM',
      (d) => writeFileSync(file(d, 'population.csv'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text(d, 'population.csv'), 'utf16le').swap16()])),
      /population.csv is UTF-16 or binary/,
    ],
    ['an empty file', (d) => writeFileSync(file(d, 'ehc_provision.csv'), ''), /ehc_provision.csv is empty or has no header row/],
    [
      '100,000 columns',
      (d) => {
        const extra = Array.from({ length: 100_000 }, (_, i) => `x${i}`);
        writeFileSync(file(d, 'children.csv'), `child_id,birth_month,sex,ethnic_group,la_code,${extra.join(',')}\nC01,2012-03,M,WHITE,E08000035,${extra.map(() => '1').join(',')}\n`);
      },
      /children.csv has 100005 columns in its header; an extract file has at most 1000/,
    ],
  ])('%s', async (_label, change, message) => {
    const started = performance.now();
    await expectRefused(b.db, b.variant(change), message);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await b.snapshot()).toEqual(fixture);
  });

  it.each<[string, string, Buffer, RegExp]>([
    // One enormous line: refused at the first megabyte, not read into memory.
    ['a 1 GB single line of text', 'feedback_id,received_date,comment\nF01,2024-03-01,"', Buffer.alloc(16 << 20, 'A'), /line 2 is longer than 1000000 characters/],
    // Garbage: a NUL in the first block marks it binary.
    ['1 GB of random bytes', '', Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24)), /UTF-16 or binary/],
  ])('%s', async (_label, head, block, message) => {
    const dir = b.variant(() => undefined);
    const path = file(dir, 'local_offer_feedback.csv');
    writeHuge(path, head, block, GB);
    const rssBefore = Math.max(process.resourceUsage().maxRSS, process.memoryUsage.rss() / 1024);
    const started = performance.now();
    try {
      await expectRefused(b.db, dir, message);
    } finally {
      rmSync(path);
    }
    expect(performance.now() - started).toBeLessThan(10_000);
    // The peak resident set grew by less than 200 MB while a 1 GB file was read.
    expect(process.resourceUsage().maxRSS - rssBefore).toBeLessThan(200 * 1024);
    expect(await b.snapshot()).toEqual(fixture);
  });
});

describe('an unterminated quote in a data row', () => {
  // DuckDB's sniffer error lists "Encoding: utf-8" among the settings it tried: the message
  // must still point at the quote, not at the encoding.
  it('is refused with a message about the quote, not the encoding', async () => {
    const dir = b.variant((d) => writeFileSync(file(d, 'children.csv'), text(d, 'children.csv').replace('C07,2016-02,M,WHITE', 'C07,2016-02,M,"WHITE')));
    await expectRefused(b.db, dir, /quot/i);
  });
});

describe('a line over DuckDB\'s 2,000,000 bytes in fewer than a million characters', () => {
  // Issue 15, point 9: DuckDB's error lists its settings, "comment = (empty)" among them, and
  // the word "empty" made the file be reported as empty.
  it('is refused as a line too long, not as an empty file', async () => {
    const dir = b.variant((d) => writeFileSync(file(d, 'population.csv'), `la_code,year,age,sex,population,locality\nE08000035,2024,1,F,"${'€'.repeat(700_000)}",North\n`));
    const error = await expectRefused(b.db, dir, /population\.csv has a line of more than 2,000,000 bytes/);
    expect(error.message).not.toMatch(/empty/);
    expect(await b.snapshot()).toEqual(fixture);
  });
});
