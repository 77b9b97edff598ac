-- transition-assessment-gap: young people who turned 18 in the year (18th birthday taken as
-- the first of the birth month) and on that day had an active EHC plan with social care
-- provision (section H1 or H2) in force, and the share of them with no Care Act transition
-- assessment (CARE_ACT_TRANSITION) started before their 18th birthday.
WITH turned_18 AS (
  SELECT p.period, c.child_key, c.area_group, c.sex, (c.birth_month + INTERVAL 18 YEAR)::DATE AS birthday
  FROM child_facts c
  CROSS JOIN unnest(period_names((c.birth_month + INTERVAL 18 YEAR)::DATE)) AS k(period)
  JOIN periods p ON p.period = k.period AND (c.birth_month + INTERVAL 18 YEAR)::DATE BETWEEN p.start_date AND p.end_date
),
cohort AS (
  SELECT t.period, t.child_key, t.area_group, t.sex, t.birthday, min(e.primary_need) AS primary_need
  FROM turned_18 t
  JOIN plan_facts e ON e.child_key = t.child_key AND e.start_date <= t.birthday AND e.open_end > t.birthday
  JOIN provision_facts v ON v.plan_id = e.plan_id AND v.section IN ('H1', 'H2')
    AND v.specified_date <= t.birthday AND v.open_end > t.birthday
  GROUP BY t.period, t.child_key, t.area_group, t.sex, t.birthday
),
-- A transition assessment started before the 18th birthday exists when the first one started before it.
first_transition_assessment AS (
  SELECT child_key, min(start_date) AS first_start
  FROM cna_facts WHERE assessment_type = 'CARE_ACT_TRANSITION'
  GROUP BY child_key
),
flagged AS (
  SELECT k.period, k.area_group, k.sex, k.primary_need,
         count(*) FILTER (a.first_start IS NULL OR a.first_start >= k.birthday) AS no_assessment, count(*) AS young_people
  FROM cohort k
  LEFT JOIN first_transition_assessment a ON a.child_key = k.child_key
  GROUP BY ALL
)
SELECT area_code, period,
  {{breakdowns}},
  sum(no_assessment)::INTEGER AS numerator,
  sum(young_people)::DOUBLE AS denominator
FROM flagged JOIN area_group_areas USING (area_group)
GROUP BY {{grouping_sets(area_code, period)}}
