-- provision-commissioning: undelivered provision and waits for the children of LA $la, by
-- provision category x commissioner (as written on the provision line, upper-cased; 'unknown'
-- when empty), with 'all' margins both ways (GROUP BY CUBE). Children are counted once per cell.
--   children_with_provision  children with a line in force on $end on a plan active that day
--                            (the same lines as provision-demand.sql)
--   children_waiting         ... of which a line not started by $end (no start_date, or later)
--   waiting_q1/median/q3     weeks from specified_date to $end over those unstarted lines
--   children_started         children with a line whose delivery started in $start..$end
--                            (whatever the plan's status now)
--   started_q1/median/q3     weeks from specified_date to start_date over those lines
-- Weeks = days / 7; quartiles quantile_cont (type 7).
WITH lines AS (
  SELECT e.child_id, v.category::VARCHAR AS category,
    coalesce(nullif(upper(trim(v.commissioner)), ''), 'unknown') AS commissioner,
    v.specified_date, v.start_date,
    e.start_date <= $end::DATE AND (e.end_date IS NULL OR e.end_date > $end::DATE)
      AND v.specified_date <= $end::DATE AND (v.end_date IS NULL OR v.end_date > $end::DATE) AS in_force
  FROM ehc_plans e
  JOIN ehc_provision v ON v.plan_id = e.plan_id
  JOIN children c ON c.child_id = e.child_id
  WHERE c.la_code = $la
),
facts AS (
  SELECT child_id, category, commissioner, in_force,
    in_force AND (start_date IS NULL OR start_date > $end::DATE) AS waiting,
    CASE WHEN in_force AND (start_date IS NULL OR start_date > $end::DATE)
         THEN date_diff('day', specified_date, $end::DATE) / 7.0 END AS waiting_weeks,
    coalesce(start_date BETWEEN $start::DATE AND $end::DATE, false) AS started,
    CASE WHEN start_date BETWEEN $start::DATE AND $end::DATE
         THEN date_diff('day', specified_date, start_date) / 7.0 END AS started_weeks
  FROM lines
  WHERE in_force OR start_date BETWEEN $start::DATE AND $end::DATE
)
SELECT
  CASE WHEN GROUPING(category) = 1 THEN 'all' ELSE category END AS category,
  CASE WHEN GROUPING(commissioner) = 1 THEN 'all' ELSE commissioner END AS commissioner,
  count(DISTINCT child_id) FILTER (in_force)::INTEGER AS children_with_provision,
  count(DISTINCT child_id) FILTER (waiting)::INTEGER AS children_waiting,
  quantile_cont(waiting_weeks, 0.25)::DOUBLE AS waiting_q1,
  quantile_cont(waiting_weeks, 0.5)::DOUBLE AS waiting_median,
  quantile_cont(waiting_weeks, 0.75)::DOUBLE AS waiting_q3,
  count(DISTINCT child_id) FILTER (started)::INTEGER AS children_started,
  quantile_cont(started_weeks, 0.25)::DOUBLE AS started_q1,
  quantile_cont(started_weeks, 0.5)::DOUBLE AS started_median,
  quantile_cont(started_weeks, 0.75)::DOUBLE AS started_q3
FROM facts
GROUP BY CUBE (category, commissioner)
ORDER BY ALL
