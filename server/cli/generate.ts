import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generateExtract, generateOptionsSchema } from '../generate/index.ts';
import { writeSyntheticReturns } from '../generate/returns-xml.ts';
import { printTable, runCli, UsageError } from './cli-support.ts';

// npm run generate -- --out <dir> [--seed N] [--children N] [--la <ons code>] [--years N] [--format csv|parquet]
// npm run generate -- --national --out <dir> [--seed N] [--years N] [--format csv|parquet]

const USAGE = [
  'usage: npm run generate -- --out <dir> [--seed N] [--children N] [--la <ONS code>] [--years 1-6] [--format csv|parquet|sen2-xml]',
  '  --format sen2-xml: the CSV extract, and in <dir>/returns the same children as a SEN2 return and a CIN census (XML, fake names and UPNs)',
  '       npm run generate -- --national [--out <dir>] [--seed N] [--years 1-6] [--format csv|parquet]',
  '  --national: all 153 LAs in England, each at its published size, into one extract (default --out data/extract-national, --format parquet)',
].join('\n');
const NATIONAL_OUT = 'data/extract-national';

/** Whole numbers only: "12abc" or "1e3" are mistakes, not 12 or 1000. */
const integer = (name: string) =>
  z.string().regex(/^\d+$/, `--${name} must be a whole number`).transform(Number).optional();

const argsSchema = z.object({
  help: z.boolean().optional(),
  national: z.boolean().optional(),
  out: z.string({ error: '--out <dir> is required' }).min(1, '--out <dir> is required'),
  seed: integer('seed'),
  children: integer('children'),
  la: z.string().optional(),
  years: integer('years'),
  format: z.enum(['csv', 'parquet', 'sen2-xml'], { error: '--format must be csv or parquet (or sen2-xml: the CSV extract and the same children as SEN2 + CIN XML returns)' }).optional(),
});

/** One line, whatever went wrong with the arguments. */
const usageError = (message: string) => new UsageError(`${message.split('\n')[0]} (--help for usage)`);

await runCli(async () => {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' }, seed: { type: 'string' }, children: { type: 'string' },
        la: { type: 'string' }, years: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean' },
        national: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw usageError((error as Error).message);
  }
  if (values.help) return void console.log(USAGE);
  if (values.national) {
    if (values.la !== undefined) throw usageError('--la cannot be combined with --national (it holds every LA)');
    if (values.children !== undefined) throw usageError('--children cannot be combined with --national (each LA has its published size)');
    values.out ??= NATIONAL_OUT;
    // Millions of rows: Parquet unless CSV is asked for (a fifth of the size, and quicker to load).
    values.format ??= 'parquet';
  }
  const args = argsSchema.safeParse(values);
  if (!args.success) throw usageError(args.error.issues[0]?.message ?? 'bad arguments');
  const options = generateOptionsSchema.safeParse({
    outDir: args.data.out, seed: args.data.seed, children: args.data.children,
    laCode: args.data.la, years: args.data.years, format: args.data.format === 'sen2-xml' ? 'csv' : args.data.format, national: args.data.national,
  });
  if (!options.success) throw usageError(options.error.issues[0]?.message ?? 'bad arguments');

  const started = performance.now();
  const summary = await generateExtract(options.data, (msg) => console.log(msg));
  const seconds = (performance.now() - started) / 1000;

  const scope = summary.national ? summary.laName : `${summary.laName} (${summary.laCode ?? ''})`;
  console.log(`\nsynthetic extract for ${scope}, seed ${summary.seed}, ${summary.years} years, ${summary.format}`);
  printTable(Object.entries(summary.rows).map(([table, rows]) => ({
    file: `${table}.${summary.format}`,
    rows,
    'salted faults': Object.values(summary.faultsByTable[table as keyof typeof summary.faultsByTable] ?? {}).reduce((s, x) => s + x, 0),
  })));
  const faults = Object.entries(summary.faults).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
  console.log(`\nsalted faults: ${faults.join(', ') || 'none'} (counted in extract.json)`);
  console.log(
    summary.national
      ? `${summary.children} children, ${summary.activePlans} active plans at the extract date in ${summary.laCodes.length} LAs`
      : `${summary.children} children, ${summary.activePlans} active plans at the extract date, scale ${summary.scale.toFixed(3)}`,
  );
  console.log(`wrote ${summary.outDir} in ${seconds.toFixed(2)} s`);
  if (args.data.format === 'sen2-xml') {
    if (summary.national) throw usageError('--format sen2-xml is for one LA (a return is one LA\'s)');
    const returns = await writeSyntheticReturns(summary.outDir, (m) => console.log(m));
    console.log(`wrote the same children as DfE returns in ${returns.dir}: ${returns.files.join(', ')} (load it with npm run ingest -- ${returns.dir})`);
  }
});
