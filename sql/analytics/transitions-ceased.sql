-- transitions-ceased: EHC plans that ceased in each period (end_date in it) when the young
-- person was aged $min_age to $max_age on the day it ceased, by cease reason ('unknown' when
-- blank). Age from the birth month (age_on); areas from the child. One period ($period) at a time.
SELECT ca.area_code, p.period, coalesce(e.cease_reason::VARCHAR, 'unknown') AS cease_reason, count(*)::INTEGER AS plans
FROM ehc_plans e
JOIN periods p ON e.end_date BETWEEN p.start_date AND p.end_date
JOIN children c ON c.child_id = e.child_id
JOIN analytics_child_areas ca ON ca.child_id = e.child_id
WHERE p.period = $period AND age_on(c.birth_month, e.end_date) BETWEEN $min_age AND $max_age
GROUP BY ALL
ORDER BY ALL
