-- tribunal-appeal-rate: SEND Tribunal appeals registered in the year, as a share of the
-- appealable decisions made in the year: requests refused an assessment (assessment decision
-- date), decisions not to issue a plan (plan decision date), plans issued (plan start_date,
-- including transferred plans) and plans ceased (plan end_date). Appeals are counted by
-- registration date, so an appeal need not be against a decision of the same year.
-- Decisions and appeals carry their child's area group and sex (request_facts, plan_facts,
-- child_facts: sql/derived/indicator-facts.sql).
WITH decisions AS (
  SELECT r.area_group, r.sex, r.assessment_decision_date AS decision_date FROM request_facts r WHERE r.assessment_decision = 'REFUSED'
  UNION ALL
  SELECT r.area_group, r.sex, r.plan_decision_date FROM request_facts r WHERE r.plan_decision = 'NOT_ISSUED'
  UNION ALL
  SELECT e.area_group, e.sex, e.start_date FROM plan_facts e
  UNION ALL
  SELECT e.area_group, e.sex, e.end_date FROM plan_facts e WHERE e.end_date IS NOT NULL
),
events AS (
  SELECT area_group, sex, decision_date AS event_date, false AS appeal FROM decisions
  UNION ALL
  SELECT f.area_group, f.sex, a.registered_date, true FROM tribunal_appeals a JOIN child_facts f USING (child_id)
),
dated_by_year AS (
  SELECT year(v.event_date) AS calendar_year, financial_year_of(v.event_date) AS financial_year,
         v.area_group, v.sex, count(*) FILTER (v.appeal) AS appeals, count(*) FILTER (NOT v.appeal) AS decisions
  FROM events v
  GROUP BY ALL
),
-- Counted by calendar and financial year first; the periods (named after their years) after that.
dated AS (
  SELECT p.period, c.* EXCLUDE (calendar_year, financial_year)
  FROM dated_by_year c
  CROSS JOIN unnest(year_period_names(c.calendar_year, c.financial_year)) AS k(period)
  JOIN periods p ON p.period = k.period
)
SELECT area_code, period,
  {{breakdowns}},
  sum(appeals)::INTEGER AS numerator,
  sum(decisions)::DOUBLE AS denominator
FROM dated JOIN area_group_areas USING (area_group)
GROUP BY {{grouping_sets(area_code, period)}}
