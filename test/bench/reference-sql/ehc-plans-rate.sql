-- ehc-plans-rate: active EHC plans on 31 December per 1,000 population aged 0-25.
WITH active AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, p.end_date)) AS age_band
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN children c ON c.child_id = e.child_id
  JOIN child_areas ca ON ca.child_id = e.child_id
),
numerators AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) AS numerator
  FROM active
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band))
),
denominators AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN sex WHEN GROUPING(age_band) = 0 THEN age_band ELSE 'all' END AS breakdown_value,
    sum(population) AS denominator
  FROM (SELECT period, area_code, sex, age_band(age) AS age_band, population FROM period_population)
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band))
)
SELECT area_code, period, breakdown, breakdown_value,
  coalesce(n.numerator, 0)::INTEGER AS numerator,
  d.denominator::DOUBLE AS denominator
FROM denominators d
FULL JOIN numerators n USING (area_code, period, breakdown, breakdown_value)
WHERE area_code IN (SELECT area_code FROM areas)
