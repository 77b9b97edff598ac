-- annual-reviews-on-time: annual reviews due in the year (due_date in the year) that were
-- held on or before their due date, as a share of all reviews due in the year. A review not
-- held, or held after the due date, is not on time. Age is on the due date.
WITH due AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, r.due_date)) AS age_band,
         e.primary_need::VARCHAR AS primary_need,
         coalesce(r.held_date <= r.due_date, false) AS on_time
  FROM annual_reviews r
  JOIN periods p ON r.due_date BETWEEN p.start_date AND p.end_date
  JOIN ehc_plans e ON e.plan_id = r.plan_id
  JOIN children c ON c.child_id = e.child_id
  JOIN child_areas ca ON ca.child_id = e.child_id
)
SELECT area_code, period,
  {{breakdowns}},
  count(*) FILTER (on_time)::INTEGER AS numerator,
  count(*)::DOUBLE AS denominator
FROM due
GROUP BY {{grouping_sets(area_code, period)}}
