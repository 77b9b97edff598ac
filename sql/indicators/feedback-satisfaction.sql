-- feedback-satisfaction: Local Offer feedback received in the year rated 4 or 5 (good, very
-- good), as a share of feedback with a rating (1-5).
-- The category is the feedback's own, else its service's.
-- Feedback is not about a child, so it has no child's area: LA rows take all of it;
-- a locality row takes only feedback on services based in that locality (feedback on
-- LA-wide services or on the Local Offer in general appears in the LA row only).
-- Performance: LA rows are the same counts for every LA, so they are counted once and copied
-- to each LA; locality rows are counted per locality name, then matched to locality codes
-- (a hash join on the name's slug, instead of testing every feedback row against every area).
WITH rated AS (
  SELECT p.period, coalesce(f.category, s.category)::VARCHAR AS provision_category, s.locality AS service_locality,
         f.rating >= 4 AS satisfied
  FROM local_offer_feedback f
  JOIN periods p ON f.received_date BETWEEN p.start_date AND p.end_date
  LEFT JOIN local_offer_services s ON s.service_id = f.service_id
  WHERE f.rating IS NOT NULL
),
-- Feedback counted per locality name first; locality_code(parent, name) is parent || ':' ||
-- slug(name), so a locality area matches a name when the rest of its code is ':' || slug(name).
by_locality AS (
  SELECT period, provision_category, locality_code('', service_locality) AS slug,
         count(*) FILTER (satisfied) AS numerator, count(*) AS denominator
  FROM rated
  WHERE service_locality IS NOT NULL
  GROUP BY ALL
),
placed_in_localities AS (
  SELECT a.area_code, b.period, b.provision_category, b.numerator, b.denominator
  FROM by_locality b
  JOIN areas a ON a.area_type = 'locality' AND b.slug = substr(a.area_code, length(a.parent_code) + 1)
),
la_counts AS (
  SELECT period,
    CASE WHEN GROUPING(provision_category) = 0 THEN 'provision_category' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(provision_category) = 0 THEN coalesce(provision_category, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (satisfied)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM rated
  GROUP BY GROUPING SETS ((period), (period, provision_category))
),
counts AS (
  SELECT a.area_code, c.period, c.breakdown, c.breakdown_value, c.numerator, c.denominator
  FROM la_counts c CROSS JOIN areas a
  WHERE a.area_type = 'la'
  UNION ALL
  SELECT area_code, period,
    CASE WHEN GROUPING(provision_category) = 0 THEN 'provision_category' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(provision_category) = 0 THEN coalesce(provision_category, 'unknown') ELSE 'all' END AS breakdown_value,
    sum(numerator)::INTEGER AS numerator,
    sum(denominator)::DOUBLE AS denominator
  FROM placed_in_localities
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, provision_category))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
