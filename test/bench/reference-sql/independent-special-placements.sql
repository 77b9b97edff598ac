-- independent-special-placements: EHC plans active on 31 December with setting type
-- SPECIAL_INDEPENDENT or SPECIAL_NON_MAINTAINED, as a share of all active plans (plans with
-- no setting recorded stay in the denominator, as in the DfE measure).
WITH active AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, p.end_date)) AS age_band,
         e.primary_need::VARCHAR AS primary_need,
         coalesce(e.setting_type IN ('SPECIAL_INDEPENDENT', 'SPECIAL_NON_MAINTAINED'), false) AS independent_special
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN children c ON c.child_id = e.child_id
  JOIN child_areas ca ON ca.child_id = e.child_id
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(primary_need) = 0 THEN 'primary_need' WHEN GROUPING(sex) = 0 THEN 'sex'
         WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(primary_need) = 0 THEN coalesce(primary_need, 'unknown')
         WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (independent_special)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM active
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, primary_need), (area_code, period, sex),
                          (area_code, period, age_band))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
