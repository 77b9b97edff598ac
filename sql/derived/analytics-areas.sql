-- Areas of the analytics queries (sql/analytics): every LA and locality (areas, child_areas)
-- and, in an extract of several LAs, England, each region and each ICB holding at least two of
-- them (area_aggregates, the same rule as server/data-context.ts), so an aggregate's counts,
-- medians and quartiles are computed in SQL over its own children. Views: nothing is copied.
CREATE OR REPLACE VIEW analytics_areas AS
SELECT area_code, area_name, area_type, parent_code FROM areas
UNION ALL
SELECT DISTINCT area_code, area_name, area_type, NULL::VARCHAR FROM area_aggregates WHERE las_in_extract >= 2;

-- Every child counts in its LA, its locality and each aggregate holding its LA.
CREATE OR REPLACE VIEW analytics_child_areas AS
SELECT child_id, area_code FROM child_areas
UNION ALL
SELECT c.child_id, g.area_code
FROM children c JOIN area_aggregates g ON g.la_code = c.la_code
WHERE g.las_in_extract >= 2;
