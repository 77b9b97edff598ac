-- Macros shared by ingest validation and indicator SQL. Created with every load.

-- NHS number modulus-11 check on a 10-digit string.
CREATE OR REPLACE MACRO nhs_checksum_ok(d) AS (
  length(d) = 10
  AND (11 - (list_sum(list_transform(range(1, 10), i -> (ascii(d[i]) - 48) * (11 - i))) % 11)) % 11
      = ascii(d[10]) - 48
);

-- ULN (Unique Learner Number) check: the NHS weights, check digit 10 - (sum mod 11), no leading 0.
CREATE OR REPLACE MACRO uln_checksum_ok(d) AS (
  length(d) = 10 AND d[1] <> '0'
  AND 10 - (list_sum(list_transform(range(1, 10), i -> (ascii(d[i]) - 48) * (11 - i))) % 11) = ascii(d[10]) - 48
);

-- The SQL screen of server/identifiers (the detector itself is JavaScript), for ID and text
-- cells and rejected values as rows are judged: every kind it finds but names. Free text is
-- redacted by the JavaScript detector before validation; the same corpus tests both
-- (test/identifiers). Look-alike characters are folded first (full-width digits and letters, @ . - /).
CREATE OR REPLACE MACRO fold_lookalikes(s) AS
  translate(s, '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ＠．－／　', '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@.-/ ');

-- Ten digits written 3-3-4 with any separators (space, hyphen, dot, slash, underscore) or none.
CREATE OR REPLACE MACRO ten_digit_runs(s) AS list_transform(
  regexp_extract_all(s, '(?:^|[^0-9])([0-9]{3}[ ./_-]{0,3}[0-9]{3}[ ./_-]{0,3}[0-9]{4})(?:[^0-9]|$)', 1),
  c -> regexp_replace(c, '[^0-9]', '', 'g'));

-- A written date: 2016-07-21, 21/07/2016, 21.7.16, 21st July 2016, July 21, 2016, July 2016.
CREATE OR REPLACE MACRO dob_date_pattern() AS
  '([0-9]{1,4}(st|nd|rd|th)?[-/. ]+[0-9a-z]{1,9}\.?[-/., ]+[0-9]{2,4}|[a-z]{3,9}\.? [0-9]{1,2}(st|nd|rd|th)?,? [0-9]{4}|[a-z]{3,9},? [0-9]{4})';

-- Ten digits or more with at most three other characters between them: what an NHS number,
-- ULN, UPN or phone number needs (most cells, dates and amounts among them, stop here).
CREATE OR REPLACE MACRO ten_digits_or_more(s) AS regexp_matches(s, '[0-9]([^0-9]{0,3}[0-9]){9}');

CREATE OR REPLACE MACRO identifier_kind_folded(s) AS CASE
  WHEN (contains(s, '@') AND regexp_matches(s, '[A-Za-z0-9._%+-]+ ?@ ?[A-Za-z0-9-]+( ?\. ?[A-Za-z0-9-]+)+'))
    OR regexp_matches(s, '(?i)[(\[{<]\s*at\s*[)\]}>]|\sat\s') AND (regexp_matches(lower(s), '[a-z0-9._%+-]+\s*[(\[{<]\s*at\s*[)\]}>]\s*[a-z0-9-]+((\s*\.\s*|\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+)[a-z0-9-]+)+')
    OR regexp_matches(lower(s), '[a-z0-9._%+-]+\s+at\s+[a-z0-9-]+((\.|\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+)[a-z0-9-]+)*(\.|\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+)(com|org|net|uk|gov|nhs|ac|co|sch|edu|info|io|me|biz|scot|wales|cymru)\b'))
    THEN 'email address'
  WHEN ten_digits_or_more(s) AND list_bool_or(list_transform(ten_digit_runs(s), d -> nhs_checksum_ok(d))) THEN 'NHS number'
  WHEN ten_digits_or_more(s) AND list_bool_or(list_transform(ten_digit_runs(s), d -> uln_checksum_ok(d))) THEN 'ULN'
  WHEN ten_digits_or_more(s) AND regexp_matches(s, '(?:^|[^A-Za-z0-9])[A-Za-z][ -]?([0-9][ -]?){11}[0-9A-Za-z](?:[^A-Za-z0-9]|$)') THEN 'UPN'
  -- Postcodes, once a school year or key stage followed by an ordinal ("Y6 2nd") is taken out.
  WHEN regexp_matches(regexp_replace(upper(s), '(^|[^A-Z0-9])(Y|YR|KS)[0-9]{1,2}\s{0,2}[0-9](ST|ND|RD|TH)', ' ', 'g'),
      '(?:^|[^A-Z0-9])(GIR\s?0AA|[A-PR-UWYZ]([0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)\s{0,2}[0-9][ABD-HJLNP-UW-Z]{2})(?:[^A-Z0-9]|$)')
    THEN 'postcode'
  WHEN ten_digits_or_more(s) AND regexp_matches(s, '(?:^|[^0-9+])((\+|00) ?44 ?(\(0\) ?)?|\(?0)([0-9][ ().-]{0,2}){9,10}(?:[^0-9]|$)') THEN 'phone number'
  -- A date next to words that say it is a date of birth, before or after them.
  WHEN regexp_matches(s, '(?i)d\.?\s?o\.?\s?b|birth|born') AND (regexp_matches(lower(s), '(d\.?\s?o\.?\s?b|date\s+of\s+birth|birth\s*date|born|birthday)[^a-z0-9]{0,5}((is|was|on|in|of|the)\s+)*' || dob_date_pattern())
    OR regexp_matches(lower(s), dob_date_pattern() || '\s*[(\[,-]?\s*(d\.?\s?o\.?\s?b|date\s+of\s+birth|born)'))
    THEN 'date of birth'
  ELSE NULL
END;

-- What kind of direct identifier a text looks like, or NULL. Cheap pre-filter first:
-- every pattern needs a digit, an @ or a written-out "at", so most cells skip the rest.
CREATE OR REPLACE MACRO identifier_kind(s) AS CASE
  WHEN s IS NULL OR NOT regexp_matches(s, '[0-9@０１２３４５６７８９＠]|[(\[{<]\s*[aA][tT]\s*[)\]}>]|\s[aA][tT]\s') THEN NULL
  WHEN NOT regexp_matches(s, '[^\x00-\x7f]') THEN identifier_kind_folded(s)
  -- Other than ASCII (rare): folded once, through a one-element list, not in every branch.
  ELSE list_transform([fold_lookalikes(s)], f -> identifier_kind_folded(f))[1]
END;

-- Age in completed years on date d for someone born in the month starting bm
-- (day of birth is not held: the first of the month is assumed). From the birth month on,
-- that is the difference of the years, less one before the birth month's anniversary: the
-- same as date_sub('year', bm, d) (test/indicators/sql-macros.test.ts) at a third of its
-- cost, which counted in every indicator; before bm (not a real age) date_sub itself.
CREATE OR REPLACE MACRO age_on(bm, d) AS CASE
  WHEN d >= bm THEN year(d) - year(bm) - (month(d) < month(bm))::BIGINT
  ELSE date_sub('year', bm, d)
END;

-- The names of the periods (sql/derived/periods.sql) day d falls in: its calendar year
-- ('2024') and its financial year ('2024-25', from 1 April). Records are joined to periods on
-- these names (a hash join) instead of on a date range (a merge join over every row); a new
-- kind of period needs its name here (test/indicators/sql-macros.test.ts checks every period).
-- Records are counted by calendar and financial year first (integers, cheap to group by),
-- and meet periods by these names only once counted.
CREATE OR REPLACE MACRO financial_year_of(d) AS year(d) - (month(d) < 4)::BIGINT;
CREATE OR REPLACE MACRO year_period_names(calendar_year, financial_year) AS [
  calendar_year::VARCHAR,
  financial_year || '-' || lpad(((financial_year + 1) % 100)::VARCHAR, 2, '0')
];
CREATE OR REPLACE MACRO period_names(d) AS year_period_names(year(d), financial_year_of(d));

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
