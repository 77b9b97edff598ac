import type { BudgetsResponse } from '../../../../contract/budgets.ts';
import { count, percent } from '../../analytics-format.ts';
import { SymbolKey } from '../../components/analytics-ui.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { categoryLabel, formatDate } from '../../format.ts';

export const elementLabel = (e: string): string => (e === 'all' ? 'All elements' : `${categoryLabel(e)} element`);

/** The take-up chart's tables: plans with a budget by element and by mechanism, then element by mechanism. */
export function TakeUpTables({ data }: { data: BudgetsResponse }) {
  const t = data.take_up;
  const date = formatDate(data.snapshot_date);
  const elements = [...new Set(t.by_element_and_mechanism.map((r) => r.element))];
  const mechanisms = [...new Set(t.by_element_and_mechanism.map((r) => r.mechanism))];
  const cell = new Map(t.by_element_and_mechanism.map((r) => [`${r.element}|${r.mechanism}`, r.plans]));
  const symbols = [...t.by_element, ...t.by_mechanism, ...t.by_element_and_mechanism].map((r) => r.plans.symbol);
  return (
    <>
      <ScrollTable caption={`Active EHC plans with a personal budget by element and by mechanism, ${data.area.area_name}, ${date}`}>
        <thead>
          <tr>
            <th scope="col">Element or mechanism</th>
            <th scope="col" className="numeric">Plans with a budget of this kind</th>
            <th scope="col" className="numeric">Share of active plans</th>
          </tr>
        </thead>
        <tbody>
          {[...t.by_element.map((r) => ({ k: elementLabel(r.element), p: r.plans })), ...t.by_mechanism.map((r) => ({ k: categoryLabel(r.mechanism), p: r.plans }))].map((r) => (
            <tr key={r.k}>
              <th scope="row">{r.k}</th>
              <td className="numeric">{r.p.numerator === null ? r.p.symbol : r.p.numerator.toLocaleString('en-GB')}</td>
              <td className="numeric">{percent(r.p)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Any personal budget</th>
            <td className="numeric">{t.with_budget.numerator === null ? t.with_budget.symbol : t.with_budget.numerator.toLocaleString('en-GB')}</td>
            <td className="numeric">{percent(t.with_budget)}</td>
          </tr>
        </tfoot>
      </ScrollTable>
      <ScrollTable caption={`Active EHC plans with a personal budget, element by mechanism (share of ${count(t.active_plans)} active plans)`}>
        <thead>
          <tr>
            <th scope="col">Element</th>
            {mechanisms.map((m) => (
              <th key={m} scope="col" className="numeric">
                {categoryLabel(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {elements.map((e) => (
            <tr key={e}>
              <th scope="row">{elementLabel(e)}</th>
              {mechanisms.map((m) => {
                const p = cell.get(`${e}|${m}`);
                return (
                  <td key={m} className="numeric">
                    {p ? (p.value === null ? p.symbol : `${p.numerator?.toLocaleString('en-GB')} (${percent(p)})`) : '–'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p className="hint">A plan with budgets of two kinds counts under both, so the rows need not add up to plans with any budget.</p>
      <SymbolKey symbols={symbols} />
    </>
  );
}
