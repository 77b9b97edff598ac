-- ceased-needs-met: EHC plans that ceased in the year (end_date in the year) because the
-- child's or young person's needs were met (cease_reason NEEDS_MET), as a share of all plans
-- that ceased in the year, whatever the reason (recorded or not). Age is on the end date.
WITH ceased AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, e.end_date)) AS age_band,
         e.primary_need::VARCHAR AS primary_need,
         coalesce(e.cease_reason = 'NEEDS_MET', false) AS needs_met
  FROM ehc_plans e
  JOIN periods p ON e.end_date BETWEEN p.start_date AND p.end_date
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
    count(*) FILTER (needs_met)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM ceased
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band),
                          (area_code, period, primary_need))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
