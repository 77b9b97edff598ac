-- Provision lines on EHC plans active on each period's last day (the snapshot the provision
-- indicators take), counted once per load instead of once per indicator: the range join of
-- every line with every period is the costly part, and three indicators need it.
-- Per period, area group (sql/derived/indicator-facts.sql), category and commissioner, of the
-- lines specified by that day:
--   in_force            not ended by it (demand-capacity-ratio)
--   specified_12_weeks  specified at least 12 weeks (84 days) before it (provision-not-delivered)
--   not_started_12_weeks  those of them with no start_date on or before it
CREATE OR REPLACE TABLE provision_snapshot_counts AS
SELECT p.period, v.area_group, v.category, v.commissioner,
  count(*) FILTER (v.open_end > p.end_date) AS in_force,
  count(*) FILTER (v.specified_date <= p.end_date - INTERVAL 84 DAY) AS specified_12_weeks,
  count(*) FILTER (v.specified_date <= p.end_date - INTERVAL 84 DAY
                   AND (v.start_date IS NULL OR v.start_date > p.end_date)) AS not_started_12_weeks
FROM periods p
-- An open end date as a far-future one (open_end, plan_open_end): range tests, no OR.
JOIN provision_facts v ON v.plan_start_date <= p.end_date AND v.plan_open_end > p.end_date
  AND v.specified_date <= p.end_date
GROUP BY ALL;

-- The ages (on the period's last day) of the children with a line in force in each category,
-- per period and area group (local-offer-age-coverage).
CREATE OR REPLACE TABLE provision_need_ages AS
SELECT DISTINCT p.period, p.end_date, v.area_group, v.category, age_on(v.birth_month, p.end_date) AS age
FROM periods p
JOIN provision_facts v ON v.plan_start_date <= p.end_date AND v.plan_open_end > p.end_date
  AND v.specified_date <= p.end_date AND v.open_end > p.end_date;
