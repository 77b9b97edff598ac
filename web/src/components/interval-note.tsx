import type { IndicatorMeta } from '../../../contract/indicators.ts';
import { fetchIndicator } from '../api.ts';
import { trendParams, type Filters } from '../filters.ts';
import { formatValue, unitSuffix } from '../format.ts';
import { GlossaryLink } from '../glossary/glossary-link.tsx';
import { useRequest } from '../use-request.ts';
import { FoldOnNarrow } from './fold-on-narrow.tsx';
import { headlineRow } from './headline-row.ts';

// The 95% confidence interval explained once on a page, in words, with the figures of the page's first indicator
// that has one (the same request as its tile or section, so the API cache answers it). Also where the symbols c
// and x are explained, with links to the glossary.

/** A title inside a sentence: "the rate…" from "The rate…", but "EHC plans…" kept as it is. */
const inSentence = (title: string): string => (/^[A-Z][A-Z]/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1));

export function IntervalNote({ meta, filters }: { meta: IndicatorMeta | undefined; filters: Filters }) {
  const params = trendParams(filters);
  const key = meta ? `${meta.id}|${params.area}|all|${filters.periodType}` : 'interval-note|none';
  const state = useRequest(key, (signal) => (meta ? fetchIndicator(meta.id, params, signal) : Promise.resolve(null)));
  const row = state.status === 'ready' && state.data ? headlineRow(state.data.rows.filter((r) => r.breakdown === 'all'), filters.period).row : undefined;
  const unit = meta ? unitSuffix(meta) : '';
  const example =
    meta && row && row.lower_95 !== null && row.upper_95 !== null
      ? ` For example, ${inSentence(meta.title)} in ${row.area_name}, ${row.period}, was ${formatValue(row.value, meta, row.symbol)}${unit ? ` ${unit}` : ''}: we can be 95% sure the true figure is between ${formatValue(row.lower_95, meta)} and ${formatValue(row.upper_95, meta)}${unit ? ` ${unit}` : ''}.`
      : ' For each figure, we can be 95% sure the true figure is between the two ends of its interval.';
  return (
    <FoldOnNarrow summary="How to read the figures">
      <div className="inset-text interval-note" data-testid="interval-note">
        <p>
          <strong>Reading the figures.</strong> Figures based on small numbers of children vary by chance, so each comes with a{' '}
          <GlossaryLink id="ci">95% confidence interval</GlossaryLink>, the range the true figure probably lies in.
          <span data-testid="interval-explained">{example}</span> A figure is called higher or lower than England only when the difference is
          larger than chance would explain (<GlossaryLink id="significance">significance</GlossaryLink>).
        </p>
        <p>
          <GlossaryLink id="symbol-c">c</GlossaryLink> means a figure is suppressed to protect privacy (too few children to publish safely);{' '}
          <GlossaryLink id="symbol-x">x</GlossaryLink> means it cannot be calculated. <GlossaryLink id="send">All terms explained</GlossaryLink>.
        </p>
      </div>
    </FoldOnNarrow>
  );
}
