import { useState, type FormEvent } from 'react';
import type { WorkloadDefaultsResponse, WorkloadResponse } from '../../../contract/analytics.ts';
import { fetchWorkload, fetchWorkloadDefaults, type WorkloadInputs } from '../analytics-api.ts';
import { inputNumber, oneDp, wholeNumber, workloadDisplay } from '../analytics-format.ts';
import { AnalyticsSection, KeyFigure } from '../components/analytics-ui.tsx';
import { ErrorSummary, TextField, type FieldError } from '../components/error-summary.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { Await, ErrorState, Loading } from '../components/states.tsx';
import { formatDate } from '../format.ts';
import type { PageDef } from '../page-list.ts';
import { Link, navigate, useLocation, withQuery } from '../router.tsx';
import { useFilters } from '../filters.ts';
import { useRequest } from '../use-request.ts';

// Workload planner: how many annual reviews a year and a week the EHC plan caseload brings, and how many full-time
// coordinators that needs. A GOV.UK form prefilled from GET /api/workload/defaults (each default's reason as its
// hint); "Calculate" checks the answers (error summary with links to the fields), writes them into the URL and
// asks GET /api/workload for the result.

type Field = keyof WorkloadInputs;

interface FieldDef {
  name: Field;
  label: string;
  /** In error messages: "The caseload". */
  noun: string;
  example: string;
  max: number;
  suffix: string;
}

export const workloadFields: FieldDef[] = [
  { name: 'caseload', label: 'Caseload: EHC plans to review', noun: 'The caseload', example: '740', max: 100_000, suffix: 'plans' },
  { name: 'years', label: 'Years between reviews of each plan', noun: 'The years between reviews', example: '1', max: 25, suffix: 'years' },
  { name: 'weeks_per_year', label: 'Weeks a year when reviews are held', noun: 'The weeks a year', example: '39', max: 53, suffix: 'weeks' },
  {
    name: 'plans_per_coordinator_per_quarter',
    label: 'Reviews one full-time coordinator completes in a quarter',
    noun: 'The reviews a coordinator completes',
    example: '45',
    max: 500,
    suffix: 'reviews',
  },
];

const fieldId = (name: Field): string => `workload-${name.replace(/_/g, '-')}`;

/** The server's rule for each input (positive decimals up to a limit), with GOV.UK error messages. */
export function validateWorkload(values: WorkloadInputs): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const f of workloadFields) {
    const text = values[f.name].trim();
    if (text === '') errors[f.name] = `Enter ${f.noun.charAt(0).toLowerCase()}${f.noun.slice(1)}`;
    else if (/^-\s*\d+(\.\d+)?$/.test(text)) errors[f.name] = `Enter a number more than 0 for ${f.noun.charAt(0).toLowerCase()}${f.noun.slice(1)}, like ${f.example}`;
    else if (!/^\d+(\.\d+)?$/.test(text)) errors[f.name] = `${f.noun} must be a number, like ${f.example} or 12.5`;
    else if (Number(text) <= 0) errors[f.name] = `${f.noun} must be more than 0`;
    else if (Number(text) > f.max) errors[f.name] = `${f.noun} must be ${wholeNumber(f.max)} or fewer`;
  }
  return errors;
}

function defaultInputs(d: WorkloadDefaultsResponse): WorkloadInputs {
  return {
    caseload: d.defaults.caseload === null ? '' : inputNumber(d.defaults.caseload),
    years: inputNumber(d.defaults.years),
    weeks_per_year: inputNumber(d.defaults.weeks_per_year),
    plans_per_coordinator_per_quarter: inputNumber(d.defaults.plans_per_coordinator_per_quarter),
  };
}

/** The inputs in the URL, when it has any; otherwise the defaults. */
function inputsFromUrl(query: URLSearchParams, d: WorkloadDefaultsResponse): { inputs: WorkloadInputs; fromUrl: boolean } {
  const fromUrl = workloadFields.some((f) => query.has(f.name));
  if (!fromUrl) return { inputs: defaultInputs(d), fromUrl };
  const defaults = defaultInputs(d);
  const inputs = { ...defaults };
  for (const f of workloadFields) inputs[f.name] = query.get(f.name) ?? defaults[f.name];
  return { inputs, fromUrl };
}

/** The errors in the fields' order, for the shared GOV.UK error summary. */
const summaryErrors = (errors: Partial<Record<Field, string>>): FieldError[] =>
  workloadFields.flatMap((f) => (errors[f.name] ? [{ field: fieldId(f.name), message: errors[f.name] ?? '' }] : []));

function WorkloadForm({ defaults, initial, errors: initialErrors }: { defaults: WorkloadDefaultsResponse; initial: WorkloadInputs; errors: Partial<Record<Field, string>> }) {
  const location = useLocation();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState(initialErrors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateWorkload(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const changes: Record<string, string> = {};
    for (const f of workloadFields) changes[f.name] = values[f.name].trim();
    navigate(withQuery(location.path, location.query, changes));
  };
  const reset = () => {
    setErrors({});
    setValues(defaultInputs(defaults));
    const changes: Record<string, undefined> = {};
    for (const f of workloadFields) changes[f.name] = undefined;
    navigate(withQuery(location.path, location.query, changes));
  };
  const caseloadNote =
    defaults.symbols.caseload === 'c'
      ? ' The count is suppressed (c) because it is small: enter your own figure.'
      : defaults.symbols.caseload === 'x'
        ? ' There is no count to start from (x): enter your own figure.'
        : '';
  return (
    <form className="workload-form" noValidate onSubmit={submit} data-testid="workload-form">
      <ErrorSummary errors={summaryErrors(errors)} />
      {workloadFields.map((f) => (
        <TextField
          key={f.name}
          id={fieldId(f.name)}
          name={f.name}
          label={f.label}
          hint={
            <>
              {defaults.reasons[f.name]}
              {f.name === 'caseload' ? caseloadNote : ''}
            </>
          }
          error={errors[f.name]}
          value={values[f.name]}
          inputMode="decimal"
          autoComplete="off"
          onChange={(value) => setValues((v) => ({ ...v, [f.name]: value }))}
        />
      ))}
      <div className="button-group">
        <button type="submit" className="button" data-testid="workload-calculate">
          Calculate
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={reset}>
          Use the defaults
        </button>
      </div>
    </form>
  );
}

function Results({ result }: { result: WorkloadResponse }) {
  const shown = workloadDisplay(result);
  const i = result.inputs;
  const n = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 4 });
  // Working in the formula to one decimal place, without a trailing ".0" on whole numbers.
  const w = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return (
    <>
      <p className="analytics-text" data-testid="workload-for">
        For a caseload of {n(i.caseload)} plans, each reviewed every {n(i.years)} {i.years === 1 ? 'year' : 'years'}, with reviews held over {n(i.weeks_per_year)} weeks
        a year and {n(i.plans_per_coordinator_per_quarter)} reviews a quarter for each full-time coordinator:
      </p>
      <div className="key-figures" data-testid="workload-results">
        <KeyFigure label="Reviews a year" value={shown.perYear} detail="annual reviews to hold" testId="workload-per-year" />
        <KeyFigure label="Reviews a week" value={shown.perWeek} detail={`over ${n(i.weeks_per_year)} weeks a year`} testId="workload-per-week" />
        <KeyFigure label="Coordinators needed" value={shown.fte} detail="full-time equivalent (FTE)" testId="workload-fte" />
      </div>
      <h3>How this is worked out</h3>
      <div className="formula" data-testid="workload-formula">
        <p>
          reviews a year = caseload ÷ years between reviews = {n(i.caseload)} ÷ {n(i.years)} = {w(result.per_year)}
        </p>
        <p>
          reviews a week = reviews a year ÷ weeks a year = {w(result.per_year)} ÷ {n(i.weeks_per_year)} = {oneDp(result.per_week)}
        </p>
        <p>
          coordinators (FTE) = (reviews a year ÷ 4 quarters) ÷ reviews per coordinator a quarter = ({w(result.per_year)} ÷ 4) ÷{' '}
          {n(i.plans_per_coordinator_per_quarter)} = {oneDp(result.coordinators_fte)}
        </p>
      </div>
      <p className="hint">
        Figures are rounded for display: reviews a year to a whole number, reviews a week and coordinators to one decimal place. The
        downloadable figures are not rounded.
      </p>
    </>
  );
}

function Planner({ defaults }: { defaults: WorkloadDefaultsResponse }) {
  const location = useLocation();
  const { inputs, fromUrl } = inputsFromUrl(location.query, defaults);
  const errors = fromUrl ? validateWorkload(inputs) : {};
  const valid = Object.keys(validateWorkload(inputs)).length === 0;
  const key = valid ? `workload|${workloadFields.map((f) => inputs[f.name].trim()).join('|')}` : 'workload|none';
  const state = useRequest(key, (signal) => (valid ? fetchWorkload(inputs, signal) : Promise.resolve(null)));
  return (
    <>
      <AnalyticsSection id="inputs" title="Your figures">
        <p className="analytics-text">
          Start from the figures below, change any of them, and press Calculate. The caseload is counted on {formatDate(defaults.period.end_date)}; the
          other figures are assumptions to replace with your own.
        </p>
        <WorkloadForm key={location.query.toString()} defaults={defaults} initial={inputs} errors={errors} />
      </AnalyticsSection>
      <AnalyticsSection id="result" title="Workload" testId="workload-result">
        <div aria-live="polite">
          {!valid ? (
            <p className="hint">Enter the figures above and press Calculate to see the workload.</p>
          ) : state.status === 'loading' ? (
            <Loading what="the workload" />
          ) : state.status === 'error' ? (
            <ErrorState what="The workload" message={state.message} />
          ) : state.data ? (
            <Results result={state.data} />
          ) : null}
        </div>
      </AnalyticsSection>
    </>
  );
}

export function WorkloadPage({ page }: { page: PageDef }) {
  const filters = useFilters(['all'], ['calendar-year', 'financial-year']);
  const { query } = useLocation();
  // Only what the URL chooses goes to the server: otherwise it counts the caseload on its own default (the extract's
  // LA, the latest complete period, which may be a financial year).
  const chosen = { area: query.has('area') ? filters.area.area_code : undefined, period: query.has('period') ? filters.period : undefined };
  const state = useRequest(`workload-defaults|${chosen.area ?? ''}|${chosen.period ?? ''}`, (signal) => fetchWorkloadDefaults(chosen, signal));
  const forecastHref = withQuery('/forecast', new URLSearchParams(chosen.area ? { area: chosen.area } : {}));
  return (
    <PageShell page={page} filters={filters}>
      <p className="analytics-text">
        This plans for the caseload counted in the year chosen. For the years ahead, see the{' '}
        <Link href={forecastHref}>forecast of EHC plans</Link> and enter its projected caseload here.
      </p>
      <Await state={state} what="the starting figures">
        {(defaults) => <Planner defaults={defaults} />}
      </Await>
    </PageShell>
  );
}
