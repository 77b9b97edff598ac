import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { navigate, useLocation, withQuery } from '../router.tsx';
import { analyticsCsvPath, analyticsTableTitle, useCanDownload, type AnalyticsTableId } from '../export-links.ts';
import { categoryLabel } from '../format.ts';
import type { LegendItem } from './chart-block.tsx';
import './analytics.css';
import { FoldOnNarrow } from './fold-on-narrow.tsx';

// Small building blocks shared by the commissioning analytics pages and sections.

/** A page section with its h2, reachable from the page's contents list by its id. */
export function AnalyticsSection({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="analytics-section" id={id} aria-labelledby={`${id}-heading`} tabIndex={-1} data-testid={testId}>
      <h2 className="analytics-section__title" id={`${id}-heading`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * GOV.UK contents list of the page's sections (indicator sections, analytics sections); folded behind "Contents" on
 * narrow screens so the first screen shows figures.
 */
export function SectionContents({ items }: { items: { id: string; title: string }[] }) {
  if (items.length < 2) return null;
  return (
    <FoldOnNarrow summary={`Contents: ${items.length} sections`} className="contents-details">
      <nav className="contents-list" aria-labelledby="contents-heading">
        <h2 className="contents-list__title" id="contents-heading">
          Contents
        </h2>
        <ol className="contents-list__list">
          {items.map((item) => (
            <li key={item.id}>
              <a href={`#${item.id}`}>{item.title}</a>
            </li>
          ))}
        </ol>
      </nav>
    </FoldOnNarrow>
  );
}

/** Legend entries for the symbols a chart shows (only those present). */
export function symbolLegend(symbols: Iterable<string | null | undefined>): LegendItem[] {
  const set = new Set(symbols);
  const items: LegendItem[] = [];
  if (set.has('c')) items.push({ kind: 'symbol', symbol: 'c', label: 'Suppressed: too few to publish safely' });
  if (set.has('x')) items.push({ kind: 'symbol', symbol: 'x', label: 'Cannot be calculated' });
  return items;
}

/** The key to c and x under a table, when the table shows either. */
export function SymbolKey({ symbols }: { symbols: Iterable<string | null | undefined> }) {
  const set = new Set(symbols);
  if (!set.has('c') && !set.has('x')) return null;
  return (
    <p className="hint symbol-key">
      {set.has('c') ? (
        <>
          <abbr title="confidential: suppressed to protect privacy">c</abbr> = suppressed: too few to publish safely (or would let a
          suppressed figure be worked out).{' '}
        </>
      ) : null}
      {set.has('x') ? (
        <>
          <abbr title="not available">x</abbr> = cannot be calculated (nothing to count, or nothing to divide by).
        </>
      ) : null}
    </p>
  );
}

/**
 * One choice that changes a section's view, as a small GOV.UK form: nothing changes until the button is pressed,
 * which writes the choice into the URL (a new history entry, so Back returns to the previous view).
 */
export function InlineFilter({
  name,
  label,
  value,
  options,
  hint,
  button = 'Show',
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string; group?: string }[];
  hint?: string;
  button?: string;
}) {
  const location = useLocation();
  const [chosen, setChosen] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // The URL changed (Back or another link): show its choice.
    setSeen(value);
    setChosen(value);
  }
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery(location.path, location.query, { [name]: chosen }) + (location.hash ? `#${location.hash}` : ''));
  };
  const groups = [...new Set(options.map((o) => o.group ?? ''))];
  return (
    <form className="inline-filter" method="get" action={location.path} onSubmit={submit}>
      <div className="form-group inline-filter__field">
        <label className="label" htmlFor={`${id}-select`}>
          {label}
        </label>
        {hint ? (
          <div className="hint inline-filter__hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        <select
          className="select"
          id={`${id}-select`}
          name={name}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        >
          {groups.map((g) =>
            g ? (
              <optgroup key={g} label={g}>
                {options
                  .filter((o) => o.group === g)
                  .map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
              </optgroup>
            ) : (
              options
                .filter((o) => !o.group)
                .map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))
            ),
          )}
        </select>
      </div>
      <button type="submit" className="button inline-filter__button">
        {button}
      </button>
    </form>
  );
}

/** A figure with a label in large type, GOV.UK style. */
export function KeyFigure({ label, value, detail, testId }: { label: string; value: string; detail?: ReactNode; testId?: string }) {
  return (
    <div className="key-figure" data-testid={testId}>
      <p className="key-figure__label">{label}</p>
      <p className="key-figure__value" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </p>
      {detail ? <p className="key-figure__detail">{detail}</p> : null}
    </div>
  );
}

/** "Download this table (CSV)" under a table that has no chart block: the analytics table's export for the same query. */
export function TableDownload({ table, params }: { table: AnalyticsTableId; params: Record<string, string | undefined> }) {
  if (!useCanDownload()) return null;
  return (
    <p className="chart-block__download">
      <a href={analyticsCsvPath(table, params)} download data-testid="download-csv" data-table={table}>
        Download this table (CSV)<span className="visually-hidden">: {analyticsTableTitle(table)}</span>
      </a>
    </p>
  );
}

/** GOV.UK summary list of [term, text] pairs. */
export function SummaryList({ items, wide = false }: { items: readonly (readonly [string, ReactNode])[]; wide?: boolean }) {
  return (
    <dl className={wide ? 'summary-list summary-list--wide' : 'summary-list'}>
      {items.map(([k, v]) => (
        <div className="summary-list__row" key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An insight response's definitions and disclosure rule, folded away under "Definitions". */
export function DefinitionsDetails({ definitions, disclosureRule }: { definitions: Record<string, string>; disclosureRule: string }) {
  return (
    <details className="details analytics-details">
      <summary className="details__summary">
        <span className="details__summary-text">Definitions</span>
      </summary>
      <div className="details__text">
        <SummaryList items={[...Object.entries(definitions).map(([k, v]) => [categoryLabel(k), v] as const), ['Disclosure control', disclosureRule] as const]} />
      </div>
    </details>
  );
}
