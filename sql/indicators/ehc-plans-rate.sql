-- ehc-plans-rate: active EHC plans on 31 December per 1,000 population aged 0-25.
-- Counts come from active_plan_counts (sql/derived), built at load.
WITH numerators AS (
  SELECT area_code, period, breakdown, breakdown_value, plans AS numerator
  FROM active_plan_counts
  WHERE breakdown IN ('all', 'sex', 'age_band')
),
denominators AS (
  SELECT area_code, period, {{breakdowns}}, sum(population) AS denominator
  FROM (SELECT period, area_code, sex, age_band(age) AS age_band, population FROM period_population)
  GROUP BY {{grouping_sets(area_code, period)}}
)
SELECT area_code, period, breakdown, breakdown_value,
  coalesce(n.numerator, 0)::INTEGER AS numerator,
  d.denominator::DOUBLE AS denominator
FROM denominators d
FULL JOIN numerators n USING (area_code, period, breakdown, breakdown_value)
WHERE area_code IN (SELECT area_code FROM areas)
