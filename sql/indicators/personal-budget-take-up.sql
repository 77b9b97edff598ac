-- personal-budget-take-up: EHC plans active on 31 December with at least one personal
-- budget linked to the plan (plan_id) and active that day (started on or before it, not
-- ended by it), as a share of all active plans. Budgets from a CNA only (no plan) do not
-- count. Each budget_element / budget_mechanism row counts the active plans with at least
-- one such budget, over all active plans, so a plan with two kinds counts in both rows and
-- the rows need not add up to the total.
-- Performance: budgets (few) are matched to their plans first; the active plans per area
-- come from active_plan_counts (sql/derived), built at load. A plan counts once per area
-- (child_areas has one LA row and at most one locality row per child), so the count of
-- distinct active plans is the count of active plans.
WITH with_budget AS (
  SELECT p.period, ca.area_code, e.plan_id, b.element::VARCHAR AS budget_element, b.mechanism::VARCHAR AS budget_mechanism
  FROM personal_budgets b
  JOIN ehc_plans e ON e.plan_id = b.plan_id
  JOIN periods p ON e.start_date <= p.end_date AND coalesce(e.end_date, DATE '9999-12-31') > p.end_date
    AND b.start_date <= p.end_date AND coalesce(b.end_date, DATE '9999-12-31') > p.end_date
  JOIN child_areas ca ON ca.child_id = e.child_id
),
numerators AS (
  SELECT area_code, period,
    {{breakdowns}},
    count(DISTINCT plan_id) AS plans
  FROM with_budget
  GROUP BY {{grouping_sets(area_code, period)}}
),
denominators AS (
  SELECT a.area_code, p.period, coalesce(c.plans, 0) AS active_plans
  FROM areas a CROSS JOIN periods p
  LEFT JOIN active_plan_counts c ON c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all'
)
SELECT d.area_code, d.period,
  coalesce(n.breakdown, 'all') AS breakdown,
  coalesce(n.breakdown_value, 'all') AS breakdown_value,
  coalesce(n.plans, 0)::INTEGER AS numerator,
  d.active_plans::DOUBLE AS denominator
FROM denominators d
-- No budgets in an area and year: the LEFT JOIN still gives its total row, 0 plans.
LEFT JOIN numerators n ON n.area_code = d.area_code AND n.period = d.period
