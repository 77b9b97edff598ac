import { ageBandText, count } from '../../analytics-format.ts';
import { CategoryBars, type BarRow } from '../../charts/category-bars.tsx';
import { AnalyticsSection, KeyFigure, SymbolKey, symbolLegend } from '../../components/analytics-ui.tsx';
import { ChartBlock } from '../../components/chart-block.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { EmptyState } from '../../components/states.tsx';
import { analyticsCsvPath } from '../../export-links.ts';
import { formatDate } from '../../format.ts';
import { type Data, query, whole } from './shared.ts';

/** Children waiting now, on the extract date: open requests and those past 6 and 20 weeks, by age band. */
export function Waiting({ data, narrow }: { data: Data; narrow: boolean }) {
  const all = data.waiting.rows.find((r) => r.age_band === 'all');
  const bands = data.waiting.rows.filter((r) => r.age_band !== 'all');
  const asAt = formatDate(data.waiting.as_at);
  const rows: BarRow[] = bands.map((r) => ({
    key: r.age_band,
    label: `Ages ${ageBandText(r.age_band)}`,
    values: [r.open_requests.value, r.past_6_weeks_no_assessment_decision.value, r.past_20_weeks_no_plan_decision.value],
    symbols: [r.open_requests.symbol, r.past_6_weeks_no_assessment_decision.symbol, r.past_20_weeks_no_plan_decision.symbol],
  }));
  const symbols = data.waiting.rows.flatMap((r) => [r.open_requests.symbol, r.past_6_weeks_no_assessment_decision.symbol, r.past_20_weeks_no_plan_decision.symbol]);
  return (
    <AnalyticsSection id="waiting" title="Children waiting now" testId="waiting">
      <p className="analytics-text">
        Counted on {asAt}, the date of the extract, whatever year is chosen.
      </p>
      {all ? (
        <div className="key-figures">
          <KeyFigure label="Open requests" value={count(all.open_requests)} detail="children with a request not yet decided" testId="waiting-open" />
          <KeyFigure label="Past 6 weeks" value={count(all.past_6_weeks_no_assessment_decision)} detail="no decision whether to assess" testId="waiting-6" />
          <KeyFigure label="Past 20 weeks" value={count(all.past_20_weeks_no_plan_decision)} detail="no decision on a plan" testId="waiting-20" />
        </div>
      ) : null}
      {bands.length === 0 ? (
        <EmptyState title="There are no waiting figures by age band." />
      ) : (
        <ChartBlock
          title={`Children waiting by age band, ${asAt}`}
          summary={
            all
              ? `On ${asAt}, ${count(all.open_requests)} children in ${data.area.area_name} had an open request for an EHC needs assessment: ${count(all.past_6_weeks_no_assessment_decision)} had waited more than 6 weeks with no decision whether to assess, and ${count(all.past_20_weeks_no_plan_decision)} more than 20 weeks with no decision on a plan.`
              : `Children waiting on ${asAt}, by age band.`
          }
          legend={[
            { kind: 'bar', label: 'Open requests' },
            { kind: 'dark', label: 'Past 6 weeks, no decision whether to assess' },
            { kind: 'hatch', label: 'Past 20 weeks, no decision on a plan' },
            ...symbolLegend(symbols),
          ]}
          chart={
            <CategoryBars
              rows={rows}
              series={[
                { name: 'Open requests', style: 'solid' },
                { name: 'Past 6 weeks', style: 'dark' },
                { name: 'Past 20 weeks', style: 'hatch' },
              ]}
              format={whole}
              narrow={narrow}
            />
          }
          table={<WaitingTable data={data} symbols={symbols} />}
          download={analyticsCsvPath('journey-waiting', query(data))}
          testId="waiting-chart"
        />
      )}
      <details className="details analytics-details">
        <summary className="details__summary">
          <span className="details__summary-text">How waiting is counted</span>
        </summary>
        <div className="details__text">
          <p>{data.waiting.definition}</p>
        </div>
      </details>
    </AnalyticsSection>
  );
}

/** The waiting figures by age band, with all ages as the footer. */
function WaitingTable({ data, symbols }: { data: Data; symbols: (string | null)[] }) {
  const all = data.waiting.rows.find((r) => r.age_band === 'all');
  const bands = data.waiting.rows.filter((r) => r.age_band !== 'all');
  const asAt = formatDate(data.waiting.as_at);
  return (
    <>
      <ScrollTable caption={`Children waiting for an EHC needs assessment or plan decision by age band, ${data.area.area_name}, ${asAt}`}>
        <thead>
          <tr>
            <th scope="col">Age band</th>
            <th scope="col" className="numeric">Open requests</th>
            <th scope="col" className="numeric">Past 6 weeks, no decision whether to assess</th>
            <th scope="col" className="numeric">Past 20 weeks, no decision on a plan</th>
          </tr>
        </thead>
        <tbody>
          {bands.map((r) => (
            <tr key={r.age_band}>
              <th scope="row">{ageBandText(r.age_band)}</th>
              <td className="numeric">{count(r.open_requests)}</td>
              <td className="numeric">{count(r.past_6_weeks_no_assessment_decision)}</td>
              <td className="numeric">{count(r.past_20_weeks_no_plan_decision)}</td>
            </tr>
          ))}
        </tbody>
        {all ? (
          <tfoot>
            <tr>
              <th scope="row">All ages</th>
              <td className="numeric">{count(all.open_requests)}</td>
              <td className="numeric">{count(all.past_6_weeks_no_assessment_decision)}</td>
              <td className="numeric">{count(all.past_20_weeks_no_plan_decision)}</td>
            </tr>
          </tfoot>
        ) : null}
      </ScrollTable>
      <SymbolKey symbols={symbols} />
    </>
  );
}
