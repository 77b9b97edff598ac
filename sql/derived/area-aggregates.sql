-- Aggregate areas of an extract that holds several LAs: England, each region and each
-- integrated care board (ICB) with at least one LA in the extract, one row per member LA.
-- Regions come from data/reference/areas.csv, ICBs from data/reference/la-icb.csv (each LA
-- in one ICB) with names from icb-names.csv; the files are bound by the loader. An extract of
-- one LA gets no aggregate areas (its England and region are the published ones).
-- `las_in_area` is how many LAs the area has in England, `las_in_extract` how many of them the
-- extract holds: an aggregate is compared with a published figure only when they are equal.
CREATE OR REPLACE TABLE area_aggregates AS
WITH extract_las AS (SELECT area_code AS la_code FROM areas WHERE area_type = 'la'),
reference_las AS (
  SELECT r.area_code AS la_code, r.region_code, r.region_name, i.icb_ons_code AS icb_code,
         regexp_replace(regexp_replace(n.icb_name, '^NHS ', ''), ' Integrated Care Board$', ' ICB') AS icb_name
  FROM read_csv($areas_file, header = true, all_varchar = true) r
  LEFT JOIN read_csv($la_icb_file, header = true, all_varchar = true) i ON i.la_code = r.area_code
  LEFT JOIN read_csv($icb_names_file, header = true, all_varchar = true) n ON n.icb_ons_code = i.icb_ons_code
  WHERE r.geographic_level = 'Local authority'
),
-- England holds every LA of the extract, listed in the reference file or not (England is
-- their sum); it has 153 LAs.
levels AS (
  SELECT 'england' AS area_type, 'E92000001' AS area_code, 'England' AS area_name, la_code,
         (SELECT count(*) FROM reference_las) AS las_in_area
  FROM (SELECT la_code FROM reference_las UNION SELECT la_code FROM extract_las)
  UNION ALL
  SELECT 'region', region_code, region_name, la_code, count(*) OVER (PARTITION BY region_code)
  FROM reference_las WHERE region_code IS NOT NULL
  UNION ALL
  SELECT 'icb', icb_code, icb_name, la_code, count(*) OVER (PARTITION BY icb_code)
  FROM reference_las WHERE icb_code IS NOT NULL
),
sized AS (SELECT * FROM levels)
SELECT s.area_code, s.area_name, s.area_type, s.la_code, s.las_in_area::INTEGER AS las_in_area,
       (count(*) OVER (PARTITION BY s.area_code))::INTEGER AS las_in_extract
FROM sized s JOIN extract_las e USING (la_code)
WHERE (SELECT count(*) FROM extract_las) > 1
ORDER BY s.area_code, s.la_code;
