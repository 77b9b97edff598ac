-- pfa-employment: young people whose latest annual review held in the year records the
-- preparing-for-adulthood employment outcome (paid work, supported internship or
-- apprenticeship: pfa_employment true), as a share of young people aged 16-25 on the date
-- of that latest review. An outcome left blank counts as not recorded (in the denominator only).
WITH held AS (
  SELECT r.child_key, r.area_group, r.sex, r.birth_month, r.primary_need, r.held_date, r.held_order,
         coalesce(r.pfa_employment, false) AS employment,
         year(r.held_date) AS calendar_year, financial_year_of(r.held_date) AS financial_year
  FROM review_facts r
  WHERE r.held_date IS NOT NULL
),
-- The latest review per child in each calendar year and in each financial year (grouped on
-- integers); the periods are named after those years. The child's own facts (group, sex,
-- birth month) are the same on all its plans.
latest_by_year AS (
  SELECT year_period_names(calendar_year, NULL)[1] AS period_name, child_key, area_group, sex, birth_month,
         arg_max(primary_need, held_order) AS primary_need,
         arg_max(employment, held_order) AS employment,
         max(held_date) AS held_date
  FROM held
  GROUP BY calendar_year, child_key, area_group, sex, birth_month
  UNION ALL
  SELECT year_period_names(NULL, financial_year)[2], child_key, area_group, sex, birth_month,
         arg_max(primary_need, held_order),
         arg_max(employment, held_order),
         max(held_date)
  FROM held
  GROUP BY financial_year, child_key, area_group, sex, birth_month
),
latest AS (
  SELECT p.period, l.* EXCLUDE (period_name)
  FROM latest_by_year l JOIN periods p ON p.period = l.period_name
),
young_people AS (
  SELECT period, area_group, sex, age_band(age_on(birth_month, held_date)) AS age_band, primary_need,
         count(*) FILTER (employment) AS employed, count(*) AS young_people
  FROM latest
  WHERE age_on(birth_month, held_date) BETWEEN 16 AND 25
  GROUP BY ALL
)
SELECT area_code, period,
  {{breakdowns}},
  sum(employed)::INTEGER AS numerator,
  sum(young_people)::DOUBLE AS denominator
FROM young_people JOIN area_group_areas USING (area_group)
GROUP BY {{grouping_sets(area_code, period)}}
