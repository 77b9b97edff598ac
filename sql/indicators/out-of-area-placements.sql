-- out-of-area-placements: EHC plans active on 31 December whose setting is outside the
-- responsible LA (setting_in_area false), as a share of active plans whose setting_in_area
-- is recorded (plans with it unknown are left out of both).
-- Counts come from active_plan_counts (sql/derived), built at load: a breakdown value has a
-- row only when some of its plans have setting_in_area recorded.
SELECT area_code, period, breakdown, breakdown_value,
  out_of_area::INTEGER AS numerator,
  in_area_known::DOUBLE AS denominator
FROM active_plan_counts
WHERE in_area_known > 0
