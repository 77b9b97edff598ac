-- transition-assessment-gap: young people who turned 18 in the year (18th birthday taken as
-- the first of the birth month) and on that day had an active EHC plan with social care
-- provision (section H1 or H2) in force, and the share of them with no Care Act transition
-- assessment (CARE_ACT_TRANSITION) started before their 18th birthday.
WITH turned_18 AS (
  SELECT p.period, c.child_id, c.sex::VARCHAR AS sex, (c.birth_month + INTERVAL 18 YEAR)::DATE AS birthday
  FROM children c
  JOIN periods p ON (c.birth_month + INTERVAL 18 YEAR)::DATE BETWEEN p.start_date AND p.end_date
),
cohort AS (
  SELECT t.period, t.child_id, t.sex, t.birthday, min(e.primary_need::VARCHAR) AS primary_need
  FROM turned_18 t
  JOIN ehc_plans e ON e.child_id = t.child_id
    AND e.start_date <= t.birthday AND (e.end_date IS NULL OR e.end_date > t.birthday)
  JOIN ehc_provision v ON v.plan_id = e.plan_id AND v.section IN ('H1', 'H2')
    AND v.specified_date <= t.birthday AND (v.end_date IS NULL OR v.end_date > t.birthday)
  GROUP BY t.period, t.child_id, t.sex, t.birthday
),
flagged AS (
  SELECT k.period, ca.area_code, k.sex, k.primary_need,
    NOT EXISTS (
      SELECT 1 FROM child_needs_assessments a
      WHERE a.child_id = k.child_id AND a.assessment_type = 'CARE_ACT_TRANSITION' AND a.start_date < k.birthday
    ) AS no_assessment
  FROM cohort k
  JOIN child_areas ca ON ca.child_id = k.child_id
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(primary_need) = 0 THEN 'primary_need' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(primary_need) = 0 THEN coalesce(primary_need, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (no_assessment)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM flagged
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, primary_need))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
