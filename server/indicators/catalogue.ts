import { ehc20WeekTimeliness } from './definitions/ehc-20-week-timeliness.ts';
import { ehcPlansRate } from './definitions/ehc-plans-rate.ts';
import type { IndicatorDefinition } from './types.ts';

// The catalogue: adding an indicator = a definition here + sql/indicators/<id>.sql.
export const catalogue: readonly IndicatorDefinition[] = [ehcPlansRate, ehc20WeekTimeliness];

export const indicatorById: ReadonlyMap<string, IndicatorDefinition> = new Map(catalogue.map((d) => [d.id, d]));
