import type { IndicatorMeta } from '../../../server/api/contract.ts';
import { fetchIndicator } from '../api.ts';
import { formatCount, formatInterval, formatValue, trendSentence, withUnit } from '../format.ts';
import { useRequest } from '../use-request.ts';
import { TrendChart } from './trend-chart.tsx';

/** One indicator: headline, plain-English summary, trend chart and the same figures as a table. */
export function IndicatorPanel({ meta, area }: { meta: IndicatorMeta; area?: string }) {
  const state = useRequest(`${meta.id}|${area ?? ''}`, (signal) => fetchIndicator(meta.id, { area, period: 'all' }, signal));
  const headingId = `${meta.id}-heading`;
  return (
    <section className="indicator-panel" aria-labelledby={headingId} data-indicator={meta.id}>
      <h2 id={headingId}>{meta.title}</h2>
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'error' ? <p className="error-message" role="alert">This indicator could not be loaded: {state.message}</p> : null}
      {state.status === 'ready' ? (
        (() => {
          const rows = state.data.rows;
          const latest = rows.at(-1);
          const areaName = latest?.area_name ?? state.data.query.area;
          if (!latest) return <p>There are no figures for this indicator in the loaded extract.</p>;
          return (
            <>
              <p className="headline">
                <span className="headline-value" data-testid="headline-value">{formatValue(latest.value, meta, latest.symbol)}</span>
                <span className="headline-unit">{meta.unit_label === '%' ? '' : ` ${meta.unit_label}`}</span>
                <span className="headline-context">
                  {areaName}, {latest.period}
                  {latest.lower_95 !== null ? ` (95% CI ${formatInterval(latest, meta)})` : ''}
                </span>
              </p>
              <p className="summary" data-testid="summary">{trendSentence(meta, rows, areaName)}</p>
              <TrendChart meta={meta} rows={rows} />
              <table className="data-table">
                <caption>{meta.title}: {areaName}, by year</caption>
                <thead>
                  <tr>
                    <th scope="col">Year</th>
                    <th scope="col" className="numeric">Numerator</th>
                    <th scope="col" className="numeric">Denominator</th>
                    <th scope="col" className="numeric">Value</th>
                    <th scope="col" className="numeric">95% confidence interval</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.period}>
                      <th scope="row">{r.period}</th>
                      <td className="numeric">{formatCount(r.numerator)}</td>
                      <td className="numeric">{formatCount(r.denominator)}</td>
                      <td className="numeric" data-testid={`value-${r.period}`}>{withUnit(r.value, meta, r.symbol)}</td>
                      <td className="numeric">{formatInterval(r, meta) || '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <details className="metadata">
                <summary>About this indicator</summary>
                <dl>
                  <dt>Definition</dt>
                  <dd>{meta.definition}</dd>
                  <dt>Numerator</dt>
                  <dd>{meta.numerator}</dd>
                  <dt>Denominator</dt>
                  <dd>{meta.denominator}</dd>
                  <dt>Polarity</dt>
                  <dd>{meta.polarity === 'no-judgement' ? 'No judgement: neither higher nor lower is better' : meta.polarity === 'higher-better' ? 'Higher is better' : 'Lower is better'}</dd>
                  <dt>Confidence intervals</dt>
                  <dd>{meta.ci_method === 'wilson' ? 'Wilson score method' : meta.ci_method === 'byar' ? "Byar's method (exact Poisson below 10 events)" : 'None'}</dd>
                  <dt>Source</dt>
                  <dd>Extract files: {meta.sources.join(', ')}</dd>
                  <dt>Disclosure control</dt>
                  <dd>{meta.disclosure}</dd>
                  {meta.benchmark ? (
                    <>
                      <dt>Published benchmark</dt>
                      <dd>{meta.benchmark}</dd>
                    </>
                  ) : null}
                </dl>
              </details>
            </>
          );
        })()
      ) : null}
    </section>
  );
}
