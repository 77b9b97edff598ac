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
)
SELECT area_code, period,
  {{breakdowns}},
  sum(on_time)::INTEGER AS numerator,
  sum(reviews)::DOUBLE AS denominator
FROM due JOIN area_group_areas USING (area_group)
GROUP BY {{grouping_sets(area_code, period)}}
