-- independent-special-placements: EHC plans active on 31 December with setting type
-- SPECIAL_INDEPENDENT or SPECIAL_NON_MAINTAINED, as a share of all active plans (plans with
-- no setting recorded stay in the denominator, as in the DfE measure).
-- Counts come from active_plan_counts (sql/derived), built at load.
SELECT area_code, period, breakdown, breakdown_value,
  independent_special::INTEGER AS numerator,
  plans::DOUBLE AS denominator
FROM active_plan_counts
WHERE breakdown IN ('all', 'primary_need', 'sex', 'age_band')
