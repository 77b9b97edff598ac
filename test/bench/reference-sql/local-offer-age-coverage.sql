-- local-offer-age-coverage: on 31 December, the (provision category, age band) cells in
-- which at least one child or young person with an active EHC plan has a provision line in
-- force in that category (age on 31 December), and the share of those cells that are
-- covered: the Local Offer lists an active service of that category open to the age of
-- every child needing it in the cell. Missing age_min / age_max are read as 0 / 25. Only the
-- area's LA's own services (la_code) count; for a locality only those based there or LA-wide
-- (locality empty); for an LA, any of its own.
-- Cells are counted, not children: this says where the directory has gaps, not how many
-- children fall into them.
WITH needs AS (
  SELECT DISTINCT p.period, p.end_date, ca.area_code, a.area_type, a.parent_code,
         v.category AS category, age_on(c.birth_month, p.end_date) AS age
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  JOIN ehc_provision v ON v.plan_id = e.plan_id
    AND v.specified_date <= p.end_date AND (v.end_date IS NULL OR v.end_date > p.end_date)
  JOIN children c ON c.child_id = e.child_id
  JOIN child_areas ca ON ca.child_id = e.child_id
  JOIN areas a ON a.area_code = ca.area_code
),
ages AS (
  SELECT n.period, n.area_code, n.category, n.age,
    EXISTS (
      SELECT 1 FROM local_offer_services o
      WHERE o.category = n.category AND o.la_code = coalesce(n.parent_code, n.area_code)
        AND (o.active_from IS NULL OR o.active_from <= n.end_date)
        AND (o.active_to IS NULL OR o.active_to >= n.end_date)
        AND n.age BETWEEN coalesce(o.age_min, 0) AND coalesce(o.age_max, 25)
        AND (n.area_type = 'la' OR o.locality IS NULL OR locality_code(n.parent_code, o.locality) = n.area_code)
    ) AS age_covered
  FROM needs n
),
cells AS (
  SELECT period, area_code, category::VARCHAR AS provision_category, age_band(age) AS age_band,
         bool_and(age_covered) AS covered
  FROM ages
  GROUP BY ALL
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(provision_category) = 0 THEN 'provision_category'
         WHEN GROUPING(age_band) = 0 THEN 'age_band' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(provision_category) = 0 THEN coalesce(provision_category, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (covered)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM cells
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, provision_category), (area_code, period, age_band))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
