import { useEffect, useState } from 'react';

export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; httpStatus: number | null }
  | { status: 'ready'; data: T };

/** Runs a request when its key changes; a stale answer is ignored. */
export function useRequest<T>(key: string, run: (signal: AbortSignal) => Promise<T>): RequestState<T> {
  const [state, setState] = useState<{ key: string; value: RequestState<T> }>({ key, value: { status: 'loading' } });
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.key === key && s.value.status === 'loading' ? s : { key, value: { status: 'loading' } }));
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, value: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const httpStatus = error && typeof error === 'object' && 'status' in error && typeof error.status === 'number' ? error.status : null;
        setState({ key, value: { status: 'error', message: error instanceof Error ? error.message : String(error), httpStatus } });
      },
    );
    return () => controller.abort();
    // `key` captures every input of `run`, so it alone decides when to refetch.
  }, [key]);
  // A new key shows loading at once, not the previous key's figures.
  return state.key === key ? state.value : { status: 'loading' };
}
