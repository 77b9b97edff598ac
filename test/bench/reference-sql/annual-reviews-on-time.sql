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
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band'
         WHEN GROUPING(primary_need) = 0 THEN 'primary_need' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown')
         WHEN GROUPING(primary_need) = 0 THEN coalesce(primary_need, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (on_time)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM due
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band),
                          (area_code, period, primary_need))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
