-- provision-capacity: Local Offer capacity on $end against the demand grid of LA $la.
-- Only LA $la's own services (la_code: an extract of several LAs holds each LA's Local Offer),
-- active that day (active_from on or before it or empty, active_to on or after it or
-- empty); age_min / age_max empty = 0 / 25. Each service's places_per_year are shared out over
-- the population it can serve (ages age_min..age_max, in its locality, or in every locality
-- when it is LA-wide) in proportion to that population, by locality and single year of age,
-- using the population estimate of period $period (period_population). Locality population
-- rows are used when the LA has any; otherwise the LA's own rows, and then capacity has no
-- locality split. The capacity of a cell is the sum of those shares, so capacity depends on
-- the directory and the population only, never on the children counted in the cell.
-- Two kinds of row (UNION ALL BY NAME):
--   kind 'cell':    category, area_code ($la or a locality), age_band ('all' = margin), capacity
--   kind 'service': one row per active service: category, service_id, age_min, age_max,
--                   locality_code, commissioner, places, apportioned (its reach has population)
--   kind 'population': one row: by_locality (locality population used), any_population
WITH services AS (
  SELECT service_id, category::VARCHAR AS category, commissioner,
    coalesce(age_min, 0) AS age_min, coalesce(age_max, 25) AS age_max,
    CASE WHEN locality IS NOT NULL THEN locality_code($la, locality) END AS locality_code,
    places_per_year AS places
  FROM local_offer_services
  WHERE la_code = $la AND (active_from IS NULL OR active_from <= $end::DATE) AND (active_to IS NULL OR active_to >= $end::DATE)
),
locality_population AS (
  SELECT area_code AS locality_code, age, sum(population) AS population
  FROM period_population
  WHERE period = $period AND starts_with(area_code, $la || ':')
  GROUP BY ALL
),
population AS (
  SELECT locality_code, age, population FROM locality_population
  UNION ALL
  SELECT NULL::VARCHAR, age, sum(population) FROM period_population
  WHERE period = $period AND area_code = $la AND NOT EXISTS (SELECT 1 FROM locality_population)
  GROUP BY ALL
),
reach AS (
  SELECT s.service_id, s.category, s.places, p.locality_code, age_band(p.age) AS age_band, p.population
  FROM services s
  JOIN population p ON p.age BETWEEN s.age_min AND s.age_max
    AND (s.locality_code IS NULL OR p.locality_code IS NULL OR p.locality_code = s.locality_code)
),
shares AS (
  SELECT service_id, category, places, locality_code, age_band,
    sum(population) / nullif(sum(sum(population)) OVER (PARTITION BY service_id), 0) AS share
  FROM reach
  GROUP BY service_id, category, places, locality_code, age_band
),
cells AS (
  SELECT 'cell' AS kind, category,
    CASE WHEN GROUPING(locality_code) = 1 THEN $la ELSE locality_code END AS area_code,
    CASE WHEN GROUPING(age_band) = 1 THEN 'all' ELSE age_band END AS age_band,
    -- Summed as DECIMAL: a parallel DOUBLE sum depends on the order of the rows, and so would the last digits.
    sum((places * share)::DECIMAL(38, 10))::DOUBLE AS capacity
  FROM shares
  WHERE share IS NOT NULL AND places IS NOT NULL
  GROUP BY GROUPING SETS ((category, locality_code, age_band), (category, locality_code), (category, age_band), (category))
  HAVING GROUPING(locality_code) = 1 OR locality_code IS NOT NULL
),
listed AS (
  SELECT 'service' AS kind, s.category, s.service_id, s.age_min, s.age_max, s.locality_code, s.commissioner,
    s.places::DOUBLE AS places,
    EXISTS (SELECT 1 FROM shares x WHERE x.service_id = s.service_id AND x.share IS NOT NULL) AS apportioned
  FROM services s
)
SELECT * FROM cells
UNION ALL BY NAME
SELECT * FROM listed
UNION ALL BY NAME
SELECT 'population' AS kind,
  EXISTS (SELECT 1 FROM locality_population) AS by_locality,
  EXISTS (SELECT 1 FROM population) AS any_population
ORDER BY ALL
