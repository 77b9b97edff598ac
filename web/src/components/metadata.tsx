import type { ReactNode } from 'react';
import type { IndicatorMeta } from '../../../contract/indicators.ts';
import { breakdownLabel, ciMethodText, polarityText } from '../format.ts';

/**
 * Text with the technical names in it (extract files, DfE column names such as `review_expected`) set as code, so a
 * reader can tell an identifier to look up from a word, and the words around it stay plain English.
 */
export function Technical({ text }: { text: string }) {
  const parts = text.split(/(\b[a-z]+_[a-z0-9_<>]+\b)/g);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

const groupText: Record<IndicatorMeta['group'], string> = { needs: 'Needs', gaps: 'Gaps', outcomes: 'Outcomes' };

/** One row of a GOV.UK summary list. */
function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The indicator's metadata, one click away (GOV.UK details component). */
export function MetadataDetails({ meta }: { meta: IndicatorMeta }) {
  return (
    <details className="details metadata">
      <summary className="details__summary">
        <span className="details__summary-text">
          About this indicator<span className="visually-hidden">: {meta.title}</span>
        </span>
      </summary>
      <div className="details__text">
        <dl className="summary-list">
          <Row term="Definition">
            <Technical text={meta.definition} />
          </Row>
          <Row term="Numerator">
            <Technical text={meta.numerator} />
          </Row>
          <Row term="Denominator">
            <Technical text={meta.denominator} />
          </Row>
          <Row term="Unit">{meta.unit_label}</Row>
          <Row term="Polarity">{polarityText[meta.polarity]}</Row>
          <Row term="Group">{groupText[meta.group]}</Row>
          <Row term="Period">{meta.period_type === 'snapshot' ? `A snapshot at ${meta.reference_date ?? 'a reference date'}` : 'Events in the calendar year'}</Row>
          <Row term="Confidence intervals">{ciMethodText[meta.ci_method]}</Row>
          <Row term="Source">
            Extract files: <Technical text={meta.sources.join(', ')} />
          </Row>
          <Row term="Breakdowns">{meta.breakdowns.filter((b) => b !== 'all').map(breakdownLabel).join(', ') || 'None'}</Row>
          <Row term="Disclosure control">
            <Technical text={meta.disclosure} />
          </Row>
          <Row term="Published benchmark">{meta.benchmark ? <Technical text={meta.benchmark} /> : 'None: no published figure measures the same thing'}</Row>
          <Row term="Indicator id">
            <code>{meta.id}</code>
          </Row>
        </dl>
      </div>
    </details>
  );
}
