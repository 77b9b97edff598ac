import * as z from 'zod/mini';
import { periodTypes } from './vocabularies.ts';

// Pieces every endpoint's shapes share: area and period parameters, the data notice, areas, periods, errors.

export const areaCode = z
  .string()
  .check(
    z.maxLength(120),
    z.regex(
      /^(E(06|08|09|10)\d{6}(:[a-z0-9-]+)?|E92000001|E12\d{6}|E54\d{6})$/,
      'area must be an LA ONS code such as E08000035, a locality code such as E08000035:north, or (for an extract of several LAs) England E92000001, a region E12… or an ICB E54…',
    ),
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
  /** england, region, icb: aggregates of the extract's LAs (only when it holds several). */
  area_type: z.enum(['england', 'region', 'icb', 'la', 'locality']),
  parent_code: z.nullable(z.string()),
  /** Aggregates only: the extract's LAs in the area, and how many LAs the area has in England. */
  las: z.optional(z.array(z.string())),
  las_in_area: z.optional(z.int()),
});
/** An LA or a locality, as the API names it. */
export type Area = z.infer<typeof areaSchema>;

export const periodSchema = z.object({
  period: z.string(),
  period_type: z.enum(periodTypes),
  start_date: z.string(),
  end_date: z.string(),
  complete: z.boolean(),
});
export type Period = z.infer<typeof periodSchema>;

export const errorResponseSchema = z.object({ error: z.string(), details: z.optional(z.array(z.string())) });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
