-- provision-not-delivered: at 31 December, provision lines on EHC plans active that day
-- which were specified at least 12 weeks (84 days) before it, and the share of them with
-- no start_date on or before it (never started, or starting only later).
WITH lines AS (
  -- Counted at load per period and area group (sql/derived/provision-snapshots.sql).
  SELECT period, area_group, category::VARCHAR AS provision_category, commissioner,
         not_started_12_weeks AS not_started, specified_12_weeks AS lines
  FROM provision_snapshot_counts
  WHERE specified_12_weeks > 0
),
counts AS (
  SELECT area_code, period,
    CASE WHEN GROUPING(provision_category) = 0 THEN 'provision_category'
         WHEN GROUPING(commissioner) = 0 THEN 'commissioner' ELSE 'all' END AS breakdown,
    CASE WHEN GROUPING(provision_category) = 0 THEN coalesce(provision_category, 'unknown')
         WHEN GROUPING(commissioner) = 0 THEN coalesce(commissioner, 'unknown') ELSE 'all' END AS breakdown_value,
    sum(not_started)::INTEGER AS numerator,
    sum(lines)::DOUBLE AS denominator
  FROM lines JOIN area_group_areas USING (area_group)
  GROUP BY GROUPING SETS ((area_code, period), (area_code, period, provision_category), (area_code, period, commissioner))
)
SELECT area_code, period, breakdown, breakdown_value, numerator, denominator FROM counts
UNION ALL
SELECT a.area_code, p.period, 'all', 'all', 0, 0::DOUBLE
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM counts c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')
