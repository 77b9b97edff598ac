-- transitions-care-act: young people who turned 18 in each period (the 18th birthday taken as
-- the first of the birth month) and on that day had an active EHC plan with social care
-- provision (section H1 or H2) in force, and those of them with a Care Act transition
-- assessment (CARE_ACT_TRANSITION) started before their 18th birthday. The same cohort as the
-- transition-assessment-gap indicator, counted the other way round. Areas from the child.
-- One period ($period) at a time.
WITH turned_18 AS (
  SELECT p.period, c.child_id, (c.birth_month + INTERVAL 18 YEAR)::DATE AS birthday
  FROM children c
  JOIN periods p ON (c.birth_month + INTERVAL 18 YEAR)::DATE BETWEEN p.start_date AND p.end_date
  WHERE p.period = $period
),
cohort AS (
  SELECT DISTINCT t.period, t.child_id, t.birthday
  FROM turned_18 t
  JOIN ehc_plans e ON e.child_id = t.child_id
    AND e.start_date <= t.birthday AND (e.end_date IS NULL OR e.end_date > t.birthday)
  JOIN ehc_provision v ON v.plan_id = e.plan_id AND v.section IN ('H1', 'H2')
    AND v.specified_date <= t.birthday AND (v.end_date IS NULL OR v.end_date > t.birthday)
)
SELECT ca.area_code, k.period,
  count(*)::INTEGER AS turned_18,
  count(*) FILTER (EXISTS (
    SELECT 1 FROM child_needs_assessments a
    WHERE a.child_id = k.child_id AND a.assessment_type = 'CARE_ACT_TRANSITION' AND a.start_date < k.birthday
  ))::INTEGER AS assessed_before_18
FROM cohort k
JOIN analytics_child_areas ca ON ca.child_id = k.child_id
GROUP BY ca.area_code, k.period
ORDER BY ca.area_code, k.period
