-- Facts built once per load for the indicator SQL (sql/indicators/) and active_plan_counts,
-- so a query reads each record once, joins it to one table, and counts per area group before
-- it meets the areas.
--
-- Area groups: children who count in exactly the same areas share a group. child_areas is a
-- function of the child's LA and locality (each area is an LA, a locality or made of LAs), so
-- the groups are the (LA, locality) pairs: a few thousand nationally against a million
-- children. A query counts per group, period and breakdown first, then joins
-- area_group_areas and sums: no per-child fan-out to every area a child counts in, and no
-- grouping of millions of rows on area codes.
CREATE OR REPLACE TABLE area_groups AS
SELECT (row_number() OVER (ORDER BY la_code, locality))::INTEGER AS area_group, la_code, locality
FROM (SELECT DISTINCT la_code, locality FROM children);

-- child_key: a number per child, so that queries grouping or joining by child compare
-- integers rather than 32-character pseudonyms.
CREATE OR REPLACE TABLE child_facts AS
SELECT c.child_id, (row_number() OVER ())::INTEGER AS child_key, g.area_group, c.sex::VARCHAR AS sex, c.ethnic_group::VARCHAR AS ethnic_group, c.birth_month
FROM children c
JOIN area_groups g ON g.la_code IS NOT DISTINCT FROM c.la_code AND g.locality IS NOT DISTINCT FROM c.locality;

CREATE OR REPLACE TABLE area_group_areas AS
SELECT DISTINCT f.area_group, ca.area_code
FROM child_areas ca JOIN child_facts f USING (child_id);

-- Each EHC plan with its child's facts; an open end date also as a far-future one
-- (open_end), so "active on day d" is a range test DuckDB joins without comparing every pair.
CREATE OR REPLACE TABLE plan_facts AS
SELECT e.plan_id, e.child_id, f.child_key, f.area_group, f.sex, f.ethnic_group, f.birth_month,
       e.primary_need::VARCHAR AS primary_need, e.setting_type, e.setting_in_area, e.cease_reason,
       e.start_date, e.end_date, coalesce(e.end_date, DATE '9999-12-31') AS open_end
FROM ehc_plans e JOIN child_facts f USING (child_id);

-- Each record the indicators count, with the facts of its child (and plan) already joined,
-- so no indicator builds a hash table of every child or plan again. Only the columns the
-- indicators read.
CREATE OR REPLACE TABLE request_facts AS
SELECT r.child_id, f.area_group, f.sex, f.ethnic_group, f.birth_month, r.received_date,
       r.assessment_decision, r.assessment_decision_date, r.plan_decision, r.plan_decision_date, r.week20_exception
FROM ehc_requests r JOIN child_facts f USING (child_id);

-- held_order: the reviews in order of held date, then review_id (a number to take the
-- latest review by, instead of comparing (date, id) pairs).
CREATE OR REPLACE TABLE review_facts AS
SELECT r.review_id, e.child_key, e.area_group, e.sex, e.birth_month, e.primary_need,
       r.due_date, r.held_date, r.pfa_employment,
       (row_number() OVER (ORDER BY r.held_date, r.review_id))::INTEGER AS held_order
FROM annual_reviews r JOIN plan_facts e USING (plan_id);

CREATE OR REPLACE TABLE provision_facts AS
SELECT v.plan_id, e.child_id, e.area_group, e.birth_month, e.start_date AS plan_start_date, e.open_end AS plan_open_end,
       v.section, v.category, v.commissioner, v.specified_date, v.start_date, v.end_date,
       coalesce(v.end_date, DATE '9999-12-31') AS open_end
FROM ehc_provision v JOIN plan_facts e USING (plan_id);

CREATE OR REPLACE TABLE cna_facts AS
SELECT f.child_key, f.area_group, f.sex, f.birth_month, a.assessment_type, a.start_date, a.completed_date, a.disability
FROM child_needs_assessments a JOIN child_facts f USING (child_id);
