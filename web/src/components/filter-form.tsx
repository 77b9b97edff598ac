import { useState, type FormEvent, type ReactNode } from 'react';
import { areaMenu, comparatorOptions, useAppData, type AppData, type FilterName, type Filters } from '../filters.ts';
import { breakdownLabel } from '../format.ts';
import { navigate, useLocation, withQuery } from '../router.tsx';

/**
 * The filters of a page as a GOV.UK form: choosing does nothing until "Apply filters", which writes every
 * choice into the URL (a new history entry, so Back restores the previous view and any view can be bookmarked).
 */
export function FilterForm({
  filters,
  show,
  breakdowns,
  extra,
  periodTypes = ['calendar-year'],
}: {
  filters: Filters;
  show: FilterName[];
  breakdowns: string[];
  /** Further fields, such as the Benchmarks page's indicator choice: name, label and options. */
  extra?: Extra[];
  periodTypes?: Filters['periodType'][];
}) {
  return <FilterFields filters={filters} show={show} breakdowns={breakdowns} extra={extra ?? []} periodTypes={periodTypes} />;
}

const periodGroups = [
  { type: 'calendar-year', label: 'Calendar years (January to December)' },
  { type: 'financial-year', label: 'Financial years (April to March)' },
] as const;

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="form-group filter-form__field">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  );
}

type Extra = { name: string; label: string; value: string; options: { value: string; label: string }[] };

/** The values chosen in the form, not yet applied; they start again from the URL whenever it changes. */
function useDraft(filters: Filters, extra: Extra[]) {
  const location = useLocation();
  const [area, setArea] = useState(filters.area.area_code);
  const [period, setPeriod] = useState(filters.period);
  const [by, setBy] = useState(filters.by);
  const [compare, setCompare] = useState(filters.compare);
  const initialExtra = Object.fromEntries(extra.map((e) => [e.name, e.value]));
  const [extraValues, setExtraValues] = useState<Record<string, string>>(initialExtra);
  // When the URL changes (Apply, Back, a link), the fields start again from the URL's values; the form stays
  // mounted so keyboard focus stays on the button that was pressed.
  const [seen, setSeen] = useState(location.href);
  if (seen !== location.href) {
    setSeen(location.href);
    setArea(filters.area.area_code);
    setPeriod(filters.period);
    setBy(filters.by);
    setCompare(filters.compare);
    setExtraValues(initialExtra);
  }
  return { area, setArea, period, setPeriod, by, setBy, compare, setCompare, extraValues, setExtraValues };
}

/** Plain options of a select. */
function Options({ options }: { options: { value: string; label: string }[] }) {
  return (
    <>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** The years, newest first, grouped by kind of year (calendar, financial); part-years marked. */
function PeriodOptions({ periods, periodTypes }: { periods: AppData['periods']; periodTypes: Filters['periodType'][] }) {
  return (
    <>
      {periodGroups
        .filter((g) => periodTypes.includes(g.type))
        .map((g) => {
          const options = [...periods].reverse().filter((p) => p.period_type === g.type);
          if (options.length === 0) return null;
          return (
            <optgroup key={g.type} label={g.label}>
              {options.map((p) => (
                <option key={p.period} value={p.period}>
                  {p.period}
                  {p.complete ? '' : ' (incomplete)'}
                </option>
              ))}
            </optgroup>
          );
        })}
    </>
  );
}

/** A page's own field, such as the Benchmarks page's indicator. */
function ExtraField({ field: e, value, onChange }: { field: Extra; value: string; onChange: (value: string) => void }) {
  return (
    <Field id={`filter-${e.name}`} label={e.label}>
      <select className="select" id={`filter-${e.name}`} name={e.name} value={value} onChange={(event) => onChange(event.target.value)}>
        <Options options={e.options} />
      </select>
    </Field>
  );
}

function FilterFields({
  filters,
  show,
  breakdowns,
  extra,
  periodTypes,
}: {
  filters: Filters;
  show: FilterName[];
  breakdowns: string[];
  extra: Extra[];
  periodTypes: Filters['periodType'][];
}) {
  const data = useAppData();
  const location = useLocation();
  const { area, setArea, period, setPeriod, by, setBy, compare, setCompare, extraValues, setExtraValues } = useDraft(filters, extra);
  const las = data.areas.filter((a) => a.area_type === 'la');
  const chosenArea = data.areas.find((a) => a.area_code === area) ?? filters.area;
  const comparators = comparatorOptions(chosenArea, las);
  const effectiveCompare = comparators.some((c) => c.id === compare) ? compare : (comparators[0]?.id ?? 'england');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changes: Record<string, string | undefined> = { ...extraValues };
    if (show.includes('area')) changes.area = area;
    if (show.includes('period')) changes.period = period;
    if (show.includes('by')) changes.by = by === 'all' ? undefined : by;
    if (show.includes('compare')) changes.compare = effectiveCompare;
    navigate(withQuery(location.path, location.query, changes));
  };

  if (show.length === 0 && extra.length === 0) return null;
  return (
    <form className="filter-form" method="get" action={location.path} onSubmit={submit} aria-labelledby="filter-form-heading">
      <h2 className="filter-form__heading" id="filter-form-heading">
        Filters
      </h2>
      <div className="filter-form__fields">
        {show.includes('area') ? (
          <Field id="filter-area" label="Area">
            <select className="select" id="filter-area" name="area" value={area} onChange={(e) => setArea(e.target.value)}>
              {areaMenu(data.areas, filters.aggregateAreas).map((group) => (
                <optgroup key={group.label} label={group.label}>
                  <Options options={group.options} />
                </optgroup>
              ))}
            </select>
          </Field>
        ) : null}
        {show.includes('period') ? (
          <Field id="filter-period" label="Year">
            <select className="select" id="filter-period" name="period" value={period} onChange={(e) => setPeriod(e.target.value)}>
              <PeriodOptions periods={data.periods} periodTypes={periodTypes} />
            </select>
          </Field>
        ) : null}
        {show.includes('by') && breakdowns.length > 1 ? (
          <Field id="filter-by" label="Break down by">
            <select className="select" id="filter-by" name="by" value={by} onChange={(e) => setBy(e.target.value)}>
              <Options options={breakdowns.map((b) => ({ value: b, label: breakdownLabel(b) }))} />
            </select>
          </Field>
        ) : null}
        {show.includes('compare') ? (
          <Field id="filter-compare" label="Compare with">
            <select className="select" id="filter-compare" name="compare" value={effectiveCompare} onChange={(e) => setCompare(e.target.value)}>
              <Options options={comparators.map((c) => ({ value: c.id, label: c.label }))} />
            </select>
          </Field>
        ) : null}
        {extra.map((e) => (
          <ExtraField key={e.name} field={e} value={extraValues[e.name] ?? e.value} onChange={(value) => setExtraValues((v) => ({ ...v, [e.name]: value }))} />
        ))}
        <div className="filter-form__actions">
          <button type="submit" className="button" data-module="apply-filters">
            Apply filters
          </button>
        </div>
      </div>
    </form>
  );
}
