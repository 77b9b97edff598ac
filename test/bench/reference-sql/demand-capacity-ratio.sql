-- demand-capacity-ratio: on 31 December, provision lines in force on active EHC plans
-- (specified on or before the date and not ended by it, started or not) divided by the
-- places per year of Local Offer services active that day, by provision category.
-- 1 means as many lines as commissioned places; the engine computes numerator/denominator.
-- Each area uses only its LA's own services (la_code). LA rows use every service of the LA.
-- Locality rows use the LA's services based in that locality plus a share of its LA-wide services (locality empty) in proportion to the locality's share of
-- the LA's population aged 0-25; with no population for the locality that share, and so the
-- denominator, is unknown (NULL). Services with no places_per_year add nothing.
WITH demand AS (
  SELECT p.period, ca.area_code, v.category::VARCHAR AS provision_category
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN ehc_provision v ON v.plan_id = e.plan_id
    AND v.specified_date <= p.end_date AND (v.end_date IS NULL OR v.end_date > p.end_date)
  JOIN child_areas ca ON ca.child_id = e.child_id
),
lines AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(provision_category) = 0 THEN 'provision_category' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(provision_category) = 0 THEN provision_category ELSE 'all' END AS breakdown_value,
    count(*) AS lines
  FROM demand
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, provision_category))
),
population_totals AS (
  SELECT period, area_code, sum(population) AS population FROM period_population GROUP BY ALL
),
area_shares AS (
  SELECT a.area_code, a.area_type, a.parent_code, p.period, p.end_date,
    CASE WHEN a.area_type = 'la' THEN 1.0 ELSE own.population / parent.population END AS la_wide_share
  FROM areas a CROSS JOIN periods p
  LEFT JOIN population_totals own ON own.area_code = a.area_code AND own.period = p.period
  LEFT JOIN population_totals parent ON parent.area_code = a.parent_code AND parent.period = p.period
),
service_places AS (
  SELECT s.area_code, s.period, o.category::VARCHAR AS provision_category,
    CASE WHEN s.area_type = 'la' THEN o.places_per_year
         WHEN o.locality IS NULL THEN o.places_per_year * s.la_wide_share
         WHEN locality_code(s.parent_code, o.locality) = s.area_code THEN o.places_per_year
         ELSE 0 END AS places,
    o.places_per_year IS NOT NULL AS places_known
  FROM area_shares s
  JOIN local_offer_services o
    ON o.la_code = coalesce(s.parent_code, s.area_code)
    AND (o.active_from IS NULL OR o.active_from <= s.end_date) AND (o.active_to IS NULL OR o.active_to >= s.end_date)
),
capacity AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(provision_category) = 0 THEN 'provision_category' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(provision_category) = 0 THEN provision_category ELSE 'all' END AS breakdown_value,
    -- A known number of places that cannot be shared out makes the total unknown.
    CASE WHEN bool_or(places_known AND places IS NULL) THEN NULL ELSE coalesce(sum(places), 0) END AS places,
    true AS listed
  FROM service_places
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, provision_category))
),
cells AS (
  SELECT a.area_code, p.period, 'all' AS breakdown, 'all' AS breakdown_value FROM areas a CROSS JOIN periods p
  UNION SELECT area_code, period, breakdown, breakdown_value FROM lines
  UNION SELECT area_code, period, breakdown, breakdown_value FROM capacity
)
SELECT area_code, period, breakdown, breakdown_value,
  coalesce(l.lines, 0)::INTEGER AS numerator,
  -- No active service in the category: 0 places. Places that cannot be shared out: NULL.
  CASE WHEN c.listed THEN c.places ELSE 0 END::DOUBLE AS denominator
FROM cells
LEFT JOIN lines l USING (area_code, period, breakdown, breakdown_value)
LEFT JOIN capacity c USING (area_code, period, breakdown, breakdown_value)
