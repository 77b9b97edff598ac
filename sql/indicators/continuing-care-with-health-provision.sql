-- continuing-care-with-health-provision: children and young people flagged as eligible for
-- children's continuing care who have an EHC plan active on 31 December, and the share of
-- them whose plan has section G (health) provision specified on or before that date and not
-- ended by it. The flag carries no dates, so it is read as it stands in the extract.
-- Performance: the flagged children's plans come first (a few thousand rows), and an open end
-- date is written as a far-future one so every join below is a hash join (an OR in a join
-- condition makes DuckDB compare every pair).
WITH flagged_plans AS MATERIALIZED (
  SELECT e.plan_id, e.start_date, e.end_date, c.child_id, c.sex, c.birth_month
  FROM children c
  JOIN ehc_plans e ON e.child_id = c.child_id
  WHERE c.continuing_care
),
cohort_plans AS (
  SELECT p.period, p.end_date, k.plan_id, k.child_id, k.sex, k.birth_month
  FROM flagged_plans k
  JOIN periods p ON k.start_date <= p.end_date AND coalesce(k.end_date, DATE '9999-12-31') > p.end_date
),
health AS (
  SELECT k.period, k.plan_id
  FROM cohort_plans k
  JOIN ehc_provision v ON v.plan_id = k.plan_id AND v.section = 'G'
    AND v.specified_date <= k.end_date AND coalesce(v.end_date, DATE '9999-12-31') > k.end_date
  GROUP BY ALL
),
cohort AS (
  SELECT k.period, ca.area_code, k.sex::VARCHAR AS sex,
         age_band(age_on(k.birth_month, k.end_date)) AS age_band,
         bool_or(h.plan_id IS NOT NULL) AS has_health_provision
  FROM cohort_plans k
  JOIN child_areas ca ON ca.child_id = k.child_id
  LEFT JOIN health h ON h.period = k.period AND h.plan_id = k.plan_id
  GROUP BY k.period, ca.area_code, k.child_id, k.sex, k.birth_month, k.end_date
)
SELECT area_code, period,
  {{breakdowns}},
  count(*) FILTER (has_health_provision)::INTEGER AS numerator,
  count(*)::DOUBLE AS denominator
FROM cohort
GROUP BY {{grouping_sets(area_code, period)}}
