-- annual-reviews-on-time: annual reviews due in the year (due_date in the year) that were
-- held on or before their due date, as a share of all reviews due in the year. A review not
-- held, or held after the due date, is not on time. Age is on the due date.
WITH due_by_year AS (
  SELECT year(r.due_date) AS calendar_year, financial_year_of(r.due_date) AS financial_year,
         r.area_group, r.sex, age_band(age_on(r.birth_month, r.due_date)) AS age_band, r.primary_need,
         count(*) FILTER (r.held_date <= r.due_date) AS on_time, count(*) AS reviews
  FROM review_facts r
  GROUP BY ALL
),
-- Counted by calendar and financial year first; the periods (named after their years) after that.
due AS (
  SELECT p.period, c.* EXCLUDE (calendar_year, financial_year)
  FROM due_by_year c
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
    sum(on_time)::INTEGER AS numerator,
    sum(reviews)::DOUBLE AS denominator
  FROM due JOIN area_group_areas USING (area_group)
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band),
                          (area_code, period, primary_need))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
