-- tribunal-appeal-rate: SEND Tribunal appeals registered in the year, as a share of the
-- appealable decisions made in the year: requests refused an assessment (assessment decision
-- date), decisions not to issue a plan (plan decision date), plans issued (plan start_date,
-- including transferred plans) and plans ceased (plan end_date). Appeals are counted by
-- registration date, so an appeal need not be against a decision of the same year.
WITH decisions AS (
  SELECT r.child_id, r.assessment_decision_date AS decision_date FROM ehc_requests r WHERE r.assessment_decision = 'REFUSED'
  UNION ALL
  SELECT r.child_id, r.plan_decision_date FROM ehc_requests r WHERE r.plan_decision = 'NOT_ISSUED'
  UNION ALL
  SELECT e.child_id, e.start_date FROM ehc_plans e
  UNION ALL
  SELECT e.child_id, e.end_date FROM ehc_plans e WHERE e.end_date IS NOT NULL
),
events AS (
  SELECT child_id, decision_date AS event_date, false AS appeal FROM decisions
  UNION ALL
  SELECT child_id, registered_date, true FROM tribunal_appeals
),
dated AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex, v.appeal
  FROM events v
  JOIN periods p ON v.event_date BETWEEN p.start_date AND p.end_date
  JOIN children c ON c.child_id = v.child_id
  JOIN child_areas ca ON ca.child_id = v.child_id
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (appeal)::INTEGER AS numerator,
    count(*) FILTER (NOT appeal)::DOUBLE AS denominator
  FROM dated
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
