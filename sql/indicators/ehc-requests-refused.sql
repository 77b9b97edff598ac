-- ehc-requests-refused: requests refused an EHC needs assessment, as a share of requests
-- with an assessment decision (AGREED or REFUSED) dated in the year. Withdrawn and pending
-- requests are not decisions. Age is the child's age when the request was received.
WITH decided AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex, c.ethnic_group::VARCHAR AS ethnic_group,
         age_band(age_on(c.birth_month, r.received_date)) AS age_band,
         r.assessment_decision = 'REFUSED' AS refused
  FROM ehc_requests r
  JOIN periods p ON r.assessment_decision_date BETWEEN p.start_date AND p.end_date
  JOIN children c ON c.child_id = r.child_id
  JOIN child_areas ca ON ca.child_id = r.child_id
  WHERE r.assessment_decision IN ('AGREED', 'REFUSED')
)
SELECT area_code, period,
  {{breakdowns}},
  count(*) FILTER (refused)::INTEGER AS numerator,
  count(*)::DOUBLE AS denominator
FROM decided
GROUP BY {{grouping_sets(area_code, period)}}
