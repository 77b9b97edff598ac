-- feedback-satisfaction: Local Offer feedback received in the year rated 4 or 5 (good, very
-- good), as a share of feedback with a rating (1-5).
-- The category is the feedback's own, else its service's.
-- Feedback is not about a child, so it has no child's area: an LA row takes the feedback on its
-- own Local Offer (la_code); a locality row takes only feedback on its LA's services based there (feedback on
-- LA-wide services or on the Local Offer in general appears in the LA row only).
WITH rated AS (
  SELECT p.period, f.la_code, coalesce(f.category, s.category)::VARCHAR AS provision_category, s.locality AS service_locality,
         f.rating >= 4 AS satisfied
  FROM local_offer_feedback f
  JOIN periods p ON f.received_date BETWEEN p.start_date AND p.end_date
  LEFT JOIN local_offer_services s ON s.service_id = f.service_id
  WHERE f.rating IS NOT NULL
),
placed AS (
  SELECT a.area_code, r.period, r.provision_category, r.satisfied
  FROM rated r
  JOIN areas a ON (a.area_type = 'la' AND a.area_code = r.la_code)
    OR (r.service_locality IS NOT NULL AND a.parent_code = r.la_code AND locality_code(a.parent_code, r.service_locality) = a.area_code)
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(provision_category) = 0 THEN 'provision_category' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(provision_category) = 0 THEN coalesce(provision_category, 'unknown') ELSE 'all' END AS breakdown_value,
    count(*) FILTER (satisfied)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM placed
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, provision_category))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
