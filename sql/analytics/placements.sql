-- placements: EHC plans active on $end of the children of LA $la, by setting type x primary
-- need ('unknown' when no setting is recorded), with 'all' margins both ways (GROUP BY CUBE):
--   out_of_area   setting outside the LA (setting_in_area false), as in the out-of-area-placements
--                 indicator (plans with setting_in_area unknown are not counted)
--   independent   setting SPECIAL_INDEPENDENT or SPECIAL_NON_MAINTAINED (independent or
--                 non-maintained special schools), as in the independent-special-placements indicator
--   active_plans  all active plans (the total, for context)
-- Plans are counted, as in those indicators (a child has one active plan).
WITH active AS (
  SELECT coalesce(e.setting_type::VARCHAR, 'unknown') AS setting_type, e.primary_need::VARCHAR AS primary_need,
    coalesce(NOT e.setting_in_area, false) AS out_of_area,
    coalesce(e.setting_type IN ('SPECIAL_INDEPENDENT', 'SPECIAL_NON_MAINTAINED'), false) AS independent
  FROM ehc_plans e
  JOIN children c ON c.child_id = e.child_id
  WHERE c.la_code = $la AND e.start_date <= $end::DATE AND (e.end_date IS NULL OR e.end_date > $end::DATE)
)
SELECT
  CASE WHEN GROUPING(setting_type) = 1 THEN 'all' ELSE setting_type END AS setting_type,
  CASE WHEN GROUPING(primary_need) = 1 THEN 'all' ELSE primary_need END AS primary_need,
  count(*) FILTER (out_of_area)::INTEGER AS out_of_area,
  count(*) FILTER (independent)::INTEGER AS independent,
  count(*)::INTEGER AS active_plans
FROM active
GROUP BY CUBE (setting_type, primary_need)
ORDER BY ALL
