-- provision-demand: demand in active EHC plans on $end for the children of LA $la: children
-- with at least one provision line of the category in force that day (specified on or before
-- it, not ended by it, started or not) on a plan active that day. By provision category x
-- locality x age band (age on $end; 'unknown' outside 0-25), with the LA ($la) and 'all'
-- ages as margins. Children with no locality count in the LA rows only.
WITH lines AS (
  SELECT e.child_id, v.category::VARCHAR AS category,
    CASE WHEN c.locality IS NOT NULL THEN locality_code(c.la_code, c.locality) END AS locality_code,
    coalesce(age_band(age_on(c.birth_month, $end::DATE)), 'unknown') AS age_band
  FROM ehc_plans e
  JOIN ehc_provision v ON v.plan_id = e.plan_id
  JOIN children c ON c.child_id = e.child_id
  WHERE c.la_code = $la
    AND e.start_date <= $end::DATE AND (e.end_date IS NULL OR e.end_date > $end::DATE)
    AND v.specified_date <= $end::DATE AND (v.end_date IS NULL OR v.end_date > $end::DATE)
)
SELECT category,
  CASE WHEN GROUPING(locality_code) = 1 THEN $la ELSE locality_code END AS area_code,
  CASE WHEN GROUPING(age_band) = 1 THEN 'all' ELSE age_band END AS age_band,
  count(DISTINCT child_id)::INTEGER AS children
FROM lines
GROUP BY GROUPING SETS ((category, locality_code, age_band), (category, locality_code), (category, age_band), (category))
HAVING GROUPING(locality_code) = 1 OR locality_code IS NOT NULL
ORDER BY ALL
