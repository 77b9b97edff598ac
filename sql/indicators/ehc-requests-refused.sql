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
)
SELECT area_code, period,
  {{breakdowns}},
  sum(refused)::INTEGER AS numerator,
  sum(decisions)::DOUBLE AS denominator
FROM decided JOIN area_group_areas USING (area_group)
GROUP BY {{grouping_sets(area_code, period)}}
