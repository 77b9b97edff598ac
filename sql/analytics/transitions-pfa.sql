-- transitions-pfa: young people aged $min_age to $max_age on the last day of each period with
-- an EHC plan active that day, by single year of age, and the preparing-for-adulthood outcomes
-- recorded at their latest annual review of an active plan held on or before that day. Young
-- people with no such review count in `young_people` only; a blank outcome counts as not
-- recorded. Age from the birth month (age_on); areas from the child. One period ($period) at a time.
WITH active AS (
  SELECT p.period, p.end_date AS day, e.child_id, e.plan_id
  FROM periods p
  JOIN ehc_plans e ON e.start_date <= p.end_date AND (e.end_date IS NULL OR e.end_date > p.end_date)
  WHERE p.period = $period
),
people AS (
  SELECT a.period, a.child_id, age_on(c.birth_month, a.day) AS age
  FROM (SELECT DISTINCT period, day, child_id FROM active) a
  JOIN children c ON c.child_id = a.child_id
  WHERE age_on(c.birth_month, a.day) BETWEEN $min_age AND $max_age
),
latest AS (
  SELECT a.period, a.child_id,
    arg_max(coalesce(r.pfa_employment, false), (r.held_date, r.review_id)) AS employment,
    arg_max(coalesce(r.pfa_independent_living, false), (r.held_date, r.review_id)) AS independent_living,
    arg_max(coalesce(r.pfa_community, false), (r.held_date, r.review_id)) AS community,
    arg_max(coalesce(r.pfa_health, false), (r.held_date, r.review_id)) AS health
  FROM active a
  JOIN annual_reviews r ON r.plan_id = a.plan_id AND r.held_date <= a.day
  GROUP BY a.period, a.child_id
)
SELECT ca.area_code, p.period, p.age::INTEGER AS age, age_band(p.age) AS age_band,
  count(*)::INTEGER AS young_people,
  count(l.child_id)::INTEGER AS reviewed,
  count(*) FILTER (l.employment)::INTEGER AS employment,
  count(*) FILTER (l.independent_living)::INTEGER AS independent_living,
  count(*) FILTER (l.community)::INTEGER AS community,
  count(*) FILTER (l.health)::INTEGER AS health
FROM people p
LEFT JOIN latest l ON l.period = p.period AND l.child_id = p.child_id
JOIN analytics_child_areas ca ON ca.child_id = p.child_id
GROUP BY ca.area_code, p.period, p.age
ORDER BY ca.area_code, p.period, p.age
