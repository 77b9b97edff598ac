-- continuing-care-with-health-provision: children and young people flagged as eligible for
-- children's continuing care who have an EHC plan active on 31 December, and the share of
-- them whose plan has section G (health) provision specified on or before that date and not
-- ended by it. The flag carries no dates, so it is read as it stands in the extract.
WITH cohort AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, p.end_date)) AS age_band,
         bool_or(v.provision_id IS NOT NULL) AS has_health_provision
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN children c ON c.child_id = e.child_id
  JOIN child_areas ca ON ca.child_id = e.child_id
  LEFT JOIN ehc_provision v ON v.plan_id = e.plan_id AND v.section = 'G'
    AND v.specified_date <= p.end_date AND (v.end_date IS NULL OR v.end_date > p.end_date)
  WHERE c.continuing_care
  GROUP BY p.period, ca.area_code, c.child_id, c.sex, c.birth_month, p.end_date
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (has_health_provision)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM cohort
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
