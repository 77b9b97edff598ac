-- ehc-plans-rate on its benchmark's basis: active EHC plans on 31 December over the ONS mid-2021
-- population aged 0-25, the base of every published rate (DfE ehcplans). LA totals, calendar
-- years only. No mid-2021 population in the extract: no denominator, so no comparison.
WITH base AS (
  SELECT area_code, sum(population) AS population FROM population_areas WHERE year = 2021 AND age <= 25 GROUP BY ALL
)
SELECT a.area_code, p.period, 'all' AS breakdown, 'all' AS breakdown_value,
  coalesce(n.plans, 0)::INTEGER AS numerator,
  b.population::DOUBLE AS denominator
FROM areas a
CROSS JOIN periods p
LEFT JOIN active_plan_counts n ON n.area_code = a.area_code AND n.period = p.period AND n.breakdown = 'all'
LEFT JOIN base b ON b.area_code = a.area_code
WHERE a.area_type = 'la' AND p.period_type = 'calendar-year'
