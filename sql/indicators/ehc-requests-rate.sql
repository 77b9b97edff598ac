-- ehc-requests-rate: requests for an EHC needs assessment received in the year per 10,000
-- population aged 0-25. Age is the child's age when the request was received.
WITH received_by_year AS (
  SELECT year(r.received_date) AS calendar_year, financial_year_of(r.received_date) AS financial_year,
         r.area_group, r.sex, age_band(age_on(r.birth_month, r.received_date)) AS age_band, count(*) AS requests
  FROM request_facts r
  GROUP BY ALL
),
-- Counted by calendar and financial year first; the periods (named after their years) after that.
received AS (
  SELECT p.period, c.* EXCLUDE (calendar_year, financial_year)
  FROM received_by_year c
  CROSS JOIN unnest(year_period_names(c.calendar_year, c.financial_year)) AS k(period)
  JOIN periods p ON p.period = k.period
),
numerators AS (
  SELECT area_code, period,
    {{breakdowns}},
    sum(requests) AS numerator
  FROM received JOIN area_group_areas USING (area_group)
  GROUP BY {{grouping_sets(area_code, period)}}
),
denominators AS (
  SELECT area_code, period,
    {{breakdowns}},
    sum(population) AS denominator
  FROM (SELECT period, area_code, sex, age_band(age) AS age_band, population FROM period_population)
  GROUP BY {{grouping_sets(area_code, period)}}
)
SELECT area_code, period, breakdown, breakdown_value,
  coalesce(n.numerator, 0)::INTEGER AS numerator,
  d.denominator::DOUBLE AS denominator
FROM numerators n
FULL JOIN denominators d USING (area_code, period, breakdown, breakdown_value)
WHERE area_code IN (SELECT area_code FROM areas)
