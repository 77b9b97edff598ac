-- ehc-plans-by-need: active EHC plans on 31 December by primary need, as a share of all
-- active plans. The 'all' row is every active plan (so 100%); each primary_need row has
-- the same denominator, all active plans in the area.
-- Counts come from active_plan_counts (sql/derived), built at load.
WITH counts AS (
  SELECT c.area_code, c.period, c.breakdown, c.breakdown_value, c.plans
  FROM active_plan_counts c
  JOIN areas a ON a.area_code = c.area_code
  JOIN periods p ON p.period = c.period
  WHERE c.breakdown IN ('all', 'primary_need')
)
SELECT c.area_code, c.period, c.breakdown, c.breakdown_value,
  c.plans::INTEGER AS numerator,
  t.plans::DOUBLE AS denominator
FROM counts c
JOIN counts t ON t.area_code = c.area_code AND t.period = c.period AND t.breakdown = 'all'
