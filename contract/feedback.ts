import * as z from 'zod/mini';
import { countCellSchema, insightEnvelope, shareCellSchema, statCellSchema } from './cells.ts';
import { areaPeriodQuerySchema } from './common.ts';
import { themeIds } from './vocabularies.ts';

// GET /api/feedback/themes?area=&period=

export const feedbackThemesQuerySchema = areaPeriodQuerySchema;
export type FeedbackThemesQuery = z.infer<typeof feedbackThemesQuerySchema>;

export const feedbackThemeSchema = z.object({
  theme: z.enum(themeIds),
  label: z.string(),
  description: z.string(),
  /** Comments carrying the theme (a comment may carry several). */
  comments: countCellSchema,
  /** Of all comments in the area and period. */
  share: shareCellSchema,
  /** Comments carrying the theme with a rating, and their mean rating (1 very poor - 5 very good). */
  rated: countCellSchema,
  mean_rating: statCellSchema,
  /** "You said, we did": each response as a share of the theme's comments. */
  responses: z.object({
    responded: shareCellSchema,
    service_changed: shareCellSchema,
    none: shareCellSchema,
    not_recorded: shareCellSchema,
  }),
  /** Provision categories the theme's comments are about (feedback's category, else its service's); those with comments only. */
  categories: z.array(z.object({ category: z.string(), comments: shareCellSchema })),
  /** The theme's comments in every period of the same type (calendar or financial years). */
  trend: z.array(z.object({ period: z.string(), comments: countCellSchema, share: shareCellSchema })),
  /** Up to three example comments, word for word; only when the theme has at least 8 published comments here. */
  quotes: z.array(z.string()),
});
export type FeedbackTheme = z.infer<typeof feedbackThemeSchema>;

export const feedbackThemesResponseSchema = z.object({
  ...insightEnvelope,
  query: z.object({ area: z.string(), period: z.string() }),
  method: z.object({
    summary: z.string(),
    quotes: z.string(),
    min_comments_for_quotes: z.int(),
  }),
  /** Feedback items with a comment, received in the period. */
  comments: countCellSchema,
  themes: z.array(feedbackThemeSchema),
});
export type FeedbackThemesResponse = z.infer<typeof feedbackThemesResponseSchema>;
