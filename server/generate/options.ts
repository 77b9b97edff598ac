import { z } from 'zod';

// Options of generateExtract, shared with the CLI so both validate the same way.

export const DEFAULT_SEED = 20250116;
export const DEFAULT_LA = 'E08000035';
/** The DfE series start in 2019, so at most six years of history. */
export const MAX_YEARS = 6;

const laCode = z.string().regex(/^E(06|08|09|10)\d{6}$/, 'the LA must be given by its 9-character ONS code, e.g. E08000035 for Leeds');

export const generateOptionsSchema = z.object({
  outDir: z.string().min(1, 'an output directory is required'),
  seed: z.number().int().min(0).max(0xffffffff).default(DEFAULT_SEED),
  children: z.number().int().min(100, 'children must be at least 100').max(5_000_000, 'children must be at most 5,000,000').optional(),
  laCode: laCode.default(DEFAULT_LA),
  years: z.number().int().min(1).max(MAX_YEARS, `years must be between 1 and ${MAX_YEARS} (the published series start in 2019)`).default(5),
  format: z.enum(['csv', 'parquet']).default('csv'),
  /**
   * Every LA in England (all 153, each at its own published size) into one extract; the
   * files hold one LA after another, each exactly as a one-LA run would write it.
   */
  national: z.boolean().default(false),
  /** With `national`: only these LAs (tests and benchmarks); default all of them. */
  laCodes: z.array(laCode).min(1, 'at least one LA').optional(),
}).refine((o) => !(o.national && o.children !== undefined), {
  message: 'children cannot be combined with national: each LA has its own published size',
  path: ['children'],
}).refine((o) => o.national || o.laCodes === undefined, {
  message: 'laCodes is for national extracts only',
  path: ['laCodes'],
});

export type GenerateOptions = z.input<typeof generateOptionsSchema>;
export type ResolvedOptions = z.output<typeof generateOptionsSchema>;
