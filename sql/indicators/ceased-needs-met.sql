-- ceased-needs-met: EHC plans that ceased in the year (end_date in the year) because the
-- child's or young person's needs were met (cease_reason NEEDS_MET), as a share of all plans
-- that ceased in the year, whatever the reason (recorded or not). Age is on the end date.
WITH ceased AS (
  SELECT p.period, ca.area_code, c.sex::VARCHAR AS sex,
         age_band(age_on(c.birth_month, e.end_date)) AS age_band,
         e.primary_need::VARCHAR AS primary_need,
         coalesce(e.cease_reason = 'NEEDS_MET', false) AS needs_met
  FROM ehc_plans e
  JOIN periods p ON e.end_date BETWEEN p.start_date AND p.end_date
  JOIN children c ON c.child_id = e.child_id
  JOIN child_areas ca ON ca.child_id = e.child_id
)
SELECT area_code, period,
  {{breakdowns}},
  count(*) FILTER (needs_met)::INTEGER AS numerator,
  count(*)::DOUBLE AS denominator
FROM ceased
GROUP BY {{grouping_sets(area_code, period)}}
