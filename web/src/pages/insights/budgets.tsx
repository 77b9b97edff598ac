import type { BudgetsResponse } from '../../../../contract/budgets.ts';
import { fetchBudgets } from '../../analytics-api.ts';
import { count, percent, pounds, shareWords } from '../../analytics-format.ts';
import { CategoryBars, type BarRow } from '../../charts/category-bars.tsx';
import { AnalyticsSection, DefinitionsDetails, SymbolKey, symbolLegend, TableDownload } from '../../components/analytics-ui.tsx';
import { ChartBlock } from '../../components/chart-block.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { Await } from '../../components/states.tsx';
import type { Filters } from '../../filters.ts';
import { categoryLabel, formatDate } from '../../format.ts';
import { useMediaQuery } from '../../use-media-query.ts';
import { useRequest } from '../../use-request.ts';
import { elementLabel, TakeUpTables } from './budget-take-up-tables.tsx';

// Personal budgets page: take-up by element and mechanism, amounts (median, quartiles, total), NHS personal health
// budgets, and budgets from EHC plans against budgets from a child needs assessment only. GET /api/budgets.

type Data = BudgetsResponse;

export const budgetsSections = [
  { id: 'budget-take-up', title: 'Take-up by element and mechanism' },
  { id: 'budget-amounts', title: 'Amounts of personal budgets' },
  { id: 'budget-sources', title: 'Personal health budgets, and budgets without a plan' },
];

const pct = (v: number) => `${v.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
const poundsTick = (v: number) => `£${v.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;

function TakeUp({ data, narrow }: { data: Data; narrow: boolean }) {
  const t = data.take_up;
  const date = formatDate(data.snapshot_date);
  const rows: BarRow[] = [
    ...t.by_element.map((r) => ({ key: `e-${r.element}`, label: elementLabel(r.element), values: [r.plans.value], symbols: [r.plans.symbol] })),
    ...t.by_mechanism.map((r) => ({ key: `m-${r.mechanism}`, label: categoryLabel(r.mechanism), values: [r.plans.value], symbols: [r.plans.symbol] })),
  ];
  const topElement = [...t.by_element].filter((r) => r.plans.value !== null).sort((a, b) => (b.plans.value ?? 0) - (a.plans.value ?? 0))[0];
  const topMechanism = [...t.by_mechanism].filter((r) => r.plans.value !== null).sort((a, b) => (b.plans.value ?? 0) - (a.plans.value ?? 0))[0];
  return (
    <AnalyticsSection id="budget-take-up" title="Take-up by element and mechanism" testId="budget-take-up">
      <ul className="statements">
        <li>
          <p data-testid="take-up-statement">
            {t.with_budget.value === null
              ? `The number of active EHC plans with a personal budget on ${date} is suppressed (${percent(t.with_budget)}).`
              : `${shareWords(t.with_budget)} active EHC plans had a personal budget on ${date}.`}
          </p>
        </li>
      </ul>
      <ChartBlock
        title={`Active EHC plans with a personal budget, by element and by how it is paid, ${date}`}
        summary={
          topElement && topMechanism && (topElement.plans.value ?? 0) > 0
            ? `The ${elementLabel(topElement.element).toLowerCase()} was the most common (${percent(topElement.plans)} of active plans), and ${categoryLabel(topMechanism.mechanism).toLowerCase()} the most common way of paying (${percent(topMechanism.plans)}).`
            : `Shares of active EHC plans with a personal budget of each element and mechanism on ${date}; too few to say more.`
        }
        legend={[{ kind: 'bar', label: 'Share of active EHC plans' }, ...symbolLegend(rows.flatMap((r) => r.symbols))]}
        chart={<CategoryBars rows={rows} series={[{ name: 'Share of plans', style: 'solid' }]} format={pct} narrow={narrow} />}
        table={<TakeUpTables data={data} />}
        testId="take-up-chart"
      />
      <TableDownload table="budget-take-up" params={data.query} />
    </AnalyticsSection>
  );
}

function Amounts({ data, narrow }: { data: Data; narrow: boolean }) {
  const date = formatDate(data.snapshot_date);
  const rows: BarRow[] = data.amounts.map((a) => ({
    key: a.element,
    label: elementLabel(a.element),
    values: [a.median.value],
    symbols: [a.median.symbol],
    whisker: a.lower_quartile.value !== null && a.upper_quartile.value !== null ? [a.lower_quartile.value, a.upper_quartile.value] : null,
  }));
  const all = data.amounts.find((a) => a.element === 'all');
  const symbols = data.amounts.flatMap((a) => [a.budgets.symbol, a.median.symbol, a.lower_quartile.symbol, a.upper_quartile.symbol, a.total.symbol]);
  return (
    <AnalyticsSection id="budget-amounts" title="Amounts of personal budgets" testId="budget-amounts">
      <ChartBlock
        title={`Annual amount of running personal budgets (median, with quartiles), ${date}`}
        summary={
          all && all.median.value !== null
            ? `On ${date}, the ${count(all.with_amount)} running personal budgets with an amount had a median of ${pounds(all.median)} a year (half between ${pounds(all.lower_quartile)} and ${pounds(all.upper_quartile)}), ${pounds(all.total)} in total.`
            : `Amounts of running personal budgets on ${date}; too few to publish.`
        }
        legend={[{ kind: 'bar', label: 'Median a year' }, { kind: 'whisker', label: 'Lower to upper quartile' }, ...symbolLegend(rows.flatMap((r) => r.symbols))]}
        chart={<CategoryBars rows={rows} series={[{ name: 'Median', style: 'solid' }]} format={poundsTick} narrow={narrow} />}
        table={
          <>
            <ScrollTable caption={`Annual amounts of running personal budgets by element, ${data.area.area_name}, ${date}`}>
              <thead>
                <tr>
                  <th scope="col">Element</th>
                  <th scope="col" className="numeric">Budgets</th>
                  <th scope="col" className="numeric">With an amount</th>
                  <th scope="col" className="numeric">Lower quartile</th>
                  <th scope="col" className="numeric">Median</th>
                  <th scope="col" className="numeric">Upper quartile</th>
                  <th scope="col" className="numeric">Total a year</th>
                </tr>
              </thead>
              <tbody>
                {data.amounts.map((a) => (
                  <tr key={a.element} data-element={a.element}>
                    <th scope="row">{elementLabel(a.element)}</th>
                    <td className="numeric">{count(a.budgets)}</td>
                    <td className="numeric">{count(a.with_amount)}</td>
                    <td className="numeric">{pounds(a.lower_quartile)}</td>
                    <td className="numeric" data-testid="amount-median">
                      {pounds(a.median)}
                    </td>
                    <td className="numeric">{pounds(a.upper_quartile)}</td>
                    <td className="numeric">{pounds(a.total)}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
            <SymbolKey symbols={symbols} />
          </>
        }
        testId="amounts-chart"
      />
      <TableDownload table="budget-amounts" params={data.query} />
    </AnalyticsSection>
  );
}

function Sources({ data }: { data: Data }) {
  const { health_budgets, personal_health_budgets } = data.personal_health_budgets;
  const s = data.sources;
  const date = formatDate(data.snapshot_date);
  return (
    <AnalyticsSection id="budget-sources" title="Personal health budgets, and budgets without a plan" testId="budget-sources">
      <ul className="statements">
        <li>
          <p data-testid="phb-statement">
            {health_budgets.value === 0
              ? `No running personal budget had a health element on ${date}, so there were no NHS personal health budgets among them.`
              : personal_health_budgets.value === null
                ? `Of ${count(health_budgets)} running health-element budgets, the number that were NHS personal health budgets is suppressed (${percent(personal_health_budgets)}).`
                : `${shareWords(personal_health_budgets)} running health-element budgets were NHS personal health budgets on ${date}.`}
          </p>
        </li>
        <li>
          <p data-testid="sources-statement">
            {s.budgets.value === 0
              ? `No personal budget was running on ${date}.`
              : `Of ${count(s.budgets)} personal budgets running on ${date}, ${s.from_plans.numerator === null ? 'c' : s.from_plans.numerator.toLocaleString('en-GB')} (${percent(s.from_plans)}) came with an EHC plan and ${s.from_cna_only.numerator === null ? 'c' : s.from_cna_only.numerator.toLocaleString('en-GB')} (${percent(s.from_cna_only)}) from a child needs assessment only, with no plan.`}
          </p>
        </li>
      </ul>
      <ScrollTable caption={`Running personal budgets by where they come from, ${data.area.area_name}, ${date}`}>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col" className="numeric">Budgets</th>
            <th scope="col" className="numeric">Share</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">EHC plan</th>
            <td className="numeric">{s.from_plans.numerator === null ? s.from_plans.symbol : s.from_plans.numerator.toLocaleString('en-GB')}</td>
            <td className="numeric">{percent(s.from_plans)}</td>
          </tr>
          <tr>
            <th scope="row">Child needs assessment only (no plan)</th>
            <td className="numeric">{s.from_cna_only.numerator === null ? s.from_cna_only.symbol : s.from_cna_only.numerator.toLocaleString('en-GB')}</td>
            <td className="numeric">{percent(s.from_cna_only)}</td>
          </tr>
          <tr>
            <th scope="row">NHS personal health budgets (of health-element budgets)</th>
            <td className="numeric">{personal_health_budgets.numerator === null ? personal_health_budgets.symbol : personal_health_budgets.numerator.toLocaleString('en-GB')}</td>
            <td className="numeric">{percent(personal_health_budgets)}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All running budgets</th>
            <td className="numeric">{count(s.budgets)}</td>
            <td className="numeric" />
          </tr>
        </tfoot>
      </ScrollTable>
      <SymbolKey symbols={[s.from_plans.symbol, s.from_cna_only.symbol, personal_health_budgets.symbol, s.budgets.symbol]} />
      <DefinitionsDetails definitions={data.definitions} disclosureRule={data.disclosure.rule} />
      <TableDownload table="budget-sources" params={data.query} />
    </AnalyticsSection>
  );
}

export function BudgetsInsight({ filters }: { filters: Filters }) {
  const params = { area: filters.area.area_code, period: filters.period };
  const state = useRequest(`budgets|${params.area}|${params.period}`, (signal) => fetchBudgets(params, signal));
  const narrow = useMediaQuery('(max-width: 640px)');
  return (
    <Await state={state} what="the personal budget figures">
      {(data) => (
        <>
          <TakeUp data={data} narrow={narrow} />
          <Amounts data={data} narrow={narrow} />
          <Sources data={data} />
        </>
      )}
    </Await>
  );
}
