-- Areas an indicator can be computed for: each responsible LA and each of its localities.
CREATE OR REPLACE TABLE areas AS
WITH las AS (
  SELECT DISTINCT la_code FROM children
  UNION
  SELECT la_code FROM extract_info WHERE la_code IS NOT NULL
)
SELECT las.la_code AS area_code, coalesce(n.la_name, las.la_code) AS area_name, 'la' AS area_type,
       NULL::VARCHAR AS parent_code
FROM las LEFT JOIN reference_la_names n USING (la_code)
UNION ALL
SELECT DISTINCT locality_code(la_code, locality), trim(locality), 'locality', la_code
FROM children WHERE locality IS NOT NULL;

-- Every child counts in its LA and in its locality.
CREATE OR REPLACE TABLE child_areas AS
SELECT child_id, la_code AS area_code FROM children
UNION ALL
SELECT child_id, locality_code(la_code, locality) FROM children WHERE locality IS NOT NULL;

-- Population by area: an LA uses its own rows (no locality) when it has them for that
-- year, otherwise the sum of its locality rows; localities use their own rows.
CREATE OR REPLACE TABLE population_areas AS
WITH la_has_own AS (
  SELECT la_code, year, bool_or(locality IS NULL) AS has_own FROM population GROUP BY ALL
)
SELECT p.la_code AS area_code, p.year, p.age, p.sex::VARCHAR AS sex, sum(p.population)::DOUBLE AS population
FROM population p JOIN la_has_own h USING (la_code, year)
WHERE (p.locality IS NULL) = h.has_own
GROUP BY ALL
UNION ALL
SELECT locality_code(la_code, locality), year, age, sex::VARCHAR, sum(population)::DOUBLE
FROM population WHERE locality IS NOT NULL
GROUP BY ALL;
