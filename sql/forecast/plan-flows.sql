-- Forecast inputs (ehc-plans-forecast): for every area, complete calendar year and single
-- year of age 0-25 (age on 31 December of the year) and primary need,
--   at_start: plans active on 31 December of the previous year (their holders are that age
--             at the end of this year: the cohort, aged on by a year),
--   joined:   plans that started in the year,
--   ceased:   plans that ceased in the year (including plans that started in it),
--   at_end:   plans active on 31 December (= at_start + joined - ceased).
-- "Active on a day" is as in ehc-plans-rate: started on or before it and not ended by it.
-- Only cells with a plan are returned.
WITH years AS (
  SELECT year(start_date)::INTEGER AS year, start_date, end_date
  FROM periods
  WHERE period_type = 'calendar-year' AND complete
),
plans AS (
  SELECT ca.area_code, e.start_date, e.end_date, e.primary_need::VARCHAR AS need, c.birth_month
  FROM ehc_plans e
  JOIN children c ON c.child_id = e.child_id
  JOIN child_areas ca ON ca.child_id = e.child_id
),
spells AS (
  SELECT p.area_code, y.year, age_on(p.birth_month, y.end_date) AS age, p.need,
    p.start_date < y.start_date AS at_start,
    p.start_date >= y.start_date AS joined,
    p.end_date IS NOT NULL AND p.end_date <= y.end_date AS ceased
  FROM plans p
  JOIN years y ON p.start_date <= y.end_date AND (p.end_date IS NULL OR p.end_date >= y.start_date)
)
SELECT area_code, year, age::INTEGER AS age, need,
  count(*) FILTER (at_start)::INTEGER AS at_start,
  count(*) FILTER (joined)::INTEGER AS joined,
  count(*) FILTER (ceased)::INTEGER AS ceased,
  count(*) FILTER (NOT ceased)::INTEGER AS at_end
FROM spells
WHERE age BETWEEN 0 AND 25
GROUP BY ALL
ORDER BY area_code, year, age, need
