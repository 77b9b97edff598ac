-- cna-disabled-children: children's needs assessments (child in need and short breaks
-- assessments; Care Act transition assessments are for adults and are left out) completed
-- in the year with disability recorded, for children aged 0-17 on the completion date,
-- per 10,000 population aged 0-17. Assessments are counted, not children.
WITH completed_by_year AS (
  SELECT year(a.completed_date) AS calendar_year, financial_year_of(a.completed_date) AS financial_year,
         a.area_group, a.sex, age_band(age_on(a.birth_month, a.completed_date)) AS age_band, count(*) AS assessments
  FROM cna_facts a
  WHERE a.assessment_type IN ('CHILD_IN_NEED', 'SHORT_BREAKS')
    AND a.disability
    AND age_on(a.birth_month, a.completed_date) BETWEEN 0 AND 17
  GROUP BY ALL
),
-- Counted by calendar and financial year first; the periods (named after their years) after that.
completed AS (
  SELECT p.period, c.* EXCLUDE (calendar_year, financial_year)
  FROM completed_by_year c
  CROSS JOIN unnest(year_period_names(c.calendar_year, c.financial_year)) AS k(period)
  JOIN periods p ON p.period = k.period
),
numerators AS (
  SELECT area_code, period,
    {{breakdowns}},
    sum(assessments) AS numerator
  FROM completed JOIN area_group_areas USING (area_group)
  GROUP BY {{grouping_sets(area_code, period)}}
),
-- Population aged 0-17 only, so the 16-19 band's denominator is the 16- and 17-year-olds.
denominators AS (
  SELECT area_code, period,
    {{breakdowns}},
    sum(population) AS denominator
  FROM (SELECT period, area_code, sex, age_band(age) AS age_band, population FROM period_population WHERE age <= 17)
  GROUP BY {{grouping_sets(area_code, period)}}
)
SELECT area_code, period, breakdown, breakdown_value,
  coalesce(n.numerator, 0)::INTEGER AS numerator,
  d.denominator::DOUBLE AS denominator
FROM numerators n
FULL JOIN denominators d USING (area_code, period, breakdown, breakdown_value)
WHERE area_code IN (SELECT area_code FROM areas)
