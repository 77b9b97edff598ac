-- ehc-20-week-timeliness: plans issued within 20 weeks of the request, excluding exceptions.
WITH issued AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, r.received_date)) AS age_band,
         (r.plan_decision_date - r.received_date) <= 140 AS within_20_weeks
  FROM ehc_requests r
  JOIN periods p ON r.plan_decision_date BETWEEN p.start_date AND p.end_date
  JOIN children c ON c.child_id = r.child_id
  JOIN child_areas ca ON ca.child_id = r.child_id
  WHERE r.plan_decision = 'ISSUED' AND NOT coalesce(r.week20_exception, false)
)
SELECT area_code, period,
  {{breakdowns}},
  count(*) FILTER (within_20_weeks)::INTEGER AS numerator,
  count(*)::DOUBLE AS denominator
FROM issued
GROUP BY {{grouping_sets(area_code, period)}}
