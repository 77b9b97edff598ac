-- Calendar-year periods covered by the extract. A snapshot indicator is taken at the
-- end of its period; `complete` is false for a year the extract only partly covers.
CREATE OR REPLACE TABLE periods AS
WITH bounds AS (
  SELECT
    coalesce(period_start, (SELECT min(received_date) FROM ehc_requests), extract_date) AS first_day,
    coalesce(period_end, extract_date) AS last_day
  FROM extract_info
)
SELECT
  CAST(y AS VARCHAR) AS period,
  'calendar-year' AS period_type,
  make_date(y::INTEGER, 1, 1) AS start_date,
  make_date(y::INTEGER, 12, 31) AS end_date,
  make_date(y::INTEGER, 12, 31) <= last_day AS complete
FROM bounds, range(year(first_day), year(last_day) + 1) AS t(y);

-- The population estimate used for each period: the latest mid-year not after the
-- period's year, or the earliest one held when none is that old.
CREATE OR REPLACE TABLE period_population AS
WITH years AS (SELECT DISTINCT year FROM population_areas),
chosen AS (
  SELECT p.period,
    coalesce(max(y.year) FILTER (y.year <= CAST(p.period AS INTEGER)), min(y.year)) AS population_year
  FROM periods p, years y
  GROUP BY p.period
)
SELECT c.period, c.population_year, pa.area_code, pa.age, pa.sex, pa.population
FROM chosen c JOIN population_areas pa ON pa.year = c.population_year;
