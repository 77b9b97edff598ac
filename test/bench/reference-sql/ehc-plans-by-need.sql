-- ehc-plans-by-need: active EHC plans on 31 December by primary need, as a share of all
-- active plans. The 'all' row is every active plan (so 100%); each primary_need row has
-- the same denominator, all active plans in the area.
WITH active AS (
  SELECT p.period, ca.area_code, e.primary_need::VARCHAR AS primary_need
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN child_areas ca ON ca.child_id = e.child_id
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(primary_need) = 0 THEN 'primary_need' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(primary_need) = 0 THEN coalesce(primary_need, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) AS plans
  FROM active
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, primary_need))
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
