import type { TransitionsResponse } from '../../../../contract/transitions.ts';
import { fetchTransitions } from '../../analytics-api.ts';
import { ceaseReasonLabel, count, percent, shareWords } from '../../analytics-format.ts';
import { CategoryBars, type BarRow } from '../../charts/category-bars.tsx';
import { AnalyticsSection, DefinitionsDetails, InlineFilter, SymbolKey, symbolLegend, TableDownload } from '../../components/analytics-ui.tsx';
import { ChartBlock } from '../../components/chart-block.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { Await, EmptyState } from '../../components/states.tsx';
import type { Filters } from '../../filters.ts';
import { formatDate } from '../../format.ts';
import { useLocation } from '../../router.tsx';
import { useMediaQuery } from '../../use-media-query.ts';
import { useRequest } from '../../use-request.ts';
import { outcomes, PfaByAge } from './pfa-by-age.tsx';

// Preparing for adulthood page: outcomes recorded at the latest annual review by age, Care Act transition
// assessments started before 18, and plans ceasing at 19 to 25 by reason. GET /api/transitions?area=&period=&by=.

type Data = TransitionsResponse;

export const transitionsSections = [
  { id: 'pfa-outcomes', title: 'Preparing for adulthood outcomes by age' },
  { id: 'care-act', title: 'Care Act assessments before 18' },
  { id: 'plans-ceased', title: 'Plans ending at 19 to 25, by reason' },
];

const pct = (v: number) => `${v.toLocaleString('en-GB', { maximumFractionDigits: 0 })}%`;

function Outcomes({ data, narrow }: { data: Data; narrow: boolean }) {
  const date = formatDate(data.snapshot_date);
  const rows = data.preparing_for_adulthood.rows;
  const all = rows.find((r) => r.group === 'all');
  const bars: BarRow[] = all
    ? outcomes.map((o) => ({ key: o.key, label: o.label, values: [all.outcomes[o.key].value], symbols: [all.outcomes[o.key].symbol] }))
    : [];
  const by = data.query.by;
  return (
    <AnalyticsSection id="pfa-outcomes" title="Preparing for adulthood outcomes by age" testId="pfa-outcomes">
      <p className="analytics-text">
        Young people aged 14 to 25 with an active EHC plan on {date}, and the outcomes recorded at their latest annual review.
      </p>
      <InlineFilter
        name="pfa_by"
        label="Group by"
        value={by}
        options={[
          { value: 'age_band', label: 'Age band' },
          { value: 'age', label: 'Single year of age' },
        ]}
      />
      {!all || all.young_people.value === 0 ? (
        <EmptyState title={`No young people aged 14 to 25 had an active EHC plan on ${date}.`} />
      ) : (
        <ChartBlock
          title={`Outcomes recorded at the latest review, all aged 14 to 25, ${date}`}
          summary={
            all.reviewed.value === null
              ? `Outcomes of young people aged 14 to 25 on ${date}; the figures are too small to publish.`
              : `Of ${count(all.young_people)} young people aged 14 to 25 with a plan, ${all.reviewed.numerator?.toLocaleString('en-GB')} (${percent(all.reviewed)}) had a review recorded; of those, ${percent(all.outcomes.employment)} were in paid work, a supported internship or an apprenticeship and ${percent(all.outcomes.independent_living)} were living independently.`
          }
          legend={[{ kind: 'bar', label: 'Share of young people reviewed' }, ...symbolLegend(bars.flatMap((b) => b.symbols))]}
          chart={<CategoryBars rows={bars} series={[{ name: 'Share', style: 'solid' }]} format={pct} narrow={narrow} domainMax={100} />}
          table={
            <>
              <ScrollTable caption={`Outcomes recorded at the latest review, all aged 14 to 25 with a review, ${data.area.area_name}, ${date}`}>
                <thead>
                  <tr>
                    <th scope="col">Outcome</th>
                    <th scope="col" className="numeric">Young people</th>
                    <th scope="col" className="numeric">Share of those reviewed</th>
                  </tr>
                </thead>
                <tbody>
                  {outcomes.map((o) => (
                    <tr key={o.key}>
                      <th scope="row">{o.label}</th>
                      <td className="numeric">{all.outcomes[o.key].numerator === null ? all.outcomes[o.key].symbol : all.outcomes[o.key].numerator?.toLocaleString('en-GB')}</td>
                      <td className="numeric">{percent(all.outcomes[o.key])}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
              <SymbolKey symbols={outcomes.map((o) => all.outcomes[o.key].symbol)} />
            </>
          }
          testId="pfa-chart"
        />
      )}
      {all && all.young_people.value !== 0 ? <PfaByAge data={data} all={all} /> : null}
      <TableDownload table="transitions-pfa-outcomes" params={data.query} />
    </AnalyticsSection>
  );
}

function CareAct({ data }: { data: Data }) {
  const c = data.care_act_transition_assessments;
  return (
    <AnalyticsSection id="care-act" title="Care Act assessments before 18" testId="care-act">
      <ul className="statements">
        <li>
          <p data-testid="care-act-statement">
            {c.turned_18.value === 0
              ? 'No young person with social care provision in their EHC plan turned 18 in this year.'
              : c.assessed_before_18.value === null
                ? `${count(c.turned_18)} young people with social care provision in their EHC plan turned 18; how many had a Care Act transition assessment first is suppressed (c).`
                : `${shareWords(c.assessed_before_18)} young people with social care provision in their EHC plan who turned 18 had a Care Act transition assessment started before their birthday.`}
          </p>
          <p className="hint">{data.definitions.care_act_transition_assessments}</p>
        </li>
      </ul>
      <SymbolKey symbols={[c.turned_18.symbol, c.assessed_before_18.symbol]} />
      <TableDownload table="transitions-care-act" params={data.query} />
    </AnalyticsSection>
  );
}

function Ceased({ data, narrow }: { data: Data; narrow: boolean }) {
  const p = data.plans_ceased_19_to_25;
  const shown = p.by_reason.filter((r) => r.plans.numerator !== 0);
  const bars: BarRow[] = shown.map((r) => ({ key: r.cease_reason, label: ceaseReasonLabel(r.cease_reason), values: [r.plans.value], symbols: [r.plans.symbol] }));
  const top = [...shown].filter((r) => r.plans.value !== null).sort((a, b) => (b.plans.value ?? 0) - (a.plans.value ?? 0))[0];
  const symbols = p.by_reason.map((r) => r.plans.symbol);
  return (
    <AnalyticsSection id="plans-ceased" title="Plans ending at 19 to 25, by reason" testId="plans-ceased">
      {p.plans.value === 0 ? (
        <EmptyState title="No EHC plan of a young person aged 19 to 25 ended in this year." />
      ) : (
        <ChartBlock
          title="EHC plans that ended at ages 19 to 25, by reason"
          summary={
            top
              ? `${count(p.plans)} plans of young people aged 19 to 25 ended; the most common reason was “${ceaseReasonLabel(top.cease_reason).toLowerCase()}”: ${top.plans.numerator ?? 'c'} plans, ${percent(top.plans)}.`
              : `${count(p.plans)} plans of young people aged 19 to 25 ended; the reasons are too few to publish.`
          }
          legend={[{ kind: 'bar', label: 'Share of plans ended' }, ...symbolLegend(symbols)]}
          chart={<CategoryBars rows={bars} series={[{ name: 'Share', style: 'solid' }]} format={pct} narrow={narrow} />}
          table={
            <>
              <ScrollTable caption={`EHC plans ended at ages 19 to 25 by reason, ${data.area.area_name}, ${data.period.period}`}>
                <thead>
                  <tr>
                    <th scope="col">Reason</th>
                    <th scope="col" className="numeric">Plans</th>
                    <th scope="col" className="numeric">Share</th>
                  </tr>
                </thead>
                <tbody>
                  {p.by_reason.map((r) => (
                    <tr key={r.cease_reason} data-reason={r.cease_reason}>
                      <th scope="row">{ceaseReasonLabel(r.cease_reason)}</th>
                      <td className="numeric">{r.plans.numerator === null ? r.plans.symbol : r.plans.numerator.toLocaleString('en-GB')}</td>
                      <td className="numeric">{percent(r.plans)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">All reasons</th>
                    <td className="numeric" data-testid="ceased-total">
                      {count(p.plans)}
                    </td>
                    <td className="numeric">{p.plans.value === null ? '' : '100%'}</td>
                  </tr>
                </tfoot>
              </ScrollTable>
              <SymbolKey symbols={symbols} />
            </>
          }
          testId="ceased-chart"
        />
      )}
      <DefinitionsDetails definitions={data.definitions} disclosureRule={data.disclosure.rule} />
      <TableDownload table="transitions-ceasing-reasons" params={data.query} />
    </AnalyticsSection>
  );
}

export function TransitionsInsight({ filters }: { filters: Filters }) {
  const { query } = useLocation();
  const by = query.get('pfa_by') === 'age' ? 'age' : 'age_band';
  const params = { area: filters.area.area_code, period: filters.period, by: by === 'age' ? 'age' : undefined };
  const state = useRequest(`transitions|${params.area}|${params.period}|${by}`, (signal) => fetchTransitions(params, signal));
  const narrow = useMediaQuery('(max-width: 640px)');
  return (
    <Await state={state} what="the transition figures">
      {(data) => (
        <>
          <Outcomes data={data} narrow={narrow} />
          <CareAct data={data} />
          <Ceased data={data} narrow={narrow} />
        </>
      )}
    </Await>
  );
}
