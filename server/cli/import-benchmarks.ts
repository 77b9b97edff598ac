import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { importBenchmarks } from '../benchmarks/import-dfe.ts';
import { catalogue } from '../indicators/catalogue.ts';

// npx tsx server/cli/import-benchmarks.ts [--source ../shared/data] [--out data/reference]
// Regenerates data/reference/dfe-ehc-benchmarks.csv and areas.csv.

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const args = z
  .object({ source: z.string().min(1).optional(), out: z.string().min(1).optional() })
  .parse(parseArgs({ options: { source: { type: 'string' }, out: { type: 'string' } } }).values);

const source = args.source ? resolve(args.source) : join(repoRoot, '..', 'shared', 'data');
const out = args.out ? resolve(args.out) : join(repoRoot, 'data', 'reference');

const result = await importBenchmarks(source, out, catalogue);
console.log(`read ${source}`);
console.log(`wrote ${result.benchmarksPath} (${result.benchmarkRows} rows)`);
console.log(`wrote ${result.areasPath} (${result.areaRows} rows)`);
