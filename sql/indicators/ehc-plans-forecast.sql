-- ehc-plans-forecast: the observed side of the forecast. Active EHC plans on 31 December of
-- each complete calendar year, in total, by age band and by primary need: ehc-plans-rate's and
-- ehc-plans-by-need's numerators, from the same table (active_plan_counts, sql/derived), so they
-- are the same figures and are suppressed alike (server/indicators/links.ts). The projected years
-- come from the model in server/forecast (its inputs are sql/forecast/*.sql), which publishes
-- these rows for the complete calendar years it is fitted on only (forecastRows: no part-year, no
-- financial year). value is the count itself.
WITH counts AS (
  SELECT area_code, period, breakdown, breakdown_value, plans
  FROM active_plan_counts
  WHERE breakdown IN ('all', 'age_band', 'primary_need')
)
SELECT a.area_code, y.period,
  coalesce(c.breakdown, 'all') AS breakdown,
  coalesce(c.breakdown_value, 'all') AS breakdown_value,
  coalesce(c.plans, 0)::INTEGER AS numerator,
  NULL::DOUBLE AS denominator,
  coalesce(c.plans, 0)::DOUBLE AS value
FROM areas a CROSS JOIN periods y
LEFT JOIN counts c ON c.area_code = a.area_code AND c.period = y.period
