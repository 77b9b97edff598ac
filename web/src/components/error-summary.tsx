import { useEffect, useRef, type ReactNode } from 'react';

export interface FieldError {
  /** The id of the field the message is about. */
  field: string;
  message: string;
}

/** GOV.UK error message beside a field; `id` is what the field's aria-describedby names. */
export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="error-message" id={id}>
      <span className="visually-hidden">Error:</span> {children}
    </p>
  );
}

/** GOV.UK error summary: focused when it appears, each message a link that moves focus to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  // Focused again whenever the messages change (a second failed submit with new messages).
  const key = errors.map((e) => `${e.field}:${e.message}`).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" data-testid="error-summary">
      <h2 className="error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            <a
              href={`#${e.field}`}
              onClick={(event) => {
                // Move focus to the field itself, not only scroll to it (GOV.UK error summary behaviour).
                event.preventDefault();
                const input = document.getElementById(e.field);
                input?.scrollIntoView({ block: 'center' });
                input?.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled text input with hint and inline error, as GOV.UK forms have them. */
export function TextField({
  id,
  name = id,
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  inputMode,
  autoComplete,
  width,
}: {
  id: string;
  name?: string;
  label: string;
  hint?: ReactNode;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
  inputMode?: 'decimal' | 'text';
  autoComplete: string;
  /** Wider than the default 10em (user names, passwords). */
  width?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="hint field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      <input
        className={`input${error ? ' input--error' : ''}`}
        style={width ? { maxWidth: width } : undefined}
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        value={value}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
