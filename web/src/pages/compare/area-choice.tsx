import { useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/error-summary.tsx';
import { navigate, useLocation, withQuery } from '../../router.tsx';
import { NO_AREAS, type LaChoice } from './model.ts';

/**
 * The GOV.UK "add another" pattern for the areas to compare: the chosen local authorities, each with a Remove
 * button, a select to add one more, and a link back to the statistical neighbours. Every change is a new URL, so
 * Back undoes it and the comparison can be shared.
 */
export function AreaChoice({ las, chosen, selfName }: { las: LaChoice[]; chosen: LaChoice[]; selfName: string }) {
  const location = useLocation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const available = las.filter((l) => !l.self && !chosen.some((c) => c.area_code === l.area_code));

  const go = (codes: string[] | null, message: string) => {
    const areas = codes === null ? undefined : codes.length === 0 ? NO_AREAS : codes.join(',');
    navigate(withQuery(location.path, location.query, { areas }));
    setAnnouncement(message);
    headingRef.current?.focus();
  };
  const add = (la: LaChoice) => go([...chosen.map((c) => c.area_code), la.area_code], `Added ${la.area_name}. ${chosen.length + 1} areas chosen.`);
  const remove = (la: LaChoice) =>
    go(
      chosen.filter((c) => c.area_code !== la.area_code).map((c) => c.area_code),
      `Removed ${la.area_name}. ${chosen.length - 1} areas chosen.`,
    );

  return (
    <section className="area-choice" aria-labelledby="area-choice-heading">
      <h2 className="heading-m" id="area-choice-heading" tabIndex={-1} ref={headingRef}>
        Areas compared with {selfName}
      </h2>
      {chosen.length === 0 ? (
        <p>No other local authority is chosen. Add one below.</p>
      ) : (
        <ul className="area-choice__list" data-testid="chosen-areas">
          {chosen.map((la) => (
            <li key={la.area_code} className="area-choice__item">
              <span>
                {la.area_name}
                {la.neighbour ? <span className="hint"> (statistical neighbour)</span> : null}
              </span>
              <button type="button" className="button button--secondary button--small" onClick={() => remove(la)}>
                Remove<span className="visually-hidden"> {la.area_name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddArea available={available} onAdd={add} />
      <p>
        <button type="button" className="link-button" onClick={() => go(null, 'Showing the statistical neighbours.')}>
          Compare with the statistical neighbours again
        </button>
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

/** A select of the local authorities not yet chosen and an Add button; an error when none is chosen. */
function AddArea({ available, onAdd }: { available: LaChoice[]; onAdd: (la: LaChoice) => void }) {
  const [toAdd, setToAdd] = useState('');
  const [error, setError] = useState(false);
  const add = (event: FormEvent) => {
    event.preventDefault();
    const la = available.find((l) => l.area_code === toAdd);
    setError(!la);
    if (!la) return;
    setToAdd('');
    onAdd(la);
  };
  return (
    <form className="inline-filter" onSubmit={add} noValidate>
      <div className={`form-group inline-filter__field${error ? ' form-group--error' : ''}`}>
        <label className="label" htmlFor="add-area">
          Add a local authority
        </label>
        {error ? <ErrorMessage id="add-area-error">Choose a local authority to add</ErrorMessage> : null}
        <select
          className="select"
          id="add-area"
          value={toAdd}
          aria-describedby={error ? 'add-area-error' : undefined}
          onChange={(e) => setToAdd(e.target.value)}
        >
          <option value="">Choose a local authority</option>
          {available.map((l) => (
            <option key={l.area_code} value={l.area_code}>
              {l.area_name}
              {l.neighbour ? ' (statistical neighbour)' : ''}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button inline-filter__button">
        Add
      </button>
    </form>
  );
}
