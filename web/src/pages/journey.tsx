import type { JourneyResponse } from '../../../contract/analytics.ts';
import { fetchJourney } from '../analytics-api.ts';
import { ageBandText, count, overlapSentence, weeks } from '../analytics-format.ts';
import { CategoryBars, type BarRow } from '../charts/category-bars.tsx';
import { AnalyticsSection, KeyFigure, SectionContents, SymbolKey, symbolLegend, TableDownload } from '../components/analytics-ui.tsx';
import { analyticsCsvPath } from '../export-links.ts';
import { ChartBlock } from '../components/chart-block.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { ScrollTable } from '../components/scroll-table.tsx';
import { Await, EmptyState } from '../components/states.tsx';
import { useFilters } from '../filters.ts';
import { formatDate } from '../format.ts';
import type { PageDef } from '../pages.ts';
import { useMediaQuery } from '../use-media-query.ts';
import { useRequest } from '../use-request.ts';

// Single view of the child: the EHC journey from request to plan ceasing (children entering each step and the
// weeks spent at it), children waiting now, and how EHC plans, child needs assessments and personal budgets
// overlap. GET /api/analytics/journey?area=&period=.

type Data = JourneyResponse;

const sections = [
  { id: 'steps', title: 'Steps of the EHC journey' },
  { id: 'waiting', title: 'Children waiting now' },
  { id: 'overlap', title: 'Plans, assessments and budgets together' },
  { id: 'notes', title: 'About these figures' },
];

/** What each step's median measures, in a few words (the table gives the full definition). */
const stepTime: Record<Data['steps'][number]['step'], string> = {
  request: 'to the decision whether to assess',
  assessment: 'from agreeing to assess to the plan decision',
  plan: 'from the plan to its first review',
  annual_review: 'between reviews',
  cease: 'on the plan, for plans that ended',
};

const whole = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 0 });
const oneDp = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** The query the page's figures answer, for the CSV downloads. */
const query = (data: Data) => ({ area: data.area.area_code, period: data.period.period });

function periodWords(data: Data): string {
  return data.period.period_type === 'financial-year' ? `financial year ${data.period.period}` : data.period.period;
}

function StepsTable({ data }: { data: Data }) {
  return (
    <>
      <ScrollTable caption={`Steps of the EHC journey: children and weeks at each step, ${data.area.area_name}, ${periodWords(data)}`}>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className="numeric">Children entering</th>
            <th scope="col" className="numeric">Times measured</th>
            <th scope="col" className="numeric">Lower quartile (weeks)</th>
            <th scope="col" className="numeric">Median (weeks)</th>
            <th scope="col" className="numeric">Upper quartile (weeks)</th>
            <th scope="col">What is counted and timed</th>
          </tr>
        </thead>
        <tbody>
          {data.steps.map((s) => (
            <tr key={s.step} data-step={s.step}>
              <th scope="row">{s.label}</th>
              <td className="numeric" data-testid="step-children">
                {count(s.children)}
              </td>
              <td className="numeric">{count(s.time.n)}</td>
              <td className="numeric">{weeks(s.time.q1)}</td>
              <td className="numeric" data-testid="step-median">
                {weeks(s.time.median)}
              </td>
              <td className="numeric">{weeks(s.time.q3)}</td>
              <td>
                Counted: {s.entered}. Timed: {s.time.measure}.
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <SymbolKey symbols={data.steps.flatMap((s) => [s.children.symbol, s.time.median.symbol, s.time.n.symbol])} />
    </>
  );
}

function Steps({ data, narrow }: { data: Data; narrow: boolean }) {
  const counts: BarRow[] = data.steps.map((s) => ({ key: s.step, label: s.label, values: [s.children.value], symbols: [s.children.symbol] }));
  const times: BarRow[] = data.steps.map((s) => ({
    key: s.step,
    label: s.label,
    values: [s.time.median.value],
    symbols: [s.time.median.symbol],
    whisker: s.time.q1.value !== null && s.time.q3.value !== null ? [s.time.q1.value, s.time.q3.value] : null,
  }));
  const request = data.steps.find((s) => s.step === 'request');
  const plan = data.steps.find((s) => s.step === 'plan');
  const assessment = data.steps.find((s) => s.step === 'assessment');
  const countSummary =
    request && plan
      ? `In ${periodWords(data)}, ${count(request.children)} children in ${data.area.area_name} had a request for an EHC needs assessment and ${count(plan.children)} had an EHC plan issued.`
      : `Children entering each step in ${periodWords(data)}.`;
  const timeSummary =
    request && assessment && request.time.median.value !== null && assessment.time.median.value !== null
      ? `The decision whether to assess took a median of ${weeks(request.time.median)} weeks from the request (the legal limit is 6); from agreeing to assess to the plan decision took a median of ${weeks(assessment.time.median)} weeks.`
      : 'Median weeks at each step, with the middle half of the times between the quartiles; figures too small to publish are shown as c.';
  const symbols = data.steps.flatMap((s) => [s.children.symbol, s.time.median.symbol]);
  return (
    <AnalyticsSection id="steps" title="Steps of the EHC journey" testId="steps">
      <div className="key-figures">
        {data.steps.map((s) => (
          <KeyFigure
            key={s.step}
            label={s.label}
            value={count(s.children)}
            detail={s.time.median.value !== null ? `children; median ${weeks(s.time.median)} weeks ${stepTime[s.step]}` : 'children'}
            testId={`step-${s.step}`}
          />
        ))}
      </div>
      <ChartBlock
        title={`Children entering each step, ${periodWords(data)}`}
        summary={countSummary}
        legend={[{ kind: 'bar', label: 'Children' }, ...symbolLegend(data.steps.map((s) => s.children.symbol))]}
        chart={<CategoryBars rows={counts} series={[{ name: 'Children', style: 'solid' }]} format={whole} narrow={narrow} />}
        table={<StepsTable data={data} />}
        download={analyticsCsvPath('journey-steps', query(data))}
        testId="steps-chart"
      />
      <ChartBlock
        title={`Weeks at each step (median, with quartiles), ${periodWords(data)}`}
        summary={timeSummary}
        legend={[{ kind: 'bar', label: 'Median weeks' }, { kind: 'whisker', label: 'Lower to upper quartile' }, ...symbolLegend(symbols)]}
        chart={<CategoryBars rows={times} series={[{ name: 'Median weeks', style: 'solid' }]} format={oneDp} narrow={narrow} />}
        table={<StepsTable data={data} />}
        download={analyticsCsvPath('journey-steps', query(data))}
        testId="times-chart"
      />
    </AnalyticsSection>
  );
}

function Waiting({ data, narrow }: { data: Data; narrow: boolean }) {
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
          table={
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
          }
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

function Overlap({ data }: { data: Data }) {
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

export function JourneyPage({ page }: { page: PageDef }) {
  const filters = useFilters();
  const narrow = useMediaQuery('(max-width: 640px)');
  const params = { area: filters.area.area_code, period: filters.period };
  const state = useRequest(`journey|${params.area}|${params.period}`, (signal) => fetchJourney(params, signal));
  return (
    <PageShell page={page} filters={filters}>
      <Await state={state} what="the EHC journey">
        {(data) => (
          <>
            <SectionContents items={sections} />
            <Steps data={data} narrow={narrow} />
            <Waiting data={data} narrow={narrow} />
            <Overlap data={data} />
            <AnalyticsSection id="notes" title="About these figures">
              <ul className="list">
                {data.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </AnalyticsSection>
          </>
        )}
      </Await>
    </PageShell>
  );
}
