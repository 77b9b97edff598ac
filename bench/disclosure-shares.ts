import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../server/db/database.ts';
import { catalogue } from '../server/indicators/catalogue.ts';
import { computeIndicator, warmIndicators } from '../server/indicators/engine.ts';
import { readDataContext, type DataContext } from '../server/data-context.ts';
import { loadExtract } from '../server/ingest/load-extract.ts';

// `npx tsx bench/disclosure-shares.ts --extract <dir> [--threshold 7]`
//
// Loads an extract into a fresh database, times the cold computation of every indicator
// (as the server does after a load), then counts the share of cells published (not 'c'),
// per indicator and overall, in complete periods: LA totals, locality totals and LA
// breakdown cells. Cells of periods not served at all count as not published only where the
// period is complete and of a type the indicator serves (so a policy that stops serving
// financial years for counts of events is not counted as suppressing them).

const { values } = parseArgs({ options: { extract: { type: 'string' }, threshold: { type: 'string', default: '7' } } });
if (!values.extract) throw new Error('usage: npx tsx bench/disclosure-shares.ts --extract <dir> [--threshold 7]');
const threshold = Number(values.threshold);

interface Tally {
  published: number;
  cells: number;
  /** Published with counts rounded to the nearest 5 instead of suppressed (server/disclosure/rounding.ts). */
  rounded: number;
}
const kinds = ['la_total', 'locality_total', 'la_breakdown'] as const;
type Kind = (typeof kinds)[number];
const empty = (): Record<Kind, Tally> => ({ la_total: { published: 0, cells: 0, rounded: 0 }, locality_total: { published: 0, cells: 0, rounded: 0 }, la_breakdown: { published: 0, cells: 0, rounded: 0 } });

async function tally(db: Database, context: DataContext): Promise<Map<string, Record<Kind, Tally>>> {
  const complete = new Set(context.periods.filter((p) => p.complete).map((p) => p.period));
  const out = new Map<string, Record<Kind, Tally>>();
  for (const definition of catalogue) {
    if (definition.model) continue; // a forecast is not a count of the data
    const t = empty();
    for (const area of context.areas) {
      for (const by of area.area_type === 'la' ? ['all', ...definition.breakdowns] : ['all']) {
        for (const periodType of ['calendar-year', 'financial-year'] as const) {
          const rows = await computeIndicator(db, context, definition, { area: area.area_code, period: 'all', periodType, by: by as never }, { threshold, reference: null }).catch(() => []);
          for (const r of rows) {
            if (!complete.has(r.period)) continue;
            const kind: Kind = area.area_type === 'locality' ? 'locality_total' : by === 'all' ? 'la_total' : 'la_breakdown';
            t[kind].cells += 1;
            if (!r.suppressed) t[kind].published += 1;
            if (r.rounded === true) t[kind].rounded += 1;
          }
        }
      }
    }
    out.set(definition.id, t);
  }
  return out;
}

const pct = (t: Tally): string =>
  t.cells === 0 ? '-' : `${((100 * t.published) / t.cells).toFixed(1)}% of ${t.cells}${t.rounded > 0 ? ` (${t.rounded} rounded; suppressed instead: ${((100 * (t.published - t.rounded)) / t.cells).toFixed(1)}%)` : ''}`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'send-disclosure-shares-'));
  const db = await Database.open(join(dir, 'shares.duckdb'));
  try {
    await loadExtract(db, values.extract as string);
    const context = await readDataContext(db);
    if (!context) throw new Error('nothing loaded');
    const coldMs = await warmIndicators(db, context, catalogue, threshold);
    const byIndicator = await tally(db, context);
    const overall = empty();
    console.log(['indicator', ...kinds].join('\t'));
    for (const [id, t] of byIndicator) {
      console.log([id, ...kinds.map((k) => pct(t[k]))].join('\t'));
      for (const k of kinds) {
        overall[k].cells += t[k].cells;
        overall[k].published += t[k].published;
        overall[k].rounded += t[k].rounded;
      }
    }
    console.log(['ALL', ...kinds.map((k) => pct(overall[k]))].join('\t'));
    console.log(`cold computation of all ${catalogue.length} indicators: ${(coldMs / 1000).toFixed(2)} s`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
