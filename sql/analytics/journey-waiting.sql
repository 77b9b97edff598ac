-- journey-waiting: children waiting now, at the extract date ($as_at), for every area, by age
-- band on that date ('all' = every age). A request is open when it has no plan decision
-- (ISSUED, NOT_ISSUED or WITHDRAWN), was not refused or withdrawn at the assessment stage,
-- and no plan points to it. A child with several open requests counts once per measure.
--   open_requests   children with an open request
--   past_6_weeks    ... received more than 6 weeks (42 days) ago with no assessment decision
--                   (AGREED, REFUSED or WITHDRAWN)
--   past_20_weeks   ... received more than 20 weeks (140 days) ago (no plan decision, by
--                   definition of open; statutory exceptions are not taken out)
WITH open_requests AS (
  SELECT r.child_id,
    date_diff('day', r.received_date, $as_at::DATE) AS days,
    coalesce(r.assessment_decision IN ('AGREED', 'REFUSED', 'WITHDRAWN'), false) AS assessment_decided
  FROM ehc_requests r
  WHERE r.received_date <= $as_at::DATE
    AND NOT coalesce(r.plan_decision IN ('ISSUED', 'NOT_ISSUED', 'WITHDRAWN'), false)
    AND NOT coalesce(r.assessment_decision IN ('REFUSED', 'WITHDRAWN'), false)
    AND NOT EXISTS (SELECT 1 FROM ehc_plans e WHERE e.request_id = r.request_id)
),
per_child AS (
  SELECT child_id,
    bool_or(NOT assessment_decided AND days > 42) AS past_6_weeks,
    bool_or(days > 140) AS past_20_weeks
  FROM open_requests
  GROUP BY child_id
),
banded AS (
  SELECT ca.area_code, coalesce(age_band(age_on(c.birth_month, $as_at::DATE)), 'unknown') AS age_band,
         p.past_6_weeks, p.past_20_weeks
  FROM per_child p
  JOIN children c ON c.child_id = p.child_id
  JOIN analytics_child_areas ca ON ca.child_id = p.child_id
)
SELECT area_code,
  CASE WHEN GROUPING(age_band) = 1 THEN 'all' ELSE age_band END AS age_band,
  count(*)::INTEGER AS open_requests,
  count(*) FILTER (past_6_weeks)::INTEGER AS past_6_weeks,
  count(*) FILTER (past_20_weeks)::INTEGER AS past_20_weeks
FROM banded
GROUP BY GROUPING SETS ((area_code, age_band), (area_code))
ORDER BY area_code, age_band
