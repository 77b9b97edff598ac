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
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (within_20_weeks)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM issued
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
-- An area and year with no plans issued still gets its total row: 0 of 0.
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
