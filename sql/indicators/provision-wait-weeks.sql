-- provision-wait-weeks: median weeks from specified_date to start_date for provision lines
-- that started in the year (whatever the plan's status now). Not a ratio: `value` is the
-- median; numerator = lines started (for disclosure control), denominator NULL.
WITH started AS (
  SELECT p.period, g.area_code, v.category::VARCHAR AS provision_category, v.commissioner,
         date_diff('day', v.specified_date, v.start_date) / 7.0 AS weeks
  FROM provision_facts v
  CROSS JOIN unnest(period_names(v.start_date)) AS k(period)
  JOIN periods p ON p.period = k.period AND v.start_date BETWEEN p.start_date AND p.end_date
  JOIN area_group_areas g ON g.area_group = v.area_group
)
SELECT area_code, period,
  {{breakdowns}},
  count(*)::INTEGER AS numerator,
  NULL::DOUBLE AS denominator,
  quantile_cont(weeks, 0.5)::DOUBLE AS value
FROM started
GROUP BY {{grouping_sets(area_code, period)}}
