-- ehc-20-week-timeliness: plans issued within 20 weeks of the request, excluding exceptions.
WITH issued_by_year AS (
  SELECT year(r.plan_decision_date) AS calendar_year, financial_year_of(r.plan_decision_date) AS financial_year,
         r.area_group, r.sex, age_band(age_on(r.birth_month, r.received_date)) AS age_band,
         count(*) FILTER ((r.plan_decision_date - r.received_date) <= 140) AS within_20_weeks, count(*) AS plans
  FROM request_facts r
  WHERE r.plan_decision = 'ISSUED' AND NOT coalesce(r.week20_exception, false)
  GROUP BY ALL
),
-- Counted by calendar and financial year first; the periods (named after their years) after that.
issued AS (
  SELECT p.period, c.* EXCLUDE (calendar_year, financial_year)
  FROM issued_by_year c
  CROSS JOIN unnest(year_period_names(c.calendar_year, c.financial_year)) AS k(period)
  JOIN periods p ON p.period = k.period
)
SELECT area_code, period,
  {{breakdowns}},
  sum(within_20_weeks)::INTEGER AS numerator,
  sum(plans)::DOUBLE AS denominator
FROM issued JOIN area_group_areas USING (area_group)
GROUP BY {{grouping_sets(area_code, period)}}
