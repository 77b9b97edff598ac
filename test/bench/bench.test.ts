import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { percentile, summarise, textTable, timedPool } from '../../bench/stats.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { tempDir } from '../generate/helpers.ts';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
    expect(summarise([3, 1, 2])).toEqual({ n: 3, p50: 2, p95: 3, p99: 3, max: 3 });
  });

  it('runs a pool with at most the given number in flight, timing each task', async () => {
    let inFlight = 0;
    let most = 0;
    const times = await timedPool(40, 16, async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
    });
    expect(times).toHaveLength(40);
    expect(most).toBe(16);
    expect(times.every((t) => t >= 1)).toBe(true);
  });

  it('lays out a text table', () => {
    expect(textTable(['a', 'bb'], [['x', 1.26], ['yyy', null]]).split('\n')).toEqual(['a     bb', '---  ---', 'x    1.3', 'yyy    -']);
  });
});

describe('npm run bench', () => {
  const results = tempDir('bench-results');
  const data = tempDir('bench-data');
  afterAll(() => {
    rmSync(results, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('runs end to end on a tiny extract and writes its results as JSON and a table', () => {
    const r = spawnSync(
      join(repoRoot, 'node_modules', '.bin', 'tsx'),
      [join(repoRoot, 'bench', 'run.ts'), '--scale', 'smoke', '--requests', '16', '--results-dir', results, '--data-dir', data],
      { cwd: repoRoot, encoding: 'utf8', timeout: 240_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const files = readdirSync(results).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}-smoke\.json$/);
    const report = JSON.parse(readFileSync(join(results, files[0] ?? ''), 'utf8')) as {
      ingest: { csv: { rows: number; loaded: number; maxRssMb: number }; parquet: { loaded: number } };
      indicators: { id: string; raw_sql_ms: number | null; levels: { level: string; error?: string; warm_c16_ms: { p95: number } | null }[] }[];
      server_memory: { after_warm_all: { rssMb: number } | null };
      exports: { xlsx: { workbook: string; bytes: number | null } };
      server_crashes: string[];
    };
    expect(report.ingest.csv.rows).toBeGreaterThan(1000);
    expect(report.ingest.parquet.loaded).toBe(report.ingest.csv.loaded);
    expect(report.indicators.length).toBeGreaterThan(15);
    for (const indicator of report.indicators) {
      const la = indicator.levels.find((l) => l.level === 'la');
      expect(la?.error, indicator.id).toBeUndefined();
      expect(la?.warm_c16_ms?.p95, indicator.id).toBeGreaterThan(0);
    }
    expect(report.server_memory.after_warm_all?.rssMb).toBeGreaterThan(0);
    expect(report.exports.xlsx).toMatchObject({ workbook: 'all.xlsx' });
    expect(report.exports.xlsx.bytes).toBeGreaterThan(0);
    expect(report.server_crashes).toEqual([]);
    expect(readFileSync(join(results, files[1] ?? ''), 'utf8')).toContain('ingest CSV');
  }, 300_000);
});
