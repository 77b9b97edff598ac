-- ehc-plans-forecast: the observed side of the forecast. Active EHC plans on 31 December of
-- each year (as ehc-plans-rate's numerator), in total, by age band and by primary need. The
-- projected years come from the model in server/forecast (its inputs are sql/forecast/*.sql),
-- which publishes these rows for the jump-off year only. value is the count itself.
-- The counts are active_plan_counts' (sql/derived), built at load.
WITH counts AS (
  SELECT area_code, period, breakdown, breakdown_value, plans
  FROM active_plan_counts
  WHERE breakdown IN ('all', 'age_band', 'primary_need')
)
SELECT a.area_code, p.period,
  coalesce(c.breakdown, 'all') AS breakdown,
  coalesce(c.breakdown_value, 'all') AS breakdown_value,
  coalesce(c.plans, 0)::INTEGER AS numerator,
  NULL::DOUBLE AS denominator,
  coalesce(c.plans, 0)::DOUBLE AS value
FROM areas a CROSS JOIN periods p
LEFT JOIN counts c ON c.area_code = a.area_code AND c.period = p.period
