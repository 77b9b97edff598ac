import { describe, expect, it } from 'vitest';
import { tables } from '../../server/extract/spec.ts';
import { readProgress } from '../../server/uploads/progress.ts';

// loadExtract's progress lines → stage and percentage (hashing 0–10 %, validating 10–90 %, writing 90 %).

describe('readProgress', () => {
  it('reads the stage and a percentage that never goes back', () => {
    expect(readProgress('reading children.csv (1.1 KB)', 0)).toEqual({ status: 'validating', percent: 5, percentLine: false });
    const first = tables[0]?.name ?? '';
    const last = tables.at(-1)?.name ?? '';
    // Half-way through the first of the tables: 10 + 80 × 0.5 / tables.
    expect(readProgress(`  validating ${first}: 50%`, 5)).toEqual({ status: 'validating', percent: Math.round(10 + 40 / tables.length), percentLine: true });
    expect(readProgress(`  validating ${last}: 100%`, 5).percent).toBe(90);
    expect(readProgress(`  validating ${first}: 0%`, 60).percent).toBe(60);
    expect(readProgress('writing to the database', 80)).toEqual({ status: 'loading', percent: 90, percentLine: false });
  });

  it('keeps the percentage for lines it does not know, and ignores unknown tables', () => {
    expect(readProgress('  children.csv: 23 read, 19 loaded, 4 rejected (12 ms)', 33)).toEqual({ status: 'validating', percent: 33, percentLine: false });
    expect(readProgress('  validating not_a_table: 50%', 12)).toEqual({ status: 'validating', percent: 12, percentLine: false });
  });
});
