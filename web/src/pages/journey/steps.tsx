import { count, weeks } from '../../analytics-format.ts';
import { CategoryBars, type BarRow } from '../../charts/category-bars.tsx';
import { AnalyticsSection, KeyFigure, SymbolKey, symbolLegend } from '../../components/analytics-ui.tsx';
import { ChartBlock } from '../../components/chart-block.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { analyticsCsvPath } from '../../export-links.ts';
import { type Data, oneDp, periodWords, query, whole } from './shared.ts';

/** What each step's median measures, in a few words (the table gives the full definition). */
const stepTime: Record<Data['steps'][number]['step'], string> = {
  request: 'to the decision whether to assess',
  assessment: 'from agreeing to assess to the plan decision',
  plan: 'from the plan to its first review',
  annual_review: 'between reviews',
  cease: 'on the plan, for plans that ended',
};

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

/** The steps of the EHC journey: children entering each and the weeks spent at it. */
export function Steps({ data, narrow }: { data: Data; narrow: boolean }) {
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
