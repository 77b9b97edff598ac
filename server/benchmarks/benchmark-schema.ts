import { z } from 'zod';

// Shared shape of the committed reference files (data/reference/*.csv): the
// importer writes them, the run-time loader validates them with these schemas.

/** An indicator id (server/indicators/definitions): indicators with a `benchmarkBasis` have reference rows. */
export const indicatorIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/);
export type BenchmarkIndicatorId = z.infer<typeof indicatorIdSchema>;

/** Our primary-need vocabulary (server/extract/spec.ts `need`), in DfE column order. */
export const NEED_CODES = ['ASD', 'HI', 'MLD', 'MSI', 'OTH', 'PD', 'PMLD', 'SEMH', 'SLCN', 'SLD', 'SPLD', 'VI'] as const;
export type NeedCode = (typeof NEED_CODES)[number];

/** Breakdown label of headline ("All …") rows. */
export const ALL_BREAKDOWN = 'all';

export const GEOGRAPHIC_LEVELS = ['National', 'Regional', 'Local authority'] as const;
export type GeographicLevel = (typeof GEOGRAPHIC_LEVELS)[number];

export const ENGLAND_CODE = 'E92000001';

export const BENCHMARK_COLUMNS = [
  'indicator_id',
  'period',
  'time_period',
  'time_identifier',
  'geographic_level',
  'area_code',
  'old_la_code',
  'area_name',
  'region_code',
  'region_name',
  'breakdown',
  'numerator',
  'denominator',
  'value',
] as const;

export const AREA_COLUMNS = [
  'area_code',
  'old_la_code',
  'area_name',
  'geographic_level',
  'region_code',
  'region_name',
] as const;

const areaCode = z.string().regex(/^E\d{8}$/);
const oldLaCode = z.string().regex(/^\d{3}$/);
// CSV cells arrive as strings (or null when empty); numbers are parsed strictly.
const optionalText = z.string().min(1).nullable();
const count = z
  .string()
  .regex(/^\d+$/)
  .transform((s) => Number(s))
  .nullable();
const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .transform((s) => Number(s))
  .nullable();

export const benchmarkRowSchema = z.object({
  indicator_id: indicatorIdSchema,
  period: z
    .string()
    .regex(/^\d{4}$/)
    .transform((s) => Number(s)),
  time_period: z.string().regex(/^\d{4}(\d{2})?$/),
  time_identifier: z.enum(['Calendar year', 'Academic year']),
  geographic_level: z.enum(GEOGRAPHIC_LEVELS),
  area_code: areaCode,
  old_la_code: oldLaCode.nullable(),
  area_name: z.string().min(1),
  region_code: areaCode.nullable(),
  region_name: optionalText,
  breakdown: z.string().min(1),
  numerator: count,
  denominator: count,
  value: decimal,
});
export type BenchmarkRow = z.output<typeof benchmarkRowSchema>;

export const areaSchema = z.object({
  area_code: areaCode,
  old_la_code: oldLaCode.nullable(),
  area_name: z.string().min(1),
  geographic_level: z.enum(GEOGRAPHIC_LEVELS),
  region_code: areaCode.nullable(),
  region_name: optionalText,
});
export type Area = z.output<typeof areaSchema>;

export const neighbourSchema = z.object({
  la_code: areaCode,
  old_la_code: oldLaCode,
  la_name: z.string().min(1),
  neighbour_rank: z
    .string()
    .regex(/^([1-9]|10)$/)
    .transform((s) => Number(s)),
  neighbour_old_la_code: oldLaCode,
  neighbour_la_code: areaCode,
  neighbour_la_name: z.string().min(1),
});

export const populationSchema = z.object({
  la_code: areaCode,
  la_name: z.string().min(1),
  year: z.string().regex(/^\d{4}$/),
  age: z
    .string()
    .regex(/^\d{1,2}$/)
    .transform((s) => Number(s)),
  sex: z.enum(['female', 'male']),
  population: z
    .string()
    .regex(/^\d+$/)
    .transform((s) => Number(s)),
});
