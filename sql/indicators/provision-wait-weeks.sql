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
)
SELECT area_code, period,
  {{breakdowns}},
  count(*)::INTEGER AS numerator,
  NULL::DOUBLE AS denominator,
  quantile_cont(weeks, 0.5)::DOUBLE AS value
FROM started
GROUP BY {{grouping_sets(area_code, period)}}
