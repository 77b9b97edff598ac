import { describe, expect, it } from 'vitest';
import { defaultMemoryLimit, loadConfig, memoryLimitNotice, usableMemory } from '../../server/config.ts';
import { Database } from '../../server/db/database.ts';
import { serverDatabaseOptions } from '../../server/db/server-options.ts';

const GiB = 2 ** 30;

describe('the server chooses a safe DuckDB memory limit from the machine', () => {
  it('takes a quarter of the memory, at least 256 MB', () => {
    expect(defaultMemoryLimit(8 * GiB)).toBe('2048MB');
    expect(defaultMemoryLimit(2 * GiB)).toBe('512MB');
    expect(defaultMemoryLimit(0.5 * GiB)).toBe('256MB');
  });

  it("uses the container's limit when it is smaller than the machine's, and ignores 'no limit'", () => {
    expect(usableMemory(16 * GiB, 2 * GiB)).toEqual({ bytes: 2 * GiB, source: 'container' });
    // Node reports no cgroup limit as 0 or as 2^64.
    expect(usableMemory(16 * GiB, 0)).toEqual({ bytes: 16 * GiB, source: 'machine' });
    expect(usableMemory(16 * GiB, 2 ** 64)).toEqual({ bytes: 16 * GiB, source: 'machine' });
    expect(defaultMemoryLimit(usableMemory(16 * GiB, 2 * GiB).bytes)).toBe('512MB');
  });

  it('says at start which limit is in force and how to change it', () => {
    expect(memoryLimitNotice({}, { bytes: 2 * GiB, source: 'container' })).toBe(
      "DuckDB memory limit 512MB: a quarter of this container's 2,048 MB (set DUCKDB_MEMORY_LIMIT to change it)",
    );
    expect(memoryLimitNotice({ DUCKDB_MEMORY_LIMIT: '1GB' }, { bytes: 2 * GiB, source: 'machine' })).toBe(
      'DuckDB memory limit 1GB (from DUCKDB_MEMORY_LIMIT)',
    );
  });

  it("opens the server's database with the default, or with DUCKDB_MEMORY_LIMIT when set", async () => {
    const limitOf = async (env: Record<string, string>): Promise<string> => {
      const db = await Database.open(':memory:', { ...serverDatabaseOptions(loadConfig(env)), allowedDirectories: undefined });
      try {
        const [row] = await db.query<{ limit: string }>("SELECT current_setting('memory_limit') AS limit");
        return String(row?.limit);
      } finally {
        db.close();
      }
    };
    // DuckDB reports the limit in MiB/GiB of its own rounding: compare in whole MiB.
    const mib = (text: string): number => {
      const m = /^([\d.]+)\s*(MiB|GiB)$/.exec(text);
      if (!m) throw new Error(`unexpected memory_limit ${text}`);
      return Math.round(Number(m[1]) * (m[2] === 'GiB' ? 1024 : 1));
    };
    expect(mib(await limitOf({ DUCKDB_MEMORY_LIMIT: '300MB' }))).toBe(286); // 300 MB = 286 MiB
    const expected = Number(defaultMemoryLimit().replace('MB', '')) * 1e6 / 2 ** 20;
    // DuckDB shows a large limit to one decimal of a GiB: within 1%.
    expect(Math.abs(mib(await limitOf({})) - expected) / expected).toBeLessThan(0.01);
  });
});
