import type { IndicatorDefinition, SourceRow } from './types.ts';
import { readSql } from '../sql-files.ts';

// The second figure of an indicator whose headline cannot be on its benchmark's basis
// (`benchmarkBasis.comparison.kind === 'benchmark-basis'`): sql/benchmark-basis/<id>.sql, LA
// totals only. It is published like an indicator (same disclosure control, same intervals), as a
// pseudo-indicator whose rows come from that SQL; only comparisons with benchmarks use it.

const basisDefinitions = new Map<string, IndicatorDefinition>();

/** The benchmark-basis pseudo-indicator of `d`, or null when its headline is compared (or nothing is). */
export function benchmarkBasisDefinition(d: IndicatorDefinition): IndicatorDefinition | null {
  if (d.benchmarkBasis?.comparison.kind !== 'benchmark-basis') return null;
  let basis = basisDefinitions.get(d.id);
  if (!basis) {
    const file = `benchmark-basis/${d.id}.sql`;
    basis = {
      ...d,
      id: `${d.id}:benchmark-basis`,
      breakdowns: [],
      model: (db) => db.query<SourceRow>(readSql(file)),
    };
    basisDefinitions.set(d.id, basis);
  }
  return basis;
}
