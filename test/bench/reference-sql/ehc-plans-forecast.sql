-- ehc-plans-forecast: the observed side of the forecast. Active EHC plans on 31 December of
-- each year (as ehc-plans-rate's numerator), in total, by age band and by primary need. The
-- projected years come from the model in server/forecast (its inputs are sql/forecast/*.sql),
-- which publishes these rows for the jump-off year only. value is the count itself.
WITH active AS (
  SELECT p.period, ca.area_code, age_band(age_on(c.birth_month, p.end_date)) AS age_band,
         e.primary_need::VARCHAR AS primary_need
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN children c ON c.child_id = e.child_id
  JOIN child_areas ca ON ca.child_id = e.child_id
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(age_band) = 0 THEN 'age_band' WHEN GROUPING(primary_need) = 0 THEN 'primary_need' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown')
         WHEN GROUPING(primary_need) = 0 THEN coalesce(primary_need, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) AS plans
  FROM active
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, age_band), (area_code, period, primary_need))
)
SELECT a.area_code, p.period,
  coalesce(c.breakdown, 'all') AS breakdown,
  coalesce(c.breakdown_value, 'all') AS breakdown_value,
  coalesce(c.plans, 0)::INTEGER AS numerator,
  NULL::DOUBLE AS denominator,
  coalesce(c.plans, 0)::DOUBLE AS value
FROM areas a CROSS JOIN periods p
LEFT JOIN counts c ON c.area_code = a.area_code AND c.period = p.period
