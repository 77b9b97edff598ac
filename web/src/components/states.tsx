import type { ReactNode } from 'react';
import type { RequestState } from '../use-request.ts';

/** Loading, error and empty states, the same everywhere. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="state state--loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function ErrorState({ what, message }: { what: string; message: string }) {
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{what} could not be loaded.</p>
      <p>{message}</p>
      <p>Try again later, or reload the page.</p>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children}
    </div>
  );
}

/** Renders loading and error states for a request, and `children` with its data once ready. */
export function Await<T>({ state, what, children }: { state: RequestState<T>; what: string; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'error') return <ErrorState what={what.charAt(0).toUpperCase() + what.slice(1)} message={state.message} />;
  return <>{children(state.data)}</>;
}
