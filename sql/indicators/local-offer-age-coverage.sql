-- local-offer-age-coverage: on 31 December, the (provision category, age band) cells in
-- which at least one child or young person with an active EHC plan has a provision line in
-- force in that category (age on 31 December), and the share of those cells that are
-- covered: the Local Offer lists an active service of that category open to the age of
-- every child needing it in the cell. Missing age_min / age_max are read as 0 / 25. Only
-- the area's own LA's services count (la_code: an extract of several LAs holds each LA's
-- Local Offer); for a locality only those based there or LA-wide (locality empty); for an
-- LA, any of its own.
-- Cells are counted, not children: this says where the directory has gaps, not how many
-- children fall into them.
-- Performance: needs are gathered per LA and locality before they meet the areas, open end
-- dates are far-future dates (so the joins are hash joins), and the Local Offer is turned
-- once per period into the set of (LA, category, age) it covers: any service of the LA (LA
-- rows), its LA-wide services, and services per locality (the service's
-- locality_code(la_code, locality), the same code as the area's).
-- The needs are gathered at load per period and area group (sql/derived/provision-snapshots.sql).
WITH plan_needs AS (
  SELECT n.period, n.end_date, g.la_code, g.locality, n.category, n.age
  FROM provision_need_ages n JOIN area_groups g USING (area_group)
),
need_areas AS (
  SELECT period, end_date, la_code, la_code AS area_code, category, age FROM plan_needs
  UNION ALL
  SELECT period, end_date, la_code, locality_code(la_code, locality), category, age FROM plan_needs WHERE locality IS NOT NULL
),
needs AS (
  SELECT DISTINCT n.period, n.end_date, n.la_code, n.area_code, a.area_type, n.category, n.age
  FROM need_areas n
  JOIN areas a ON a.area_code = n.area_code
),
offer AS (
  SELECT p.period, o.la_code, o.category, o.locality, unnest(range(coalesce(o.age_min, 0), coalesce(o.age_max, 25) + 1)) AS age
  FROM periods p
  JOIN local_offer_services o
    ON (o.active_from IS NULL OR o.active_from <= p.end_date) AND (o.active_to IS NULL OR o.active_to >= p.end_date)
),
covered_any AS (SELECT DISTINCT period, la_code, category, age FROM offer),
covered_la_wide AS (SELECT DISTINCT period, la_code, category, age FROM offer WHERE locality IS NULL),
covered_local AS (
  SELECT DISTINCT period, category, locality_code(la_code, locality) AS area_code, age FROM offer WHERE locality IS NOT NULL
),
ages AS (
  SELECT n.period, n.area_code, n.category, n.age,
    CASE WHEN n.area_type = 'la' THEN y.age IS NOT NULL
         ELSE w.age IS NOT NULL OR l.age IS NOT NULL END AS age_covered
  FROM needs n
  LEFT JOIN covered_any y ON y.period = n.period AND y.la_code = n.la_code AND y.category = n.category AND y.age = n.age
  LEFT JOIN covered_la_wide w ON w.period = n.period AND w.la_code = n.la_code AND w.category = n.category AND w.age = n.age
  LEFT JOIN covered_local l ON l.period = n.period AND l.area_code = n.area_code AND l.category = n.category AND l.age = n.age
),
cells AS (
  SELECT period, area_code, category::VARCHAR AS provision_category, age_band(age) AS age_band,
         bool_and(age_covered) AS covered
  FROM ages
  GROUP BY ALL
)
SELECT area_code, period,
  {{breakdowns}},
  count(*) FILTER (covered)::INTEGER AS numerator,
  count(*)::DOUBLE AS denominator
FROM cells
GROUP BY {{grouping_sets(area_code, period)}}
