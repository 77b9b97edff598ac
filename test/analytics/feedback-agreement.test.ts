import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { classifyComment } from '../../server/analytics/feedback-classifier.ts';
import { themeIds, type ThemeId } from '../../contract/vocabularies.ts';
import { repoRoot } from '../../server/sql-files.ts';

// Agreement of the lexicon classifier with the hand labels in test/fixtures/feedback-sample
// (125 comments, labelled and committed before the lexicon was written; see its README).
// Per theme: precision, recall and F1 over (comment, theme) pairs; overall: micro-averaged F1
// over all pairs, "other" included.
//
// Measured when the floors were set (split: comments, micro-F1):
//   dev (84 comments, read while writing the lexicon)   0.937
//   held-out test (41 comments, never tuned on)          0.907
//   all 125                                              0.928
// The floors sit about ten points below: room for lexicon edits that trade one borderline
// case for another (each wrong label moves the held-out F1 by about two points), while a
// broken matcher (word boundaries, exclusions, denials) costs far more and fails. They are a
// regression guard, not a claim about real feedback: the same person wrote the sample and the
// lexicon, so agreement on real comments will be lower and should be measured on a sample of
// them before the figures are relied on.
const FLOOR = { heldOutMicroF1: 0.8, allMicroF1: 0.85, themeF1: 0.7 };

interface Sample {
  id: string;
  split: 'dev' | 'test';
  themes: ThemeId[];
  comment: string;
}

const sample: Sample[] = (
  parse(readFileSync(join(repoRoot, 'test/fixtures/feedback-sample/comments.csv')), { columns: true }) as Record<string, string>[]
).map((r) => ({
  id: r.id ?? '',
  split: r.split === 'test' ? 'test' : 'dev',
  themes: (r.themes ?? '').split(';') as ThemeId[],
  comment: r.comment ?? '',
}));

interface Score {
  tp: number;
  fp: number;
  fn: number;
}
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1 = (s: Score): number => ratio(2 * s.tp, 2 * s.tp + s.fp + s.fn);

function agreement(rows: readonly Sample[]) {
  const perTheme = new Map<ThemeId, Score>(themeIds.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (const row of rows) {
    const gold = new Set(row.themes);
    const predicted = new Set(classifyComment(row.comment));
    for (const theme of themeIds) {
      const s = perTheme.get(theme)!;
      if (gold.has(theme) && predicted.has(theme)) s.tp++;
      else if (predicted.has(theme)) s.fp++;
      else if (gold.has(theme)) s.fn++;
    }
  }
  const micro = [...perTheme.values()].reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
  return { perTheme, micro, microF1: f1(micro) };
}

function report(name: string, result: ReturnType<typeof agreement>): void {
  const lines = [...result.perTheme].map(
    ([t, s]) =>
      `  ${t.padEnd(14)} precision ${ratio(s.tp, s.tp + s.fp).toFixed(2)}  recall ${ratio(s.tp, s.tp + s.fn).toFixed(2)}  F1 ${f1(s).toFixed(2)}  (labelled ${s.tp + s.fn})`,
  );
  console.log(`${name}: micro-F1 ${result.microF1.toFixed(3)}\n${lines.join('\n')}`);
}

describe('agreement with the hand-labelled sample', () => {
  it('has a sample of at least 60 labelled comments with known themes, every theme present', () => {
    expect(sample.length).toBeGreaterThanOrEqual(60);
    for (const row of sample) {
      expect(row.themes.length).toBeGreaterThan(0);
      for (const t of row.themes) expect(themeIds).toContain(t);
      if (row.themes.includes('other')) expect(row.themes).toEqual(['other']);
    }
    for (const t of themeIds) expect(sample.filter((r) => r.themes.includes(t)).length).toBeGreaterThanOrEqual(8);
  });

  it(`reaches micro-F1 ${FLOOR.heldOutMicroF1} on the held-out comments and ${FLOOR.allMicroF1} on all`, () => {
    const heldOut = agreement(sample.filter((r) => r.split === 'test'));
    const all = agreement(sample);
    report('held-out', heldOut);
    report('all', all);
    expect(heldOut.microF1).toBeGreaterThanOrEqual(FLOOR.heldOutMicroF1);
    expect(all.microF1).toBeGreaterThanOrEqual(FLOOR.allMicroF1);
  });

  it(`reaches F1 ${FLOOR.themeF1} for every theme over the whole sample`, () => {
    const all = agreement(sample);
    for (const [theme, score] of all.perTheme) expect({ theme, f1: f1(score) >= FLOOR.themeF1 }).toEqual({ theme, f1: true });
  });
});
