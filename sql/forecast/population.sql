-- Forecast inputs (ehc-plans-forecast): population by area, complete calendar year and single
-- year of age 0-25 (both sexes), from period_population: the latest ONS mid-year estimate not
-- after the year (or the earliest held), named by population_year.
SELECT pp.area_code, year(p.start_date)::INTEGER AS year, pp.population_year::INTEGER AS population_year,
  pp.age::INTEGER AS age, sum(pp.population)::DOUBLE AS population
FROM period_population pp
JOIN periods p ON p.period = pp.period
WHERE p.period_type = 'calendar-year' AND p.complete AND pp.age BETWEEN 0 AND 25
GROUP BY ALL
ORDER BY area_code, year, age
