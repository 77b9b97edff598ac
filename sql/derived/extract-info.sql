-- One row describing the loaded extract; parameters are bound by the loader.
CREATE OR REPLACE TABLE extract_info AS
SELECT
  $run_id::INTEGER AS run_id,
  $la_code::VARCHAR AS la_code,
  $extract_date::DATE AS extract_date,
  $period_start::DATE AS period_start,
  $period_end::DATE AS period_end,
  $synthetic::BOOLEAN AS synthetic;
