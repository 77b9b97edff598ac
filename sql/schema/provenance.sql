-- Provenance of every load and the rows it rejected. These tables survive loads:
-- a new load appends to them; the extract tables are replaced.
CREATE SEQUENCE IF NOT EXISTS load_run_ids START 1;

CREATE TABLE IF NOT EXISTS load_runs (
  run_id INTEGER PRIMARY KEY,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  status VARCHAR NOT NULL,          -- running | committed | failed | interrupted
  source VARCHAR NOT NULL,          -- the extract folder as given
  la_code VARCHAR,
  extract_date DATE,
  period_start DATE,
  period_end DATE,
  synthetic BOOLEAN NOT NULL DEFAULT false,
  manifest JSON,
  message VARCHAR,
  rows_read INTEGER,
  rows_loaded INTEGER,
  rows_rejected INTEGER
);

CREATE TABLE IF NOT EXISTS load_files (
  run_id INTEGER NOT NULL,
  table_name VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  format VARCHAR NOT NULL,          -- csv | parquet
  bytes BIGINT NOT NULL,
  sha256 VARCHAR NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_loaded INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  redactions INTEGER NOT NULL,
  ignored_columns VARCHAR[] NOT NULL,
  PRIMARY KEY (run_id, table_name)
);

-- One row per problem found; a rejected row may have several.
CREATE TABLE IF NOT EXISTS quarantine (
  run_id INTEGER NOT NULL,
  file_name VARCHAR NOT NULL,
  line_number INTEGER,              -- physical line in a CSV (header = 1); row number + 1 in Parquet
  column_name VARCHAR,
  value VARCHAR,                    -- identifier-like values are never stored: '[withheld]'
  reason VARCHAR NOT NULL
);
