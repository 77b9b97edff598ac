-- pfa-employment: young people whose latest annual review held in the year records the
-- preparing-for-adulthood employment outcome (paid work, supported internship or
-- apprenticeship: pfa_employment true), as a share of young people aged 16-25 on the date
-- of that latest review. An outcome left blank counts as not recorded (in the denominator only).
WITH held AS (
  SELECT p.period, e.child_id, e.primary_need::VARCHAR AS primary_need, r.held_date, r.review_id,
         coalesce(r.pfa_employment, false) AS employment
  FROM annual_reviews r
  JOIN periods p ON r.held_date BETWEEN p.start_date AND p.end_date
  JOIN ehc_plans e ON e.plan_id = r.plan_id
),
latest AS (
  SELECT period, child_id,
         arg_max(primary_need, (held_date, review_id)) AS primary_need,
         arg_max(employment, (held_date, review_id)) AS employment,
         max(held_date) AS held_date
  FROM held
  GROUP BY period, child_id
),
young_people AS (
  SELECT l.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, l.held_date)) AS age_band, l.primary_need, l.employment
  FROM latest l
  JOIN children c ON c.child_id = l.child_id
  JOIN child_areas ca ON ca.child_id = l.child_id
  WHERE age_on(c.birth_month, l.held_date) BETWEEN 16 AND 25
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band'
         WHEN GROUPING(primary_need) = 0 THEN 'primary_need' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown')
         WHEN GROUPING(primary_need) = 0 THEN coalesce(primary_need, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (employment)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM young_people
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band),
                          (area_code, period, primary_need))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
