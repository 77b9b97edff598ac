-- feedback-comments: Local Offer feedback with a comment, one row per comment and each
-- area and period it counts in, for the themes analysis (server/analytics/feedback-themes.ts).
-- Areas as in the feedback-satisfaction indicator: feedback is not about a child, so an LA
-- takes the feedback on its own Local Offer (la_code) and a locality takes feedback on its
-- LA's services based there (the service's locality_code(la_code, locality), the area's
-- code: hash joins). The category is the feedback's own, else its service's.
-- Comments are redacted at ingest; which may be quoted word for word is decided in
-- feedback-themes.ts by the identifier detector (server/identifiers).
WITH commented AS (
  SELECT f.feedback_id, p.period, f.la_code, f.comment, f.rating, f.response,
         coalesce(f.category, s.category) AS provision_category, s.locality AS service_locality
  FROM local_offer_feedback f
  JOIN periods p ON f.received_date BETWEEN p.start_date AND p.end_date
  LEFT JOIN local_offer_services s ON s.service_id = f.service_id
  WHERE nullif(trim(f.comment), '') IS NOT NULL
),
placed_areas AS (
  SELECT *, la_code AS area_code FROM commented
  UNION ALL BY NAME
  SELECT *, locality_code(la_code, service_locality) AS area_code FROM commented WHERE service_locality IS NOT NULL
  UNION ALL BY NAME
  -- England, a region or an ICB takes the feedback of each of its LAs (sql/derived/analytics-areas.sql).
  SELECT c.*, g.area_code FROM commented c JOIN area_aggregates g ON g.la_code = c.la_code WHERE g.las_in_extract >= 2
)
SELECT f.feedback_id, f.period, a.area_code, f.comment,
       f.rating::INTEGER AS rating,
       f.response::VARCHAR AS response,
       f.provision_category::VARCHAR AS provision_category
FROM placed_areas f
JOIN analytics_areas a ON a.area_code = f.area_code
ORDER BY f.feedback_id, f.period, a.area_code
