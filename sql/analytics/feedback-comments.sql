-- feedback-comments: Local Offer feedback with a comment, one row per comment and each
-- area and period it counts in, for the themes analysis (server/analytics/feedback-themes.ts).
-- Areas as in the feedback-satisfaction indicator: feedback is not about a child, so an LA
-- takes all of it and a locality takes feedback on services based there. The category is
-- the feedback's own, else its service's.
-- `quotable`: the comment no longer looks as if it holds an identifier (identifier_kind, the
-- check ingest redacts with) and has nothing redacted in it. Comments are redacted at ingest;
-- this re-check guards the quotes, which are shown word for word.
SELECT f.feedback_id, p.period, a.area_code, f.comment,
       f.rating::INTEGER AS rating,
       f.response::VARCHAR AS response,
       coalesce(f.category, s.category)::VARCHAR AS provision_category,
       identifier_kind(f.comment) IS NULL AND NOT contains(f.comment, $redaction_marker) AS quotable
FROM local_offer_feedback f
JOIN periods p ON f.received_date BETWEEN p.start_date AND p.end_date
LEFT JOIN local_offer_services s ON s.service_id = f.service_id
JOIN areas a ON a.area_type = 'la'
  OR (s.locality IS NOT NULL AND a.parent_code IS NOT NULL AND locality_code(a.parent_code, s.locality) = a.area_code)
WHERE nullif(trim(f.comment), '') IS NOT NULL
ORDER BY f.feedback_id, p.period, a.area_code
