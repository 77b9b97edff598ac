-- out-of-area-placements: EHC plans active on 31 December whose setting is outside the
-- responsible LA (setting_in_area false), as a share of active plans whose setting_in_area
-- is recorded (plans with it unknown are left out of both).
WITH active AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, p.end_date)) AS age_band,
         e.primary_need::VARCHAR AS primary_need, e.setting_type::VARCHAR AS setting_type,
         NOT e.setting_in_area AS out_of_area
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN children c ON c.child_id = e.child_id
  JOIN child_areas ca ON ca.child_id = e.child_id
  WHERE e.setting_in_area IS NOT NULL
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(setting_type) = 0 THEN 'setting_type' WHEN GROUPING(primary_need) = 0 THEN 'primary_need'
         WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(setting_type) = 0 THEN coalesce(setting_type, 'unknown')
         WHEN GROUPING(primary_need) = 0 THEN coalesce(primary_need, 'unknown')
         WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (out_of_area)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM active
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, setting_type), (area_code, period, primary_need),
                          (area_code, period, sex), (area_code, period, age_band))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
