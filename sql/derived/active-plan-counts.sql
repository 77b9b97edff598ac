-- Active EHC plans on each period's last day (start_date on or before it, not ended by it),
-- counted per area (each LA and each locality, as child_areas) and period, in total and by
-- each single breakdown the plan-stock indicators use. Built once per load so that
-- ehc-plans-rate, ehc-plans-by-need, independent-special-placements, out-of-area-placements
-- and personal-budget-take-up read a few hundred thousand counts instead of joining every
-- plan to every period and area (5.7 million plan-periods, 11 million area rows nationally).
-- Plans are counted per area group (sql/derived/indicator-facts.sql) first; the areas come after that.
CREATE OR REPLACE TABLE active_plan_counts AS
WITH active AS (
  SELECT p.period, e.area_group, e.sex, age_band(age_on(e.birth_month, p.end_date)) AS age_band,
    e.primary_need, e.setting_type, e.setting_in_area, count(*) AS plans
  FROM periods p
  -- An open end date as a far-future one (open_end): a range join instead of comparing every pair.
  JOIN plan_facts e ON e.start_date <= p.end_date AND e.open_end > p.end_date
  GROUP BY ALL
),
by_area AS (
  SELECT g.area_code, a.* EXCLUDE (area_group) FROM active a JOIN area_group_areas g USING (area_group)
)
SELECT area_code, period,
  CASE WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band'
       WHEN GROUPING(primary_need) = 0 THEN 'primary_need' WHEN GROUPING(setting_type) = 0 THEN 'setting_type'
       ELSE 'all' END AS breakdown,
  CASE WHEN GROUPING(sex) = 0 THEN coalesce(sex::VARCHAR, 'unknown')
       WHEN GROUPING(age_band) = 0 THEN coalesce(age_band, 'unknown')
       WHEN GROUPING(primary_need) = 0 THEN coalesce(primary_need::VARCHAR, 'unknown')
       WHEN GROUPING(setting_type) = 0 THEN coalesce(setting_type::VARCHAR, 'unknown')
       ELSE 'all' END AS breakdown_value,
  sum(plans)::BIGINT AS plans,
  -- setting_type SPECIAL_INDEPENDENT or SPECIAL_NON_MAINTAINED
  coalesce(sum(plans) FILTER (setting_type IN ('SPECIAL_INDEPENDENT', 'SPECIAL_NON_MAINTAINED')), 0)::BIGINT AS independent_special,
  -- setting_in_area recorded, and false
  coalesce(sum(plans) FILTER (setting_in_area IS NOT NULL), 0)::BIGINT AS in_area_known,
  coalesce(sum(plans) FILTER (NOT setting_in_area), 0)::BIGINT AS out_of_area
FROM by_area
GROUP BY GROUPING SETS ((area_code, period), (area_code, period, sex), (area_code, period, age_band),
                        (area_code, period, primary_need), (area_code, period, setting_type));
