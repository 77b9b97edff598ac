-- demand-capacity-ratio: on 31 December, provision lines in force on active EHC plans
-- (specified on or before the date and not ended by it, started or not) divided by the
-- places per year of Local Offer services active that day, by provision category.
-- 1 means as many lines as commissioned places; the engine computes numerator/denominator.
-- Each LA uses only its own Local Offer (la_code: an extract of several LAs holds each LA's).
-- LA rows use every service of the LA. Locality rows use the LA's services based in that
-- locality plus a share of its LA-wide services (locality empty) in proportion to the
-- locality's share of the LA's population aged 0-25; with no population for the locality that share, and so the
-- denominator, is unknown (NULL). Services with no places_per_year add nothing.
-- Performance: provision lines are counted per LA and locality before they meet the areas;
-- open end dates are far-future dates, so the joins are hash joins. Capacity is summed once
-- per period, LA and category and, for a locality, once per locality code (the service's
-- locality_code(la_code, locality), the same code as the area's): an LA-wide service adds
-- places x the locality's share, so their sum is taken first and multiplied once.
WITH group_demand AS (
  -- Counted at load per period and area group (sql/derived/provision-snapshots.sql).
  SELECT period, area_group, category::VARCHAR AS provision_category, sum(in_force) AS lines
  FROM provision_snapshot_counts
  WHERE in_force > 0
  GROUP BY ALL
),
demand AS (
  SELECT d.period, g.la_code, g.locality, d.provision_category, d.lines
  FROM group_demand d JOIN area_groups g USING (area_group)
),
demand_areas AS (
  SELECT period, la_code AS area_code, provision_category, lines FROM demand
  UNION ALL
  SELECT period, locality_code(la_code, locality), provision_category, lines FROM demand WHERE locality IS NOT NULL
),
lines AS (
  SELECT area_code, period,
    {{breakdowns}},
    sum(lines) AS lines
  FROM demand_areas
  GROUP BY {{grouping_sets(area_code, period)}}
),
population_totals AS (
  SELECT period, area_code, sum(population) AS population FROM period_population GROUP BY ALL
),
area_shares AS (
  SELECT a.area_code, a.area_type, coalesce(a.parent_code, a.area_code) AS la_code, p.period, p.end_date,
    CASE WHEN a.area_type = 'la' THEN 1.0 ELSE own.population / parent.population END AS la_wide_share
  FROM areas a CROSS JOIN periods p
  LEFT JOIN population_totals own ON own.area_code = a.area_code AND own.period = p.period
  LEFT JOIN population_totals parent ON parent.area_code = a.parent_code AND parent.period = p.period
),
active_services AS (
  SELECT p.period, o.la_code, o.category::VARCHAR AS provision_category, o.locality, o.places_per_year
  FROM periods p
  JOIN local_offer_services o
    ON (o.active_from IS NULL OR o.active_from <= p.end_date) AND (o.active_to IS NULL OR o.active_to >= p.end_date)
),
service_totals AS (
  SELECT period, la_code,
    {{breakdowns}},
    sum(places_per_year)::DOUBLE AS all_places,
    sum(places_per_year) FILTER (locality IS NULL)::DOUBLE AS la_wide_places,
    coalesce(bool_or(locality IS NULL AND places_per_year IS NOT NULL), false) AS la_wide_known
  FROM active_services
  GROUP BY {{grouping_sets(period, la_code)}}
),
local_totals AS (
  SELECT period,
    {{breakdowns}},
    area_code, sum(places_per_year)::DOUBLE AS places
  FROM (SELECT *, locality_code(la_code, locality) AS area_code FROM active_services WHERE locality IS NOT NULL)
  GROUP BY {{grouping_sets(period, area_code)}}
),
capacity AS (
  SELECT s.area_code, s.period, t.breakdown, t.breakdown_value,
    -- A known number of places that cannot be shared out makes the total unknown.
    CASE WHEN s.area_type = 'la' THEN coalesce(t.all_places, 0)
         WHEN s.la_wide_share IS NULL AND t.la_wide_known THEN NULL
         ELSE coalesce(t.la_wide_places * s.la_wide_share, 0) + coalesce(l.places, 0) END AS places,
    true AS listed
  FROM area_shares s
  JOIN service_totals t ON t.period = s.period AND t.la_code = s.la_code
  LEFT JOIN local_totals l ON l.period = s.period AND l.area_code = s.area_code
    AND l.breakdown = t.breakdown AND l.breakdown_value = t.breakdown_value
),
cells AS (
  SELECT area_code, period, breakdown, breakdown_value FROM lines
  UNION SELECT area_code, period, breakdown, breakdown_value FROM capacity
)
SELECT area_code, period, breakdown, breakdown_value,
  coalesce(l.lines, 0)::INTEGER AS numerator,
  -- No active service in the category: 0 places. Places that cannot be shared out: NULL.
  CASE WHEN c.listed THEN c.places ELSE 0 END::DOUBLE AS denominator
FROM cells
LEFT JOIN lines l USING (area_code, period, breakdown, breakdown_value)
LEFT JOIN capacity c USING (area_code, period, breakdown, breakdown_value)
