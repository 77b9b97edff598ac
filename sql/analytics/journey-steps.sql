-- journey-steps: the EHC journey request -> assessment -> plan -> annual reviews -> cease for
-- one period ($start..$end, bound as dates), for every area (each LA and locality, through
-- analytics_child_areas, with England, regions and ICBs of an extract of several LAs). Per step:
--   children: distinct children who entered the step in the period
--     request       a request for an EHC needs assessment received
--     assessment    a decision to assess (AGREED) made
--     plan          an EHC plan issued (ehc_plans.start_date)
--     annual_review an annual review held
--     cease         a plan ceased (ehc_plans.end_date)
--   n, q1, median, q3: completed times at the step (weeks, days / 7, quantile_cont = type 7),
--     one per exit dated in the period:
--     request       received -> assessment decision (AGREED, REFUSED or WITHDRAWN)
--     assessment    decision to assess -> plan decision (ISSUED, NOT_ISSUED or WITHDRAWN)
--     plan          plan issued -> first annual review held, or the plan ceasing if sooner;
--                   only plans issued on or after the extract's first day, whose reviews are
--                   all in the extract (older plans' first reviews may predate it)
--     annual_review review held -> next review held, or the plan ceasing if sooner
--     cease         plan issued -> plan ceased (the whole time on the plan; cease is the end)
WITH coverage AS (
  SELECT coalesce(period_start, (SELECT min(received_date) FROM ehc_requests), DATE '1900-01-01') AS first_day
  FROM extract_info
),
entries AS (
  SELECT 'request' AS step, child_id FROM ehc_requests
  WHERE received_date BETWEEN $start::DATE AND $end::DATE
  UNION ALL
  SELECT 'assessment', child_id FROM ehc_requests
  WHERE assessment_decision = 'AGREED' AND assessment_decision_date BETWEEN $start::DATE AND $end::DATE
  UNION ALL
  SELECT 'plan', child_id FROM ehc_plans WHERE start_date BETWEEN $start::DATE AND $end::DATE
  UNION ALL
  SELECT 'annual_review', e.child_id FROM annual_reviews r JOIN ehc_plans e ON e.plan_id = r.plan_id
  WHERE r.held_date BETWEEN $start::DATE AND $end::DATE
  UNION ALL
  SELECT 'cease', child_id FROM ehc_plans WHERE end_date BETWEEN $start::DATE AND $end::DATE
),
-- A plan's milestones in order: issued, each review held while it was active, ceased.
milestones AS (
  SELECT plan_id, child_id, 'plan' AS step, 0 AS step_order, start_date AS on_date, start_date AS plan_start FROM ehc_plans
  UNION ALL
  SELECT r.plan_id, e.child_id, 'annual_review', 1, r.held_date, e.start_date
  FROM annual_reviews r JOIN ehc_plans e ON e.plan_id = r.plan_id
  WHERE r.held_date >= e.start_date AND (e.end_date IS NULL OR r.held_date <= e.end_date)
  UNION ALL
  SELECT plan_id, child_id, 'cease', 2, end_date, start_date FROM ehc_plans WHERE end_date IS NOT NULL
),
sequenced AS (
  SELECT *, lead(on_date) OVER (PARTITION BY plan_id ORDER BY on_date, step_order) AS next_date
  FROM milestones
),
exits AS (
  SELECT 'request' AS step, child_id, date_diff('day', received_date, assessment_decision_date) / 7.0 AS weeks
  FROM ehc_requests
  WHERE assessment_decision IN ('AGREED', 'REFUSED', 'WITHDRAWN')
    AND assessment_decision_date BETWEEN $start::DATE AND $end::DATE
  UNION ALL
  SELECT 'assessment', child_id, date_diff('day', assessment_decision_date, plan_decision_date) / 7.0
  FROM ehc_requests
  WHERE assessment_decision = 'AGREED' AND assessment_decision_date IS NOT NULL
    AND plan_decision IN ('ISSUED', 'NOT_ISSUED', 'WITHDRAWN')
    AND plan_decision_date BETWEEN $start::DATE AND $end::DATE
  UNION ALL
  SELECT s.step, s.child_id, date_diff('day', s.on_date, s.next_date) / 7.0
  FROM sequenced s, coverage c
  WHERE s.step IN ('plan', 'annual_review') AND s.next_date BETWEEN $start::DATE AND $end::DATE
    AND (s.step = 'annual_review' OR s.plan_start >= c.first_day)
  UNION ALL
  SELECT 'cease', child_id, date_diff('day', start_date, end_date) / 7.0
  FROM ehc_plans WHERE end_date BETWEEN $start::DATE AND $end::DATE
),
entered AS (
  SELECT ca.area_code, e.step, count(DISTINCT e.child_id) AS children
  FROM entries e JOIN analytics_child_areas ca ON ca.child_id = e.child_id
  GROUP BY ALL
),
timed AS (
  SELECT ca.area_code, x.step, count(*) AS n,
    quantile_cont(x.weeks, 0.25) AS q1, quantile_cont(x.weeks, 0.5) AS median, quantile_cont(x.weeks, 0.75) AS q3
  FROM exits x JOIN analytics_child_areas ca ON ca.child_id = x.child_id
  GROUP BY ALL
),
steps AS (
  SELECT * FROM (VALUES ('request'), ('assessment'), ('plan'), ('annual_review'), ('cease')) t(step)
)
SELECT a.area_code, s.step,
  coalesce(e.children, 0)::INTEGER AS children,
  coalesce(t.n, 0)::INTEGER AS n,
  t.q1::DOUBLE AS q1, t.median::DOUBLE AS median, t.q3::DOUBLE AS q3
FROM analytics_areas a CROSS JOIN steps s
LEFT JOIN entered e ON e.area_code = a.area_code AND e.step = s.step
LEFT JOIN timed t ON t.area_code = a.area_code AND t.step = s.step
ORDER BY a.area_code, s.step
