-- provision-wait-weeks: median weeks from specified_date to start_date for provision lines
-- that started in the year (whatever the plan's status now). Not a ratio: `value` is the
-- median; numerator = lines started (for disclosure control), denominator NULL.
WITH started AS (
  SELECT p.period, ca.area_code, v.category::VARCHAR AS provision_category, v.commissioner,
         date_diff('day', v.specified_date, v.start_date) / 7.0 AS weeks
  FROM ehc_provision v
  JOIN periods p ON v.start_date BETWEEN p.start_date AND p.end_date
  JOIN ehc_plans e ON e.plan_id = v.plan_id
  JOIN child_areas ca ON ca.child_id = e.child_id
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(provision_category) = 0 THEN 'provision_category'
         WHEN GROUPING(commissioner) = 0 THEN 'commissioner' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(provision_category) = 0 THEN coalesce(provision_category, 'unknown')
         WHEN GROUPING(commissioner) = 0 THEN coalesce(commissioner, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*)::INTEGER AS numerator,
    quantile_cont(weeks, 0.5)::DOUBLE AS value
  FROM started
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, provision_category), (area_code, period, commissioner))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, NULL::DOUBLE AS denominator, value FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, NULL::DOUBLE, NULL::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
