import * as z from 'zod/mini';
import { periodTypes } from './vocabularies.ts';

// Pieces every endpoint's shapes share: area and period parameters, the data notice, areas, periods, errors.

export const areaCode = z
  .string()
  .check(
    z.maxLength(120),
    z.regex(/^E(06|08|09|10)\d{6}(:[a-z0-9-]+)?$/, 'area must be an LA ONS code such as E08000035, or a locality code such as E08000035:north'),
  );
export const periodLabel = z
  .string()
  .check(z.regex(/^\d{4}(-\d{2})?$/, 'period must be a calendar year such as 2024, a financial year such as 2024-25, or "all" for the trend'));

/** `?area=&period=`: the query of most analytics endpoints. */
export const areaPeriodQuerySchema = z.strictObject({ area: z.optional(areaCode), period: z.optional(periodLabel) });
export type AreaPeriodQuery = z.infer<typeof areaPeriodQuerySchema>;

/** What every response says about the data it was computed from. */
export const dataNoticeSchema = z.object({
  synthetic: z.boolean(),
  data_version: z.int(),
  extract_date: z.nullable(z.string()),
  la_code: z.nullable(z.string()),
});
export type DataNotice = z.infer<typeof dataNoticeSchema>;

export const areaSchema = z.object({
  area_code: z.string(),
  area_name: z.string(),
  area_type: z.enum(['la', 'locality']),
  parent_code: z.nullable(z.string()),
});
export type AreaRef = z.infer<typeof areaSchema>;

export const periodSchema = z.object({
  period: z.string(),
  period_type: z.enum(periodTypes),
  start_date: z.string(),
  end_date: z.string(),
  complete: z.boolean(),
});
export type PeriodRef = z.infer<typeof periodSchema>;

export const errorResponseSchema = z.object({ error: z.string(), details: z.optional(z.array(z.string())) });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
