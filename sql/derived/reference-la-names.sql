-- LA names from the shipped ONS reference file, so areas carry names.
CREATE OR REPLACE TABLE reference_la_names AS
SELECT DISTINCT la_code, la_name FROM read_csv($reference_file, header = true, all_varchar = true);
