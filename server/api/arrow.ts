import { Bool, Float64, Int32, Schema, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import type { IndicatorMeta, IndicatorResponse, IndicatorRow } from '../../contract/indicators.ts';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

type Column = { name: string; type: DataType; values: (row: IndicatorRow) => unknown };

const fixedColumns: Column[] = [
  { name: 'area_code', type: new Utf8(), values: (r) => r.area_code },
  { name: 'area_name', type: new Utf8(), values: (r) => r.area_name },
  { name: 'period', type: new Utf8(), values: (r) => r.period },
  { name: 'breakdown', type: new Utf8(), values: (r) => r.breakdown },
  { name: 'breakdown_value', type: new Utf8(), values: (r) => r.breakdown_value },
  { name: 'numerator', type: new Float64(), values: (r) => r.numerator },
  { name: 'denominator', type: new Float64(), values: (r) => r.denominator },
  { name: 'value', type: new Float64(), values: (r) => r.value },
  { name: 'lower_95', type: new Float64(), values: (r) => r.lower_95 },
  { name: 'upper_95', type: new Float64(), values: (r) => r.upper_95 },
  { name: 'lower_99_8', type: new Float64(), values: (r) => r.lower_99_8 },
  { name: 'upper_99_8', type: new Float64(), values: (r) => r.upper_99_8 },
  { name: 'suppressed', type: new Bool(), values: (r) => r.suppressed },
  { name: 'symbol', type: new Utf8(), values: (r) => r.symbol },
  // Never null: false when the counts are exact or suppressed (the JSON leaves the flag out then).
  { name: 'rounded', type: new Bool(), values: (r) => r.rounded === true },
  { name: 'rank', type: new Int32(), values: (r) => r.rank?.rank ?? null },
  { name: 'rank_of', type: new Int32(), values: (r) => r.rank?.of ?? null },
];

/**
 * The same rows as the JSON response, as an Arrow IPC stream with explicit types.
 * Comparisons become flat columns: <comparator>_value and <comparator>_significance.
 */
export function rowsToArrowStream(rows: IndicatorRow[], metadata: ReadonlyMap<string, string> = new Map()): Uint8Array {
  const comparators = [...new Set(rows.flatMap((r) => r.comparisons.map((c) => c.comparator)))];
  const comparisonColumns = comparators.flatMap((name): Column[] => [
    { name: `${name}_value`, type: new Float64(), values: (r) => r.comparisons.find((c) => c.comparator === name)?.value ?? null },
    {
      name: `${name}_significance`,
      type: new Utf8(),
      values: (r) => r.comparisons.find((c) => c.comparator === name)?.significance ?? null,
    },
  ]);
  const vectors: Record<string, Vector> = {};
  for (const column of [...fixedColumns, ...comparisonColumns]) {
    vectors[column.name] = vectorFromArray(rows.map(column.values), column.type);
  }
  const table = new Table(vectors);
  // Schema metadata: what JSON carries in `indicator` and `data` and CSV in its columns (unit, synthetic flag), so
  // an Arrow reader is not left with bare numbers.
  return tableToIPC(new Table(new Schema(table.schema.fields, new Map(metadata)), table.batches), 'stream');
}

/** The schema metadata of an indicator response: strings, as Arrow keeps them. */
export function arrowMetadata(body: { indicator: IndicatorMeta; query: IndicatorResponse['query']; data: IndicatorResponse['data'] }): Map<string, string> {
  return new Map([
    ['indicator_id', body.indicator.id],
    ['indicator_title', body.indicator.title],
    ['unit', body.indicator.unit],
    ['unit_label', body.indicator.unit_label],
    ['area', body.query.area],
    ['period', body.query.period],
    ['period_type', body.query.period_type],
    ['breakdown', body.query.by],
    ['synthetic', String(body.data.synthetic)],
    ['la_code', body.data.la_code ?? ''],
    ['extract_date', body.data.extract_date ?? ''],
    ['data_version', String(body.data.data_version)],
    ['symbols', 'c: suppressed by disclosure control; x: cannot be calculated (value columns are null, the symbol column says which)'],
    [
      'rounded',
      'rounded = true: numerator and denominator are rounded to the nearest 5 to protect privacy (an LA total whose complement is too small to publish); value and intervals are worked out from the rounded counts',
    ],
  ]);
}
