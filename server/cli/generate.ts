import { parseArgs } from 'node:util';
import { z } from 'zod';
import { GenerateError, generateExtract, generateOptionsSchema } from '../generate/index.ts';

// npm run generate -- --out <dir> [--seed N] [--children N] [--la <ons code>] [--years N] [--format csv|parquet]

const USAGE = 'usage: npm run generate -- --out <dir> [--seed N] [--children N] [--la <ONS code>] [--years 1-6] [--format csv|parquet]';

/** Whole numbers only: "12abc" or "1e3" are mistakes, not 12 or 1000. */
const integer = (name: string) =>
  z.string().regex(/^\d+$/, `--${name} must be a whole number`).transform(Number).optional();

const argsSchema = z.object({
  help: z.boolean().optional(),
  out: z.string({ error: '--out <dir> is required' }).min(1, '--out <dir> is required'),
  seed: integer('seed'),
  children: integer('children'),
  la: z.string().optional(),
  years: integer('years'),
  format: z.enum(['csv', 'parquet'], { error: '--format must be csv or parquet' }).optional(),
});

function fail(message: string): never {
  console.error(`generate: ${message} (--help for usage)`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' }, seed: { type: 'string' }, children: { type: 'string' },
        la: { type: 'string' }, years: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail(e instanceof Error ? e.message.split('\n')[0] ?? 'bad arguments' : 'bad arguments');
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const args = argsSchema.safeParse(values);
  if (!args.success) fail(args.error.issues[0]?.message ?? 'bad arguments');
  const options = generateOptionsSchema.safeParse({
    outDir: args.data.out, seed: args.data.seed, children: args.data.children,
    laCode: args.data.la, years: args.data.years, format: args.data.format,
  });
  if (!options.success) fail(options.error.issues[0]?.message ?? 'bad arguments');

  const started = performance.now();
  const summary = await generateExtract(options.data, (msg) => console.log(`  ${msg}`));
  const seconds = (performance.now() - started) / 1000;

  const rows = Object.entries(summary.rows);
  const width = Math.max(...rows.map(([t]) => t.length), 'extract.json'.length) + 2;
  const fmt = (n: number) => n.toLocaleString('en-GB');
  console.log(`\nSynthetic extract for ${summary.laName} (${summary.laCode}), seed ${summary.seed}, ${summary.years} years, ${summary.format}`);
  console.log(`${'file'.padEnd(width)}${'rows'.padStart(10)}${'faults'.padStart(8)}`);
  for (const [table, n] of rows) {
    const salted = Object.values(summary.faultsByTable[table as keyof typeof summary.faultsByTable] ?? {}).reduce((s, x) => s + x, 0);
    console.log(`${`${table}.${summary.format}`.padEnd(width)}${fmt(n).padStart(10)}${(salted ? fmt(salted) : '').padStart(8)}`);
  }
  console.log(`${'extract.json'.padEnd(width)}`);
  const faults = Object.entries(summary.faults).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
  console.log(`\nsalted faults: ${faults.join(', ') || 'none'}`);
  console.log(`children ${fmt(summary.children)}, active plans at the extract date ${fmt(summary.activePlans)}, scale ${summary.scale.toFixed(3)}`);
  console.log(`wrote ${summary.outDir} in ${seconds.toFixed(2)} s`);
}

main().catch((e: unknown) => {
  if (e instanceof GenerateError) fail(e.message);
  // Anything else is a bug or an I/O problem: still one line, no stack trace.
  console.error(`generate: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
