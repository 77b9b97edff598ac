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
)
SELECT area_code, period,
  {{breakdowns}},
  count(*) FILTER (not_started)::INTEGER AS numerator,
  count(*)::DOUBLE AS denominator
FROM lines
GROUP BY {{grouping_sets(area_code, period)}}
