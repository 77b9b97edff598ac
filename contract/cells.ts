import * as z from 'zod/mini';
import { areaSchema, dataNoticeSchema, periodSchema } from './common.ts';

// Published cells of the insight endpoints (feedback themes, personal budgets, transitions) after disclosure
// control (server/disclosure/), and the envelope every insight response starts with.

const suppressionReason = z.nullable(z.enum(['primary', 'secondary']));
const count = z.int().check(z.minimum(0));

/** A count of people, plans, budgets or comments after disclosure control. */
export const countCellSchema = z.object({
  value: z.nullable(count),
  suppressed: z.boolean(),
  symbol: z.nullable(z.literal('c')),
  suppression_reason: suppressionReason,
});
export type CountCell = z.infer<typeof countCellSchema>;

/** numerator / denominator as a percentage (0-100); hidden when either count is suppressed. */
export const shareCellSchema = z.object({
  numerator: z.nullable(count),
  denominator: z.nullable(count),
  value: z.nullable(z.number().check(z.minimum(0), z.maximum(100))),
  suppressed: z.boolean(),
  /** c: suppressed; x: cannot be computed (denominator 0). */
  symbol: z.nullable(z.enum(['c', 'x'])),
  suppression_reason: suppressionReason,
});
export type ShareCell = z.infer<typeof shareCellSchema>;

/** A statistic (mean, quartile, total) over the items of a count; hidden when that count is. */
export const statCellSchema = z.object({
  value: z.nullable(z.number()),
  suppressed: z.boolean(),
  symbol: z.nullable(z.enum(['c', 'x'])),
});
export type StatCell = z.infer<typeof statCellSchema>;

export const disclosureSchema = z.object({
  threshold: count,
  rule: z.string(),
});

/** The parts every insight response starts with. */
export const insightEnvelope = {
  data: dataNoticeSchema,
  area: areaSchema,
  period: periodSchema,
  disclosure: disclosureSchema,
};
