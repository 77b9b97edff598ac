-- ceased-needs-met: EHC plans that ceased in the year (end_date in the year) because the
-- child's or young person's needs were met (cease_reason NEEDS_MET), as a share of all plans
-- that ceased in the year, whatever the reason (recorded or not). Age is on the end date.
WITH ceased_by_year AS (
  SELECT year(e.end_date) AS calendar_year, financial_year_of(e.end_date) AS financial_year,
         e.area_group, e.sex, age_band(age_on(e.birth_month, e.end_date)) AS age_band,
         e.primary_need, count(*) FILTER (e.cease_reason = 'NEEDS_MET') AS needs_met, count(*) AS plans
  FROM plan_facts e
  WHERE e.end_date IS NOT NULL
  GROUP BY ALL
),
-- Counted by calendar and financial year first; the periods (named after their years) after that.
ceased AS (
  SELECT p.period, c.* EXCLUDE (calendar_year, financial_year)
  FROM ceased_by_year c
  CROSS JOIN unnest(year_period_names(c.calendar_year, c.financial_year)) AS k(period)
  JOIN periods p ON p.period = k.period
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band'
         WHEN GROUPING(primary_need) = 0 THEN 'primary_need' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown')
         WHEN GROUPING(primary_need) = 0 THEN coalesce(primary_need, 'unknown') ELSE 'all' END AS breakdown_value,
    sum(needs_met)::INTEGER AS numerator,
    sum(plans)::DOUBLE AS denominator
  FROM ceased JOIN area_group_areas USING (area_group)
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band),
                          (area_code, period, primary_need))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
