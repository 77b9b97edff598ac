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
)
SELECT area_code, period,
  {{breakdowns}},
  sum(needs_met)::INTEGER AS numerator,
  sum(plans)::DOUBLE AS denominator
FROM ceased JOIN area_group_areas USING (area_group)
GROUP BY {{grouping_sets(area_code, period)}}
