-- Macros shared by ingest validation and indicator SQL. Created with every load.

-- NHS number modulus-11 check on a 10-digit string.
CREATE OR REPLACE MACRO nhs_checksum_ok(d) AS (
  length(d) = 10
  AND (11 - (list_sum(list_transform(range(1, 10), i -> (ascii(d[i]) - 48) * (11 - i))) % 11)) % 11
      = ascii(d[10]) - 48
);

-- What kind of direct identifier a text looks like, or NULL. Cheap pre-filter first:
-- every pattern needs a digit or an @, so most cells skip the regular expressions.
CREATE OR REPLACE MACRO identifier_kind(s) AS CASE
  WHEN s IS NULL OR NOT regexp_matches(s, '[0-9@]') THEN NULL
  WHEN regexp_matches(s, '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+') THEN 'email address'
  WHEN list_bool_or(list_transform(
         regexp_extract_all(s, '(?:^|[^0-9])([0-9]{3} ?[0-9]{3} ?[0-9]{4})(?:[^0-9]|$)', 1),
         c -> nhs_checksum_ok(replace(c, ' ', '')))) THEN 'NHS number'
  WHEN regexp_matches(s, '(?:^|[^A-Za-z0-9])[A-Za-z][0-9]{12}(?:[^0-9]|$)') THEN 'UPN'
  WHEN regexp_matches(upper(s), '(?:^|[^A-Z0-9])(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})(?:[^A-Z0-9]|$)') THEN 'postcode'
  WHEN regexp_matches(s, '(?:^|[^0-9+])(\+44 ?(\(0\))? ?|0)([0-9][ -]?){9,10}(?:[^0-9]|$)') THEN 'phone number'
  ELSE NULL
END;

-- Replaces every identifier-like run in free text by [redacted].
CREATE OR REPLACE MACRO redact_identifiers(s) AS
  regexp_replace(
    regexp_replace(
      regexp_replace(
        regexp_replace(
          regexp_replace(s, '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+', '[redacted]', 'g'),
        '(\+44 ?(\(0\))? ?|\b0)([0-9][ -]?){9,10}\b', '[redacted]', 'g'),
      '\b[0-9]{3} ?[0-9]{3} ?[0-9]{4}\b', '[redacted]', 'g'),
    '\b[A-Za-z][0-9]{12}\b', '[redacted]', 'g'),
  '\b([A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2})\b', '[redacted]', 'g');

-- Age in completed years on date d for someone born in the month starting bm
-- (day of birth is not held: the first of the month is assumed).
CREATE OR REPLACE MACRO age_on(bm, d) AS date_sub('year', bm, d);

-- DfE age bands for 0-25.
CREATE OR REPLACE MACRO age_band(age) AS CASE
  WHEN age < 0 THEN NULL
  WHEN age <= 4 THEN '0-4'
  WHEN age <= 10 THEN '5-10'
  WHEN age <= 15 THEN '11-15'
  WHEN age <= 19 THEN '16-19'
  WHEN age <= 25 THEN '20-25'
  ELSE NULL
END;

-- Stable code for a locality name: '<la_code>:<slug>'.
CREATE OR REPLACE MACRO locality_code(la, locality) AS
  la || ':' || trim(lower(regexp_replace(trim(locality), '[^A-Za-z0-9]+', '-', 'g')), '-');
