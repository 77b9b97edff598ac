-- ehc-plans-by-need: active EHC plans on 31 December by primary need, as a share of all
-- active plans. The 'all' row is every active plan (so 100%); each primary_need row has
-- the same denominator, all active plans in the area.
-- Counts come from active_plan_counts (sql/derived), built at load.
WITH counts AS (
  SELECT area_code, period, breakdown, breakdown_value, plans
  FROM active_plan_counts
  WHERE breakdown IN ('all', 'primary_need')
),
totals AS (
  SELECT a.area_code, p.period, coalesce(c.plans, 0) AS total
  FROM areas a CROSS JOIN periods p
  LEFT JOIN counts c ON c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all'
)
SELECT t.area_code, t.period,
  coalesce(c.breakdown, 'all') AS breakdown,
  coalesce(c.breakdown_value, 'all') AS breakdown_value,
  coalesce(c.plans, 0)::INTEGER AS numerator,
  t.total::DOUBLE AS denominator
FROM totals t
LEFT JOIN counts c ON c.area_code = t.area_code AND c.period = t.period
