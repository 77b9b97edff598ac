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
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band'
         WHEN GROUPING(ethnic_group) = 0 THEN 'ethnic_group' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown')
         WHEN GROUPING(ethnic_group) = 0 THEN coalesce(ethnic_group, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (refused)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM decided
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band),
                          (area_code, period, ethnic_group))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
-- An area and year with no decisions still gets its total row: 0 of 0.
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
