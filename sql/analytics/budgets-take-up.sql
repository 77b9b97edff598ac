-- budgets-take-up: EHC plans active on the last day of each period, and those with at least
-- one personal budget linked to the plan and running that day (started on or before it, not
-- ended by it), in total, by element, by mechanism and by element and mechanism. A plan with
-- budgets of two kinds counts in both rows, so rows need not add up to the total. As in the
-- personal-budget-take-up indicator; areas from the plan's child. One period ($period) at a time.
WITH active_plans AS (
  SELECT p.period, p.end_date AS day, ca.area_code, e.plan_id
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN analytics_child_areas ca ON ca.child_id = e.child_id
  WHERE p.period = $period
),
with_budget AS (
  SELECT a.period, a.area_code, a.plan_id, b.element::VARCHAR AS element, b.mechanism::VARCHAR AS mechanism
  FROM active_plans a
  JOIN personal_budgets b ON b.plan_id = a.plan_id
    AND b.start_date <= a.day AND (b.end_date IS NULL OR b.end_date > a.day)
)
SELECT area_code, period, 'with_budget' AS measure,
  CASE WHEN GROUPING(element) = 0 THEN element ELSE 'all' END AS element,
  CASE WHEN GROUPING(mechanism) = 0 THEN mechanism ELSE 'all' END AS mechanism,
  count(DISTINCT plan_id)::INTEGER AS plans
FROM with_budget
GROUP BY GROUPING SETS ((area_code, period), (area_code, period, element), (area_code, period, mechanism),
                        (area_code, period, element, mechanism))
UNION ALL
SELECT area_code, period, 'active_plans', 'all', 'all', count(DISTINCT plan_id)::INTEGER
FROM active_plans
GROUP BY area_code, period
ORDER BY area_code, period, measure, element, mechanism
