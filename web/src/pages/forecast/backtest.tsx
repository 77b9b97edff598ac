import { calibrationSentence, oneDp, wholeNumber } from '../../analytics-format.ts';
import { AnalyticsSection, SymbolKey } from '../../components/analytics-ui.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import { type Data, groupLabel, interval, plans, signed } from './shared.ts';

type Backtest = Data['backtest'];

/** The backtest's sentence: the error of all active plans, or why it cannot be published. */
function backtestSentence(b: Backtest): string {
  const total = b.summary.find((s) => s.breakdown === 'all');
  return total && total.mape !== null
    ? `Refitted as if the data ended in ${b.fitted_to}, the model's projections of all active plans for ${b.predicted_years.join(' and ')} were off by ${oneDp(total.mape)}% on average (mean absolute percentage error, MAPE)` +
        (total.mean_error !== null ? `, ${total.mean_error < 0 ? 'too low' : total.mean_error > 0 ? 'too high' : 'neither high nor low'} by ${wholeNumber(Math.abs(Math.round(total.mean_error)))} plans on average.` : '.')
    : `Refitted as if the data ended in ${b.fitted_to ?? 'an earlier year'}; the error of the total cannot be published (an actual figure is suppressed or 0).`;
}

/** How well the method did before: the model refitted on earlier years, its error by group and each predicted year. */
export function Backtest({ data }: { data: Data }) {
  const b = data.backtest;
  return (
    <AnalyticsSection id="backtest" title="How well the method did before: backtest" testId="backtest">
      {!b.available ? (
        <EmptyState title="There is no backtest for this area.">
          <p>{b.note ?? 'The backtest needs at least three complete calendar years of history.'}</p>
        </EmptyState>
      ) : (
        <>
          <p className="analytics-text" data-testid="backtest-summary">
            {backtestSentence(b)}
          </p>
          {calibrationSentence(data.calibration) ? (
            <p className="analytics-text" data-testid="backtest-calibration">
              {calibrationSentence(data.calibration)}
            </p>
          ) : null}
          {b.note ? <p className="hint">{b.note}</p> : null}
          <ErrorByGroup b={b} />
          <details className="details analytics-details">
            <summary className="details__summary">
              <span className="details__summary-text">Each predicted year against the plans counted</span>
            </summary>
            <div className="details__text">
              <PredictedYears b={b} />
            </div>
          </details>
        </>
      )}
    </AnalyticsSection>
  );
}

function ErrorByGroup({ b }: { b: Backtest }) {
  return (
    <ScrollTable caption={`Backtest error by group: fitted to ${b.fit_years.join(', ')}, predicting ${b.predicted_years.join(' and ')}`}>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col" className="numeric">MAPE</th>
          <th scope="col" className="numeric">Mean error (plans)</th>
        </tr>
      </thead>
      <tbody>
        {b.summary.map((s) => (
          <tr key={`${s.breakdown}|${s.breakdown_value}`} data-group={s.breakdown_value}>
            <th scope="row">{groupLabel('age_band', s.breakdown_value)}</th>
            <td className="numeric" data-testid="backtest-mape">
              {s.mape === null ? 'x' : `${oneDp(s.mape)}%`}
            </td>
            <td className="numeric">{s.mean_error === null ? 'x' : signed(s.mean_error, 1)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function PredictedYears({ b }: { b: Backtest }) {
  return (
    <>
      <ScrollTable caption="Backtest: predicted and counted active EHC plans">
        <thead>
          <tr>
            <th scope="col">Year</th>
            <th scope="col">Group</th>
            <th scope="col" className="numeric">Counted</th>
            <th scope="col" className="numeric">Predicted</th>
            <th scope="col" className="numeric">Error</th>
            <th scope="col" className="numeric">Error (%)</th>
            <th scope="col" className="numeric">95% interval</th>
            <th scope="col">Counted figure inside the 95% interval</th>
          </tr>
        </thead>
        <tbody>
          {b.rows.map((r) => (
            <tr key={`${r.period}|${r.breakdown_value}`}>
              <th scope="row">{r.period}</th>
              <td>{groupLabel('age_band', r.breakdown_value)}</td>
              <td className="numeric">{r.actual === null ? 'c' : wholeNumber(r.actual)}</td>
              <td className="numeric">{plans(r.predicted)}</td>
              <td className="numeric">{signed(r.error)}</td>
              <td className="numeric">{r.percent_error === null ? (r.suppressed ? 'c' : 'x') : `${signed(r.percent_error, 1)}%`}</td>
              <td className="numeric">{interval(r.lower_95, r.upper_95)}</td>
              <td>{r.within_95 === null ? 'c' : r.within_95 ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <SymbolKey symbols={b.rows.flatMap((r) => (r.actual === null ? ['c'] : []))} />
    </>
  );
}
