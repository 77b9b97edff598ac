-- Periods covered by the extract: calendar years ('2024') and financial years ('2024-25',
-- 1 April to 31 March). A snapshot indicator is taken at the end of its period; `complete`
-- is false for a period the extract only partly covers (at either end).
CREATE OR REPLACE TABLE periods AS
WITH bounds AS (
  SELECT
    coalesce(period_start, (SELECT min(received_date) FROM ehc_requests), extract_date) AS first_day,
    coalesce(period_end, extract_date) AS last_day
  FROM extract_info
),
calendar AS (
  SELECT CAST(y AS VARCHAR) AS period, 'calendar-year' AS period_type,
         make_date(y::INTEGER, 1, 1) AS start_date, make_date(y::INTEGER, 12, 31) AS end_date
  FROM bounds, range(year(first_day), year(last_day) + 1) AS t(y)
),
financial AS (
  SELECT y || '-' || lpad(CAST((y + 1) % 100 AS VARCHAR), 2, '0') AS period, 'financial-year' AS period_type,
         make_date(y::INTEGER, 4, 1) AS start_date, make_date(y::INTEGER + 1, 3, 31) AS end_date
  FROM bounds, range(year(first_day) - 1, year(last_day) + 1) AS t(y)
  WHERE make_date(y::INTEGER + 1, 3, 31) >= first_day AND make_date(y::INTEGER, 4, 1) <= last_day
)
SELECT p.*, p.start_date >= b.first_day AND p.end_date <= b.last_day AS complete
FROM (SELECT * FROM calendar UNION ALL SELECT * FROM financial) p, bounds b;

-- The population estimate used for each period: the latest mid-year not after the year the
-- period starts in (mid-2024 for both 2024 and 2024-25), or the earliest one held.
CREATE OR REPLACE TABLE period_population AS
WITH years AS (SELECT DISTINCT year FROM population_areas),
chosen AS (
  SELECT p.period,
    coalesce(max(y.year) FILTER (y.year <= year(p.start_date)), min(y.year)) AS population_year
  FROM periods p, years y
  GROUP BY p.period
)
SELECT c.period, c.population_year, pa.area_code, pa.age, pa.sex, pa.population
FROM chosen c JOIN population_areas pa ON pa.year = c.population_year;
