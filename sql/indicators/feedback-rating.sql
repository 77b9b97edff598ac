-- feedback-satisfaction and feedback-dissatisfaction: Local Offer feedback received in the
-- year with a rating from $lowest to $highest (4-5: good or very good; 1-2: very poor or poor),
-- as a share of feedback with a rating (1-5). The two definitions bind the bounds.
-- The category is the feedback's own, else its service's.
-- Feedback is not about a child, so it has no child's area: an LA row takes the feedback on
-- its own Local Offer (la_code: an extract of several LAs holds each LA's); a locality row
-- takes only feedback on its LA's services based in that locality (feedback on LA-wide
-- services or on the Local Offer in general appears in the LA row only).
-- Performance: counts are taken per LA and per locality code (the service's
-- locality_code(la_code, locality), the same code as the area's), then meet the areas in
-- hash joins on the code.
WITH rated AS (
  SELECT p.period, f.la_code, coalesce(f.category, s.category)::VARCHAR AS provision_category,
         locality_code(f.la_code, s.locality) AS locality_area, f.rating BETWEEN $lowest AND $highest AS in_range
  FROM local_offer_feedback f
  CROSS JOIN unnest(period_names(f.received_date)) AS k(period)
  JOIN periods p ON p.period = k.period AND f.received_date BETWEEN p.start_date AND p.end_date
  LEFT JOIN local_offer_services s ON s.service_id = f.service_id
  WHERE f.rating IS NOT NULL
),
-- Feedback of a locality's services (feedback la_code = service la_code, checked at load).
by_locality AS (
  SELECT period, provision_category, locality_area AS area_code,
         count(*) FILTER (in_range) AS numerator, count(*) AS denominator
  FROM rated
  WHERE locality_area IS NOT NULL
  GROUP BY ALL
),
placed_in_localities AS (
  SELECT a.area_code, b.period, b.provision_category, b.numerator, b.denominator
  FROM by_locality b
  JOIN areas a ON a.area_code = b.area_code AND a.area_type = 'locality'
),
la_counts AS (
  SELECT period, la_code,
    {{breakdowns}},
    count(*) FILTER (in_range)::INTEGER AS numerator,
    count(*)::DOUBLE AS denominator
  FROM rated
  GROUP BY {{grouping_sets(period, la_code)}}
),
counts AS (
  SELECT a.area_code, c.period, c.breakdown, c.breakdown_value, c.numerator, c.denominator
  FROM la_counts c JOIN areas a ON a.area_code = c.la_code AND a.area_type = 'la'
  UNION ALL
  SELECT area_code, period,
    {{breakdowns}},
    sum(numerator)::INTEGER AS numerator,
    sum(denominator)::DOUBLE AS denominator
  FROM placed_in_localities
  GROUP BY {{grouping_sets(area_code, period)}}
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
