import type { CatalogueEntry } from '../../contract/indicators.ts';
import { indicatorMeta } from './engine.ts';
import type { IndicatorDefinition } from './types.ts';

/** An indicator as GET /api/indicators lists it: its metadata and where the dashboard shows it. */
export function catalogueEntry(d: IndicatorDefinition): CatalogueEntry {
  return {
    ...indicatorMeta(d),
    placement: {
      headline_order: d.placement?.headline ?? null,
      theme_page: d.placement?.theme?.page ?? null,
      theme_order: d.placement?.theme?.order ?? null,
    },
  };
}
