-- ehc-requests-rate on its benchmark's basis: requests received in the calendar year over the
-- ONS mid-2021 population aged 0-25, the base of DfE's published rates. LA totals only.
WITH base AS (
  SELECT area_code, sum(population) AS population FROM population_areas WHERE year = 2021 AND age <= 25 GROUP BY ALL
),
received AS (
  SELECT p.period, ca.area_code, count(*) AS requests
  FROM ehc_requests r
  JOIN periods p ON p.period_type = 'calendar-year' AND r.received_date BETWEEN p.start_date AND p.end_date
  JOIN child_areas ca ON ca.child_id = r.child_id
  GROUP BY ALL
)
SELECT a.area_code, p.period, 'all' AS breakdown, 'all' AS breakdown_value,
  coalesce(n.requests, 0)::INTEGER AS numerator,
  b.population::DOUBLE AS denominator
FROM areas a
CROSS JOIN periods p
LEFT JOIN received n ON n.area_code = a.area_code AND n.period = p.period
LEFT JOIN base b ON b.area_code = a.area_code
WHERE a.area_type = 'la' AND p.period_type = 'calendar-year'
