import { handleAuthStatus } from './auth.ts';
import {
  areasResponseSchema,
  benchmarkResponseSchema,
  catalogueResponseSchema,
  dataStatusResponseSchema,
  indicatorResponseSchema,
  periodsResponseSchema,
  type AreasResponse,
  type BenchmarkResponse,
  type CatalogueResponse,
  type DataStatusResponse,
  type IndicatorResponse,
  type PeriodsResponse,
} from '../../contract/indicators.ts';

/** A failed request; `status` is the HTTP status (0 when the network failed). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface Parser<T> {
  parse: (data: unknown) => T;
}

// Responses are cached for the session (the data only changes with a new load, and the API says which load it
// served in data.data_version), so pages and tiles that ask for the same figures share one request.
const cache = new Map<string, Promise<unknown>>();

async function load<T>(path: string, schema: Parser<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError('The dashboard could not reach its server. Check your connection and try again.', 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    handleAuthStatus(response.status);
    const message = body && typeof body === 'object' && 'error' in body ? String(body.error) : response.statusText;
    throw new ApiError(message, response.status);
  }
  try {
    return schema.parse(body);
  } catch {
    throw new ApiError(`The server's answer to ${path} was not in the expected format.`, response.status);
  }
}

/** A validated GET, cached for the session by URL (failures are not cached). */
export function getJson<T>(path: string, schema: Parser<T>, signal?: AbortSignal): Promise<T> {
  let pending = cache.get(path) as Promise<T> | undefined;
  if (!pending) {
    pending = load(path, schema);
    cache.set(path, pending);
    // Failures are not cached: the next visit tries again.
    pending.catch(() => cache.delete(path));
  }
  if (!signal) return pending;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new DOMException('Aborted', 'AbortError'));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    pending.then(resolve, reject);
  });
}

export const query = (params: Record<string, string | undefined>): string => {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const fetchCatalogue = (signal?: AbortSignal): Promise<CatalogueResponse> =>
  getJson('/api/indicators', catalogueResponseSchema, signal);

export const fetchAreas = (signal?: AbortSignal): Promise<AreasResponse> => getJson('/api/areas', areasResponseSchema, signal);

export const fetchPeriods = (signal?: AbortSignal): Promise<PeriodsResponse> => getJson('/api/periods', periodsResponseSchema, signal);

export interface IndicatorParams {
  area?: string;
  period?: string;
  /** Needed with period=all for financial years; a single period's label says its type. */
  period_type?: string;
  by?: string;
}

export const indicatorPath = (id: string, params: IndicatorParams): string => `/api/indicators/${encodeURIComponent(id)}${query({ ...params })}`;

export const fetchIndicator = (
  id: string,
  params: IndicatorParams,
  signal?: AbortSignal,
): Promise<IndicatorResponse> => getJson(indicatorPath(id, params), indicatorResponseSchema, signal);

export const benchmarkPath = (id: string, period?: string): string =>
  `/api/benchmarks/${encodeURIComponent(id)}${query({ period })}`;

export const fetchBenchmark = (id: string, period: string | undefined, signal?: AbortSignal): Promise<BenchmarkResponse> =>
  getJson(benchmarkPath(id, period), benchmarkResponseSchema, signal);

export const fetchDataStatus = (signal?: AbortSignal): Promise<DataStatusResponse> =>
  getJson('/api/data-status', dataStatusResponseSchema, signal);
