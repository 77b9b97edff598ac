-- budgets-amounts: personal budgets running on the last day of each period (started on or
-- before it, not ended by it), from plans or from a CNA only (no plan), in total and by
-- element: how many, how many with an annual amount, the amounts' quartiles (linear
-- interpolation, as R's type 7) and total, and the NHS personal health budgets among the
-- health element. Areas from the budget's child. One period ($period) at a time.
WITH active AS (
  SELECT p.period, ca.area_code, b.element::VARCHAR AS element, b.annual_amount::DOUBLE AS amount, b.annual_amount AS pounds,
         b.plan_id IS NOT NULL AS from_plan, coalesce(b.personal_health_budget, false) AS phb
  FROM periods p
  JOIN personal_budgets b ON b.start_date <= p.end_date AND (b.end_date IS NULL OR b.end_date > p.end_date)
  JOIN analytics_child_areas ca ON ca.child_id = b.child_id
  WHERE p.period = $period
)
SELECT area_code, period,
  CASE WHEN GROUPING(element) = 0 THEN element ELSE 'all' END AS element,
  count(*)::INTEGER AS budgets,
  count(amount)::INTEGER AS with_amount,
  quantile_cont(amount, 0.25) AS lower_quartile,
  quantile_cont(amount, 0.5) AS median,
  quantile_cont(amount, 0.75) AS upper_quartile,
  -- Summed as the DECIMAL pounds and pence it is: exact, whatever order the rows come in.
  sum(pounds)::DOUBLE AS total,
  count(*) FILTER (phb AND element = 'HEALTH')::INTEGER AS personal_health_budgets,
  count(*) FILTER (from_plan)::INTEGER AS from_plans,
  count(*) FILTER (NOT from_plan)::INTEGER AS from_cna
FROM active
GROUP BY GROUPING SETS ((area_code, period), (area_code, period, element))
ORDER BY area_code, period, element
