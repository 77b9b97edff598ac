-- personal-budget-take-up: EHC plans active on 31 December with at least one personal
-- budget linked to the plan (plan_id) and active that day (started on or before it, not
-- ended by it), as a share of all active plans. Budgets from a CNA only (no plan) do not
-- count. Each budget_element / budget_mechanism row counts the active plans with at least
-- one such budget, over all active plans, so a plan with two kinds counts in both rows and
-- the rows need not add up to the total.
WITH active AS (
  SELECT p.period, p.end_date, ca.area_code, e.plan_id
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN child_areas ca ON ca.child_id = e.child_id
),
with_budget AS (
  SELECT a.period, a.area_code, a.plan_id, b.element::VARCHAR AS budget_element, b.mechanism::VARCHAR AS budget_mechanism
  FROM active a
  JOIN personal_budgets b ON b.plan_id = a.plan_id
    AND b.start_date <= a.end_date AND (b.end_date IS NULL OR b.end_date > a.end_date)
),
numerators AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(budget_element) = 0 THEN 'budget_element'
         WHEN GROUPING(budget_mechanism) = 0 THEN 'budget_mechanism' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(budget_element) = 0 THEN coalesce(budget_element, 'unknown')
         WHEN GROUPING(budget_mechanism) = 0 THEN coalesce(budget_mechanism, 'unknown') ELSE 'all' END AS breakdown_value,
    count(DISTINCT plan_id) AS plans
  FROM with_budget
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, budget_element), (area_code, period, budget_mechanism))
),
denominators AS (
  SELECT a.area_code, p.period, count(DISTINCT ap.plan_id) AS active_plans
  FROM areas a CROSS JOIN periods p
  LEFT JOIN active ap ON ap.area_code = a.area_code AND ap.period = p.period
  GROUP BY a.area_code, p.period
)
SELECT d.area_code, d.period,
  coalesce(n.breakdown, 'all') AS breakdown,
  coalesce(n.breakdown_value, 'all') AS breakdown_value,
  coalesce(n.plans, 0)::INTEGER AS numerator,
  d.active_plans::DOUBLE AS denominator
FROM denominators d
-- No budgets in an area and year: the LEFT JOIN still gives its total row, 0 plans.
LEFT JOIN numerators n ON n.area_code = d.area_code AND n.period = d.period
