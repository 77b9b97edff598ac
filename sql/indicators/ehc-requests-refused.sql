-- ehc-requests-refused: requests refused an EHC needs assessment, as a share of requests
-- with an assessment decision (AGREED or REFUSED) dated in the year. Withdrawn and pending
-- requests are not decisions. Age is the child's age when the request was received.
WITH decided_by_year AS (
  SELECT year(r.assessment_decision_date) AS calendar_year, financial_year_of(r.assessment_decision_date) AS financial_year,
         r.area_group, r.sex, r.ethnic_group,
         age_band(age_on(r.birth_month, r.received_date)) AS age_band,
         count(*) FILTER (r.assessment_decision = 'REFUSED') AS refused, count(*) AS decisions
  FROM request_facts r
  WHERE r.assessment_decision IN ('AGREED', 'REFUSED')
  GROUP BY ALL
),
-- Counted by calendar and financial year first; the periods (named after their years) after that.
decided AS (
  SELECT p.period, c.* EXCLUDE (calendar_year, financial_year)
  FROM decided_by_year c
  CROSS JOIN unnest(year_period_names(c.calendar_year, c.financial_year)) AS k(period)
  JOIN periods p ON p.period = k.period
),
counts AS (
  SELECT g.area_code, period,
    CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band'
         WHEN GROUPING(ethnic_group) = 0 THEN 'ethnic_group' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex, 'unknown')
         WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown')
         WHEN GROUPING(ethnic_group) = 0 THEN coalesce(ethnic_group, 'unknown') ELSE 'all' END AS breakdown_value,
    sum(refused)::INTEGER AS numerator,
    sum(decisions)::DOUBLE AS denominator
  FROM decided JOIN area_group_areas g USING (area_group)
  GROUP BY GROUPING SETS ((g.area_code, period), (g.area_code, period, sex), (g.area_code, period, age_band),
                          (g.area_code, period, ethnic_group))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
-- An area and year with no decisions still gets its total row: 0 of 0.
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
