-- ehc-requests-refused on its benchmark's basis, as DfE splits it: of the requests RECEIVED in
-- the calendar year that were agreed or refused an assessment (whenever decided), the share
-- refused. The headline instead counts decisions dated in the year. LA totals only.
WITH received AS (
  SELECT p.period, ca.area_code,
    count(*) FILTER (r.assessment_decision = 'REFUSED') AS refused,
    count(*) AS decided
  FROM ehc_requests r
  JOIN periods p ON p.period_type = 'calendar-year' AND r.received_date BETWEEN p.start_date AND p.end_date
  JOIN child_areas ca ON ca.child_id = r.child_id
  WHERE r.assessment_decision IN ('AGREED', 'REFUSED')
  GROUP BY ALL
)
SELECT a.area_code, p.period, 'all' AS breakdown, 'all' AS breakdown_value,
  coalesce(n.refused, 0)::INTEGER AS numerator,
  coalesce(n.decided, 0)::DOUBLE AS denominator
FROM areas a
CROSS JOIN periods p
LEFT JOIN received n ON n.area_code = a.area_code AND n.period = p.period
WHERE a.area_type = 'la' AND p.period_type = 'calendar-year'
