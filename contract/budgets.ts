import * as z from 'zod/mini';
import { countCellSchema, insightEnvelope, shareCellSchema, statCellSchema } from './cells.ts';
import { areaPeriodQuerySchema } from './common.ts';
import { vocabularies } from './vocabularies.ts';

// GET /api/budgets?area=&period=

export const budgetsQuerySchema = areaPeriodQuerySchema;
export type BudgetsQuery = z.infer<typeof budgetsQuerySchema>;

const element = z.enum(vocabularies.budget_element);
const mechanism = z.enum(vocabularies.budget_mechanism);

export const budgetAmountsSchema = z.object({
  element: z.union([z.literal('all'), element]),
  /** Budgets running on the snapshot date. */
  budgets: countCellSchema,
  /** Of those, budgets with an annual amount: the statistics below are over these. */
  with_amount: countCellSchema,
  /** Annual amounts in pounds; quartiles by linear interpolation (R type 7). */
  lower_quartile: statCellSchema,
  median: statCellSchema,
  upper_quartile: statCellSchema,
  total: statCellSchema,
});

export const budgetsResponseSchema = z.object({
  ...insightEnvelope,
  query: z.object({ area: z.string(), period: z.string() }),
  /** Everything is counted on the period's last day. */
  snapshot_date: z.string(),
  definitions: z.record(z.string(), z.string()),
  take_up: z.object({
    active_plans: countCellSchema,
    /** Active plans with at least one running personal budget linked to the plan, of all active plans. */
    with_budget: shareCellSchema,
    /** A plan with budgets of two kinds counts under both: rows need not add up to with_budget. */
    by_element: z.array(z.object({ element, plans: shareCellSchema })),
    by_mechanism: z.array(z.object({ mechanism, plans: shareCellSchema })),
    by_element_and_mechanism: z.array(z.object({ element, mechanism, plans: shareCellSchema })),
  }),
  amounts: z.array(budgetAmountsSchema),
  personal_health_budgets: z.object({
    health_budgets: countCellSchema,
    /** NHS personal health budgets, of the health-element budgets. */
    personal_health_budgets: shareCellSchema,
  }),
  sources: z.object({
    budgets: countCellSchema,
    /** Budgets linked to an EHC plan, of all running budgets. */
    from_plans: shareCellSchema,
    /** Budgets from a child needs assessment only (no plan), of all running budgets. */
    from_cna_only: shareCellSchema,
  }),
});
export type BudgetsResponse = z.infer<typeof budgetsResponseSchema>;
