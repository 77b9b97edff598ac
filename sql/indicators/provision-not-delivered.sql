-- provision-not-delivered: at 31 December, provision lines on EHC plans active that day
-- which were specified at least 12 weeks (84 days) before it, and the share of them with
-- no start_date on or before it (never started, or starting only later).
WITH lines AS (
  -- Counted at load per period and area group (sql/derived/provision-snapshots.sql).
  SELECT period, area_group, category::VARCHAR AS provision_category, commissioner,
         not_started_12_weeks AS not_started, specified_12_weeks AS lines
  FROM provision_snapshot_counts
  WHERE specified_12_weeks > 0
)
SELECT area_code, period,
  {{breakdowns}},
  sum(not_started)::INTEGER AS numerator,
  sum(lines)::DOUBLE AS denominator
FROM lines JOIN area_group_areas USING (area_group)
GROUP BY {{grouping_sets(area_code, period)}}
