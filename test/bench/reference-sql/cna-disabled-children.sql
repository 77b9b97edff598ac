-- cna-disabled-children: children's needs assessments (child in need and short breaks
-- assessments; Care Act transition assessments are for adults and are left out) completed
-- in the year with disability recorded, for children aged 0-17 on the completion date,
-- per 10,000 population aged 0-17. Assessments are counted, not children.
WITH completed AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, a.completed_date)) AS age_band
  FROM child_needs_assessments a
  JOIN periods p ON a.completed_date BETWEEN p.start_date AND p.end_date
  JOIN children c ON c.child_id = a.child_id
  JOIN child_areas ca ON ca.child_id = a.child_id
  WHERE a.assessment_type IN ('CHILD_IN_NEED', 'SHORT_BREAKS')
    AND a.disability
    AND age_on(c.birth_month, a.completed_date) BETWEEN 0 AND 17
),
numerators AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) AS numerator
  FROM completed
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band))
),
-- Population aged 0-17 only, so the 16-19 band's denominator is the 16- and 17-year-olds.
denominators AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN sex WHEN GROUPING(age_band) = 0 THEN age_band ELSE 'all' END AS breakdown_value,
    sum(population) AS denominator
  FROM (SELECT period, area_code, sex, age_band(age) AS age_band, population FROM period_population WHERE age <= 17)
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
