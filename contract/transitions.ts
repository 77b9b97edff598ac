import * as z from 'zod/mini';
import { countCellSchema, insightEnvelope, shareCellSchema } from './cells.ts';
import { areaCode, periodLabel } from './common.ts';
import { vocabularies } from './vocabularies.ts';

// GET /api/transitions?area=&period=&by=

export const transitionBreakdowns = ['age_band', 'age'] as const;

export const transitionsQuerySchema = z.strictObject({
  area: z.optional(areaCode),
  period: z.optional(periodLabel),
  /** Preparing-for-adulthood rows by age band (14-15, 16-19, 20-25; the default) or single year of age. */
  by: z.optional(z.enum(transitionBreakdowns)),
});
export type TransitionsQuery = z.infer<typeof transitionsQuerySchema>;

export const pfaOutcomes = ['employment', 'independent_living', 'community', 'health'] as const;

export const pfaRowSchema = z.object({
  /** 'all', an age band such as '16-19', or a single year of age such as '17'. */
  group: z.string(),
  /** Young people with an active plan, of this age on the snapshot date. */
  young_people: countCellSchema,
  /** Those with an annual review held on or before the snapshot date, of young_people. */
  reviewed: shareCellSchema,
  /** Outcomes recorded at the latest review, each of `reviewed`. */
  outcomes: z.object(
    Object.fromEntries(pfaOutcomes.map((o) => [o, shareCellSchema])) as Record<(typeof pfaOutcomes)[number], typeof shareCellSchema>,
  ),
});

export const transitionsResponseSchema = z.object({
  ...insightEnvelope,
  query: z.object({ area: z.string(), period: z.string(), by: z.enum(transitionBreakdowns) }),
  snapshot_date: z.string(),
  definitions: z.record(z.string(), z.string()),
  preparing_for_adulthood: z.object({ rows: z.array(pfaRowSchema) }),
  care_act_transition_assessments: z.object({
    /** Turned 18 in the period with an active plan holding social care (H1/H2) provision on their birthday. */
    turned_18: countCellSchema,
    /** Of those, with a Care Act transition assessment started before their 18th birthday. */
    assessed_before_18: shareCellSchema,
  }),
  plans_ceased_19_to_25: z.object({
    plans: countCellSchema,
    by_reason: z.array(
      z.object({ cease_reason: z.union([z.enum(vocabularies.cease_reason), z.literal('unknown')]), plans: shareCellSchema }),
    ),
  }),
});
export type TransitionsResponse = z.infer<typeof transitionsResponseSchema>;
