import { overlapSentence } from '../../analytics-format.ts';
import { AnalyticsSection, SymbolKey, TableDownload } from '../../components/analytics-ui.tsx';
import { EmptyState } from '../../components/states.tsx';
import { type Data, periodWords, query } from './shared.ts';

/** How plans, child needs assessments and budgets overlap for the same children, as statements. */
export function Overlap({ data }: { data: Data }) {
  return (
    <AnalyticsSection id="overlap" title="Plans, assessments and budgets together" testId="overlap">
      <p className="analytics-text">How EHC plans, social care child needs assessments and personal budgets overlap for the same children in {periodWords(data)}.</p>
      {data.overlap.length === 0 ? (
        <EmptyState title="There are no overlap figures for this area and year." />
      ) : (
        <ul className="statements">
          {data.overlap.map((o) => (
            <li key={o.measure} data-measure={o.measure}>
              <p data-testid="overlap-statement">{overlapSentence(o)}</p>
              <p className="hint">{o.definition}</p>
            </li>
          ))}
        </ul>
      )}
      <SymbolKey symbols={data.overlap.flatMap((o) => [o.children.symbol, o.of.symbol])} />
      {data.overlap.length > 0 ? <TableDownload table="journey-overlap" params={query(data)} /> : null}
    </AnalyticsSection>
  );
}
