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
          <div className="summary-list__row">
            <dt>Definition</dt>
            <dd>
              <Technical text={meta.definition} />
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>Numerator</dt>
            <dd>
              <Technical text={meta.numerator} />
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>Denominator</dt>
            <dd>
              <Technical text={meta.denominator} />
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>Unit</dt>
            <dd>{meta.unit_label}</dd>
          </div>
          <div className="summary-list__row">
            <dt>Polarity</dt>
            <dd>{polarityText[meta.polarity]}</dd>
          </div>
          <div className="summary-list__row">
            <dt>Group</dt>
            <dd>{groupText[meta.group]}</dd>
          </div>
          <div className="summary-list__row">
            <dt>Period</dt>
            <dd>
              {meta.period_type === 'snapshot' ? `A snapshot at ${meta.reference_date ?? 'a reference date'}` : 'Events in the calendar year'}
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>Confidence intervals</dt>
            <dd>{ciMethodText[meta.ci_method]}</dd>
          </div>
          <div className="summary-list__row">
            <dt>Source</dt>
            <dd>
              Extract files: <Technical text={meta.sources.join(', ')} />
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>Breakdowns</dt>
            <dd>{meta.breakdowns.filter((b) => b !== 'all').map(breakdownLabel).join(', ') || 'None'}</dd>
          </div>
          <div className="summary-list__row">
            <dt>Disclosure control</dt>
            <dd>
              <Technical text={meta.disclosure} />
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>Published benchmark</dt>
            <dd>{meta.benchmark ? <Technical text={meta.benchmark} /> : 'None: no published figure measures the same thing'}</dd>
          </div>
          <div className="summary-list__row">
            <dt>Indicator id</dt>
            <dd>
              <code>{meta.id}</code>
            </dd>
          </div>
        </dl>
      </div>
    </details>
  );
}
