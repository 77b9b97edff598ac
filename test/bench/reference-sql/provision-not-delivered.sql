-- provision-not-delivered: at 31 December, provision lines on EHC plans active that day
-- which were specified at least 12 weeks (84 days) before it, and the share of them with
-- no start_date on or before it (never started, or starting only later).
WITH lines AS (
  SELECT p.period, ca.area_code, v.category::VARCHAR AS provision_category, v.commissioner,
         v.start_date IS NULL OR v.start_date > p.end_date AS not_started
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN ehc_provision v ON v.plan_id = e.plan_id AND v.specified_date <= p.end_date - INTERVAL 84 DAY
  JOIN child_areas ca ON ca.child_id = e.child_id
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(provision_category) = 0 THEN 'provision_category'
         WHEN GROUPING(commissioner) = 0 THEN 'commissioner' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(provision_category) = 0 THEN coalesce(provision_category, 'unknown')
         WHEN GROUPING(commissioner) = 0 THEN coalesce(commissioner, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (not_started)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM lines
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, provision_category), (area_code, period, commissioner))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
