-- journey-overlap: where EHC plans, child needs assessments (CNA) and personal budgets meet
-- or miss each other in one period ($start..$end), for every area. Children are counted
-- (numerator) out of a stated group (denominator):
--   cna_disability_no_ehc    children with a CNA recording disability open in the period
--                            (started by $end, not completed before $start), with no EHC
--                            request received and no EHC plan started by $end
--                            / children with such a CNA
--   social_care_plan_no_cna  children with an EHC plan active on $end that has a social care
--                            line (H1/H2) in force that day, with no CNA started by $end
--                            / children with such a plan
--   cna_budget_no_plan       children with a personal budget from a CNA only (no plan_id)
--                            active on $end, and no EHC plan active that day
--                            / children with such a budget
--   integrated_budget        children whose personal budgets active on $end cover more than
--                            one of EDUCATION, HEALTH and SOCIAL_CARE
--                            / children with a personal budget active on $end
-- Active on $end: started on or before it and not ended by it (end date after it).
WITH active_plans AS (
  SELECT plan_id, child_id FROM ehc_plans
  WHERE start_date <= $end::DATE AND (end_date IS NULL OR end_date > $end::DATE)
),
active_budgets AS (
  SELECT child_id, plan_id, element FROM personal_budgets
  WHERE start_date <= $end::DATE AND (end_date IS NULL OR end_date > $end::DATE)
),
cna_disability AS (
  SELECT DISTINCT a.child_id,
    NOT EXISTS (SELECT 1 FROM ehc_requests r WHERE r.child_id = a.child_id AND r.received_date <= $end::DATE)
      AND NOT EXISTS (SELECT 1 FROM ehc_plans e WHERE e.child_id = a.child_id AND e.start_date <= $end::DATE) AS hit
  FROM child_needs_assessments a
  WHERE a.disability AND a.start_date <= $end::DATE AND (a.completed_date IS NULL OR a.completed_date >= $start::DATE)
),
social_care_plans AS (
  SELECT DISTINCT p.child_id,
    NOT EXISTS (SELECT 1 FROM child_needs_assessments a WHERE a.child_id = p.child_id AND a.start_date <= $end::DATE) AS hit
  FROM active_plans p
  JOIN ehc_provision v ON v.plan_id = p.plan_id
  WHERE v.section IN ('H1', 'H2') AND v.specified_date <= $end::DATE AND (v.end_date IS NULL OR v.end_date > $end::DATE)
),
cna_budgets AS (
  SELECT DISTINCT b.child_id,
    NOT EXISTS (SELECT 1 FROM active_plans p WHERE p.child_id = b.child_id) AS hit
  FROM active_budgets b
  WHERE b.plan_id IS NULL
),
budget_children AS (
  SELECT child_id, count(DISTINCT element) > 1 AS hit FROM active_budgets GROUP BY child_id
),
measures AS (
  SELECT 'cna_disability_no_ehc' AS measure, child_id, hit FROM cna_disability
  UNION ALL SELECT 'social_care_plan_no_cna', child_id, hit FROM social_care_plans
  UNION ALL SELECT 'cna_budget_no_plan', child_id, hit FROM cna_budgets
  UNION ALL SELECT 'integrated_budget', child_id, hit FROM budget_children
)
SELECT ca.area_code, m.measure,
  count(*) FILTER (m.hit)::INTEGER AS numerator,
  count(*)::INTEGER AS denominator
FROM measures m JOIN analytics_child_areas ca ON ca.child_id = m.child_id
GROUP BY ALL
ORDER BY ALL
