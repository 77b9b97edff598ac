import type { ReferenceData } from './benchmarks/reference-data.ts';
import type { Database } from './db/database.ts';

/**
 * What every published figure is computed with: the database, the suppression threshold
 * (SUPPRESSION_THRESHOLD) and the published benchmarks (data/reference; null without them).
 * Built once in server/api/app.ts and handed to the indicator, analytics and export routes.
 */
export interface ServingEnv {
  db: Database;
  threshold: number;
  reference: ReferenceData | null;
}
