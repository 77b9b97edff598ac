import type { IndicatorDefinition } from '../types.ts';

export const personalBudgetTakeUp: IndicatorDefinition = {
  id: 'personal-budget-take-up',
  title: 'EHC plans with a personal budget',
  group: 'outcomes',
  description:
    'The percentage of active EHC plans on 31 December with at least one personal budget linked to the plan and running that day. By element (education, health, social care) and by how it is paid (direct payment, third party, organised arrangement, combination), each row counts the plans with at least one budget of that kind, so a plan with two kinds appears in both and the rows can add up to more than the total. Budgets agreed after a social care assessment alone, with no plan, are not included.',
  numerator: 'EHC plans active on 31 December with at least one active personal budget linked to the plan (of that element or mechanism, in a breakdown row)',
  denominator: 'all EHC plans active on 31 December',
  unit: 'percent',
  polarity: 'higher-better',
  ciMethod: 'wilson',
  sources: ['personal_budgets', 'ehc_plans', 'children'],
  periodType: 'snapshot',
  referenceDate: '31 December of the year',
  breakdowns: ['budget_element', 'budget_mechanism'],
  denominatorIsCount: true,
  denominatorIsAreaTotal: true,
  // A plan with budgets for two elements counts under both.
  nonAdditive: { breakdowns: ['budget_element', 'budget_mechanism'] },
  placement: { headline: 8, theme: { page: 'personal-budgets', order: 1 } },
  disclosure: 'Numerators or denominators of 1 to 7 plans are suppressed, with secondary suppression across breakdowns and localities.',
  benchmark: 'DfE Education, health and care plans: personal_budget / ehcplans of the same January caseload (total only: element and mechanism are not published per LA)',
  benchmarkBasis: {
    importedFrom: { publisher: 'dfe', table: 'personal_budgets', numerator: ['personal_budget'], denominator: 'caseload' },
    source: 'DfE Education, health and care plans, table ehcplans: personal_budget / ehcplans',
    numerator: 'EHC plans in January of the following year with a personal budget',
    denominator: 'all EHC plans in January of the following year',
    referenceDate: 'January of the following year',
    populationBase: null,
    comparison: { kind: 'headline', why: 'A share of the caseload, counted on 31 December, the snapshot nearest the January census (total only).' },
  },
};
