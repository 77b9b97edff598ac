import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateExtract } from '../server/generate/index.ts';
import { repoRoot } from '../server/sql-files.ts';

// The adversarial auditor on an extract of several LAs, so England, region and ICB areas are
// served and crawled with their LAs (issue 19). Long: run it apart from `npm test`.
//   npx tsx bench/audit-areas.ts [--las E06000001,E06000003,...] [--national] [--seed N] [--years N] [--role analyst] [--json out.json]
// Default LAs: three small North East LAs (one region, one ICB: North East and North Cumbria)
// and two small North West LAs in two ICBs, each at its published size.

const DEFAULT_LAS = ['E06000001', 'E06000003', 'E06000005', 'E06000006', 'E06000009'];
const { values } = parseArgs({
  options: {
    las: { type: 'string' },
    national: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    years: { type: 'string' },
    role: { type: 'string', default: 'analyst' },
    json: { type: 'string' },
  },
});

const laCodes = values.national ? undefined : (values.las?.split(',') ?? DEFAULT_LAS);
const dir = mkdtempSync(join(tmpdir(), 'send-audit-areas-'));
try {
  const started = performance.now();
  const summary = await generateExtract({
    outDir: dir,
    national: true,
    ...(laCodes ? { laCodes } : {}),
    seed: Number(values.seed),
    ...(values.years ? { years: Number(values.years) } : {}),
    format: 'csv',
  });
  console.log(`generated ${summary.children.toLocaleString('en-GB')} children in ${summary.laCodes.length} LAs (${summary.laCodes.join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const args = ['tsx', 'server/cli/audit-disclosure.ts', '--extract', dir, '--role', values.role, ...(values.json ? ['--json', values.json] : [])];
  const run = spawnSync('npx', args, { cwd: repoRoot, stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
