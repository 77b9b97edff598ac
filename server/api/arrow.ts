import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import type { IndicatorRow } from './contract.ts';

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
  { name: 'rank', type: new Int32(), values: (r) => r.rank?.rank ?? null },
  { name: 'rank_of', type: new Int32(), values: (r) => r.rank?.of ?? null },
];

/**
 * The same rows as the JSON response, as an Arrow IPC stream with explicit types.
 * Comparisons become flat columns: <comparator>_value and <comparator>_significance.
 */
export function rowsToArrowStream(rows: IndicatorRow[]): Uint8Array {
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
  return tableToIPC(new Table(vectors), 'stream');
}
