import type { DataNotice } from '../../contract/common.ts';
import type { IndicatorMeta } from '../../contract/indicators.ts';
import { disclosureRule as analyticsDisclosureRule } from '../disclosure/cells.ts';
import type { AnalyticsTable } from './analytics-tables.ts';
import type { Provenance } from './provenance.ts';
import { symbolMeanings, tidyColumns, type DfeSymbol } from './tidy.ts';

// The companion metadata of a tidy CSV: one CSV of `section,name,value` rows, in a
// fixed order (warning, status, indicator or table, method, source, disclosure, symbol, column).

export const SYNTHETIC_WARNING =
  'SYNTHETIC DATA — not real. These figures were computed from a generated test extract about no real children; do not use or publish them as statistics.';

export const metaHeader = ['section', 'name', 'value'] as const;
export type MetaRow = [section: string, name: string, value: string];

export const ciMethodText: Record<IndicatorMeta['ci_method'], string> = {
  wilson: 'Wilson score interval for a proportion (OHID Fingertips technical guide), at 95% and 99.8%',
  byar: 'Exact Poisson interval for the count below 10 events, Byar’s approximation from 10, divided by the denominator and scaled to the unit (OHID Fingertips technical guide), at 95% and 99.8%',
  none: 'No confidence interval is computed for this indicator',
};

export const comparisonText =
  'Comparisons use the 95% interval: similar when the comparator lies inside it, otherwise better or worse by the indicator’s polarity (higher or lower when it has none). England, region, statistical-neighbour and the LA’s own published figures come from the DfE “Education, health and care plans” release; a locality is compared with its LA.';

/** Rows published with rounded counts (server/disclosure/rounding.ts), as the CSV metadata and the workbook's notes say it. */
export const ROUNDED_COUNTS_TEXT =
  'Counts rounded to the nearest 5: an LA total whose complement (denominator minus numerator) is too small to publish is published with its numerator and denominator rounded to the nearest 5, and its value and intervals are worked out from the rounded counts; the `rounded` column says which rows (true), and their exact counts are published nowhere.';

export const disclosureText = (threshold: number): string =>
  threshold > 0
    ? `Primary suppression of numerators (and of denominators that count people or events) from 1 to ${threshold}; secondary suppression so that no suppressed cell can be recovered from totals, breakdowns or localities (checked by a linear-algebra audit). A suppressed cell hides its numerator, rate and intervals.`
    : 'Suppression threshold 0: no cell is suppressed. Figures at this setting are for internal checking only and must not be published.';

export interface MetadataInput {
  indicator: IndicatorMeta;
  notice: DataNotice;
  provenance: Provenance;
  threshold: number;
}

/** The first rows of every metadata CSV: the synthetic warning (when synthetic) and the data status. */
function statusRows(notice: DataNotice): MetaRow[] {
  return [
    ...(notice.synthetic ? [['warning', 'data_status', SYNTHETIC_WARNING] as MetaRow] : []),
    ['status', 'data_status', notice.synthetic ? 'synthetic' : 'extract'],
    ['status', 'synthetic', String(notice.synthetic)],
  ];
}

/** Where the figures came from: the load run and the files of the tables used. */
function sourceRows(notice: DataNotice, provenance: Provenance, sources: readonly string[]): MetaRow[] {
  const rows: MetaRow[] = [
    ['source', 'la_code', notice.la_code ?? 'x'],
    ['source', 'extract_date', notice.extract_date ?? 'x'],
    ['source', 'load_run', String(provenance.runId)],
    ['source', 'loaded_at', provenance.loadedAt ?? 'x'],
    ['source', 'producer', provenance.producer ?? 'x'],
  ];
  const used = new Set<string>(sources);
  for (const f of provenance.files.filter((file) => used.has(file.table))) {
    rows.push(['source', `file:${f.table}`, `${f.fileName} (sha256 ${f.sha256}; ${f.rowsLoaded} rows loaded, ${f.rowsRejected} rejected)`]);
  }
  for (const table of sources.filter((t) => !provenance.files.some((f) => f.table === t))) rows.push(['source', `file:${table}`, 'x']);
  return rows;
}

/** The symbols, then every column of the data CSV with its description. */
function symbolAndColumnRows(columns: readonly (readonly [string, string])[]): MetaRow[] {
  const rows: MetaRow[] = [];
  for (const [symbol, meaning] of Object.entries(symbolMeanings) as [DfeSymbol, string][]) rows.push(['symbol', symbol, meaning]);
  rows.push(['symbol', "'", 'a leading apostrophe marks text that began with = + - @, tab or carriage return, neutralised so that a spreadsheet cannot run it as a formula']);
  for (const [name, description] of columns) rows.push(['column', name, description]);
  return rows;
}

const comparedWords = { headline: 'the headline figure', 'benchmark-basis': 'a second figure on the benchmark basis', 'not-compared': 'not compared' } as const;

/** The published benchmark's own definition, and what it is compared with. */
function benchmarkBasisRows(b: MetadataInput['indicator']['benchmark_basis']): MetaRow[] {
  if (!b) return [];
  return [
    ['benchmark_basis', 'source', b.source],
    ['benchmark_basis', 'numerator', b.numerator],
    ['benchmark_basis', 'denominator', b.denominator],
    ['benchmark_basis', 'reference_date', b.reference_date],
    ['benchmark_basis', 'population_base', b.population_base ?? 'z'],
    ['benchmark_basis', 'comparison', comparedWords[b.comparison]],
    ['benchmark_basis', 'compared_numerator', b.local_numerator ?? 'z'],
    ['benchmark_basis', 'compared_denominator', b.local_denominator ?? 'z'],
    ['benchmark_basis', 'note', b.note],
  ];
}

export function metadataRows({ indicator, notice, provenance, threshold }: MetadataInput): MetaRow[] {
  return [
    ...statusRows(notice),
    ['indicator', 'id', indicator.id],
    ['indicator', 'title', indicator.title],
    ['indicator', 'chapter', indicator.group],
    ['indicator', 'definition', indicator.definition],
    ['indicator', 'numerator', indicator.numerator],
    ['indicator', 'denominator', indicator.denominator],
    ['indicator', 'unit', indicator.unit],
    ['indicator', 'unit_label', indicator.unit_label],
    ['indicator', 'polarity', indicator.polarity],
    ['indicator', 'period_type', indicator.period_type],
    ['indicator', 'reference_date', indicator.reference_date ?? 'z'],
    ['indicator', 'breakdowns', indicator.breakdowns.join('; ')],
    ['indicator', 'benchmark', indicator.benchmark ?? 'z'],
    ...benchmarkBasisRows(indicator.benchmark_basis),
    ['method', 'ci_method', indicator.ci_method],
    ['method', 'ci_method_description', ciMethodText[indicator.ci_method]],
    ['method', 'comparisons', comparisonText],
    ['method', 'rounding', `Values and intervals are written to 6 decimal places (unrounded in the API); round further only for presentation. ${ROUNDED_COUNTS_TEXT}`],
    ...sourceRows(notice, provenance, indicator.sources),
    ['disclosure', 'threshold', String(threshold)],
    ['disclosure', 'rule', indicator.disclosure],
    ['disclosure', 'method', disclosureText(threshold)],
    ...symbolAndColumnRows(tidyColumns),
  ];
}

export interface AnalyticsMetadataInput {
  table: Pick<AnalyticsTable, 'id' | 'title' | 'description' | 'chapter' | 'endpoint' | 'parameters' | 'sources' | 'columns'>;
  /** The endpoint's method and definitions (from its default response). */
  method: readonly (readonly [string, string])[];
  notice: DataNotice;
  provenance: Provenance;
  threshold: number;
}

/** The metadata of an analytics table's CSV, in the same sections as an indicator's. */
export function analyticsMetadataRows({ table, method, notice, provenance, threshold }: AnalyticsMetadataInput): MetaRow[] {
  return [
    ...statusRows(notice),
    ['table', 'id', table.id],
    ['table', 'title', table.title],
    ['table', 'description', table.description],
    ['table', 'chapter', table.chapter],
    ['table', 'endpoint', table.endpoint],
    ['table', 'parameters', table.parameters.join('; ')],
    ...method.map(([name, text]): MetaRow => ['method', name, text]),
    ['method', 'rounding', 'Values are written to 6 decimal places (unrounded in the API); round further only for presentation.'],
    ...sourceRows(notice, provenance, table.sources),
    ['disclosure', 'threshold', String(threshold)],
    ['disclosure', 'rule', analyticsDisclosureRule(threshold)],
    ...symbolAndColumnRows([['data_status', tidyColumns[0][1]], ...table.columns.map((c) => [c.name, c.description] as const)]),
  ];
}
