// Personal budgets (GET /api/budgets): take-up among active EHC plans by element and
// mechanism, annual amounts by element, personal health budgets, and budgets from plans
// against budgets from a child needs assessment only. Everything is a snapshot on the
// period's last day; disclosure control covers every count, and the amounts are hidden with
// the counts they summarise.
import { linkKey, noLinks, type LinkedPattern } from '../disclosure/linked.ts';
import type { Database } from '../db/database.ts';
import { vocabularies } from '../../contract/vocabularies.ts';
import type { Area, Period } from '../../contract/common.ts';
import { queryEachPeriod } from './sql.ts';
import { snapshotHeader } from '../disclosure/cells.ts';
import type { CountCell } from '../../contract/cells.ts';
import { CountTable, shareOf, statOf } from '../disclosure/tables.ts';
import type { BudgetsResponse } from '../../contract/budgets.ts';

interface TakeUpRow extends Record<string, unknown> {
  area_code: string;
  period: string;
  measure: 'active_plans' | 'with_budget';
  element: string;
  mechanism: string;
  plans: number;
}

interface AmountRow extends Record<string, unknown> {
  area_code: string;
  period: string;
  element: string;
  budgets: number;
  with_amount: number;
  lower_quartile: number | null;
  median: number | null;
  upper_quartile: number | null;
  total: number | null;
  personal_health_budgets: number;
  from_plans: number;
  from_cna: number;
}

export type BudgetsView = Omit<BudgetsResponse, 'data' | 'query'>;
export interface BudgetsModel {
  view(area: Area, period: Period): BudgetsView;
  /** Suppressed counts still exactly recoverable from the published ones (none expected). */
  audit(): string[];
}

const ELEMENTS = vocabularies.budget_element;
const MECHANISMS = vocabularies.budget_mechanism;

export const budgetDefinitions = {
  snapshot: 'Plans and budgets are counted on the last day of the period: a plan or budget runs that day if it started on or before it and had not ended by it.',
  take_up: 'Active EHC plans with at least one running personal budget linked to the plan, as a share of all active plans (as the personal-budget-take-up indicator). By element and mechanism a plan counts under each kind it has.',
  amounts: 'Running budgets from plans and from child needs assessments, by element; annual amounts in pounds over the budgets with an amount recorded.',
  personal_health_budgets: 'Health-element budgets flagged as NHS personal health budgets, as a share of running health-element budgets.',
  sources: 'Running budgets linked to an EHC plan, and budgets from a child needs assessment only (no plan), as shares of all running budgets.',
};

const takeUpScope = (period: string, element = 'all', mechanism = 'all') => `${period}|take-up|e=${element}|m=${mechanism}`;
const activeScope = (period: string) => `${period}|active-plans`;
const budgetScope = (period: string, element: string, measure: 'budgets' | 'with_amount') => `${period}|${measure}|e=${element}`;
const phbScope = (period: string) => `${period}|phb`;
const sourceScope = (period: string, source: 'plan' | 'cna') => `${period}|source=${source}`;

/** Budgets of `periods` (one, for a request: nothing links one period's counts to another's). */
export async function computeBudgets(db: Database, areas: readonly Area[], periods: readonly Period[], threshold: number, linked: LinkedPattern = noLinks): Promise<BudgetsModel> {
  const [takeUp, amounts] = await Promise.all([
    queryEachPeriod<TakeUpRow>(db, 'budgets-take-up', periods),
    queryEachPeriod<AmountRow>(db, 'budgets-amounts', periods),
  ]);
  const table = new CountTable();
  for (const r of takeUp) {
    table.set(r.area_code, r.measure === 'active_plans' ? activeScope(r.period) : takeUpScope(r.period, r.element, r.mechanism), r.plans);
  }
  const stats = new Map<string, AmountRow>();
  for (const r of amounts) {
    stats.set(`${r.area_code}|${r.period}|${r.element}`, r);
    table.set(r.area_code, budgetScope(r.period, r.element, 'budgets'), r.budgets);
    table.set(r.area_code, budgetScope(r.period, r.element, 'with_amount'), r.with_amount);
    if (r.element === 'all') {
      table.set(r.area_code, sourceScope(r.period, 'plan'), r.from_plans);
      table.set(r.area_code, sourceScope(r.period, 'cna'), r.from_cna);
    }
    if (r.element === 'HEALTH') table.set(r.area_code, phbScope(r.period), r.personal_health_budgets);
  }
  // Each budget has one element and one source: those counts add up to the total. Take-up
  // counts plans under every kind of budget they have, so it has no such sums.
  for (const a of areas) {
    for (const p of periods) {
      for (const measure of ['budgets', 'with_amount'] as const) {
        table.additive(a.area_code, budgetScope(p.period, 'all', measure), ELEMENTS.map((e) => budgetScope(p.period, e, measure)));
      }
      table.additive(a.area_code, budgetScope(p.period, 'all', 'budgets'), [sourceScope(p.period, 'plan'), sourceScope(p.period, 'cna')]);
    }
  }
  const published = table.publish(threshold, areas);

  return {
    audit: () => published.audit(),
    view(area, period) {
      const get = (s: string): CountCell => published.get(area.area_code, s);
      const p = period.period;
      // Take-up and active plans as personal-budget-take-up publishes them (server/disclosure/linked.ts).
      const rowOf = (breakdown: string, value: string) => linked.get(linkKey('personal-budget-take-up', area.area_code, p, breakdown, value));
      // Active plans are the ehc-plans-rate numerator: shown and hidden as that indicator does.
      const activePlans = published.linked(area.area_code, activeScope(p), linked.get(linkKey('ehc-plans-rate', area.area_code, p, 'all', 'all')));
      const takeUp = (element: string, mechanism: string, row: ReturnType<typeof rowOf>) => shareOf(published.linked(area.area_code, takeUpScope(p, element, mechanism), row), activePlans);
      const amountRow = (element: 'all' | (typeof ELEMENTS)[number]) => {
        const row = stats.get(`${area.area_code}|${p}|${element}`);
        const withAmount = get(budgetScope(p, element, 'with_amount'));
        const stat = (v: number | null | undefined) => statOf(withAmount.value ? (v ?? null) : null, withAmount);
        return {
          element,
          budgets: get(budgetScope(p, element, 'budgets')),
          with_amount: withAmount,
          lower_quartile: stat(row?.lower_quartile),
          median: stat(row?.median),
          upper_quartile: stat(row?.upper_quartile),
          total: statOf(withAmount.value === 0 ? 0 : (row?.total ?? null), withAmount),
        };
      };
      const allBudgets = get(budgetScope(p, 'all', 'budgets'));
      const healthBudgets = get(budgetScope(p, 'HEALTH', 'budgets'));
      return {
        ...snapshotHeader(area, period, threshold, budgetDefinitions),
        take_up: {
          active_plans: activePlans,
          with_budget: takeUp('all', 'all', rowOf('all', 'all')),
          by_element: ELEMENTS.map((element) => ({ element, plans: takeUp(element, 'all', rowOf('budget_element', element)) })),
          by_mechanism: MECHANISMS.map((mechanism) => ({ mechanism, plans: takeUp('all', mechanism, rowOf('budget_mechanism', mechanism)) })),
          by_element_and_mechanism: ELEMENTS.flatMap((element) =>
            MECHANISMS.map((mechanism) => ({ element, mechanism, plans: shareOf(get(takeUpScope(p, element, mechanism)), activePlans) })),
          ),
        },
        amounts: [amountRow('all'), ...ELEMENTS.map(amountRow)],
        personal_health_budgets: {
          health_budgets: healthBudgets,
          personal_health_budgets: shareOf(get(phbScope(p)), healthBudgets),
        },
        sources: {
          budgets: allBudgets,
          from_plans: shareOf(get(sourceScope(p, 'plan')), allBudgets),
          from_cna_only: shareOf(get(sourceScope(p, 'cna')), allBudgets),
        },
      };
    },
  };
}
