-- ehc-requests-rate: requests for an EHC needs assessment received in the year per 10,000
-- population aged 0-25. Age is the child's age when the request was received.
WITH received AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, r.received_date)) AS age_band
  FROM ehc_requests r
  JOIN periods p ON r.received_date BETWEEN p.start_date AND p.end_date
  JOIN children c ON c.child_id = r.child_id
  JOIN child_areas ca ON ca.child_id = r.child_id
),
numerators AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) AS numerator
  FROM received
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band))
),
denominators AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN sex WHEN GROUPING(age_band) = 0 THEN age_band ELSE 'all' END AS breakdown_value,
    sum(population) AS denominator
  FROM (SELECT period, area_code, sex, age_band(age) AS age_band, population FROM period_population)
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band))
),
skeleton AS (
  SELECT a.area_code, p.period, 'all' AS breakdown, 'all' AS breakdown_value FROM areas a CROSS JOIN periods p
),
cells AS (
  SELECT area_code, period, breakdown, breakdown_value FROM skeleton
  UNION SELECT area_code, period, breakdown, breakdown_value FROM numerators
  UNION SELECT area_code, period, breakdown, breakdown_value FROM denominators
)
SELECT area_code, period, breakdown, breakdown_value,
  coalesce(n.numerator, 0)::INTEGER AS numerator,
  d.denominator::DOUBLE AS denominator
FROM cells
LEFT JOIN numerators n USING (area_code, period, breakdown, breakdown_value)
LEFT JOIN denominators d USING (area_code, period, breakdown, breakdown_value)
WHERE area_code IN (SELECT area_code FROM areas)
