import type { z } from 'zod';
import {
  catalogueResponseSchema,
  indicatorResponseSchema,
  type CatalogueResponse,
  type IndicatorResponse,
} from '../../server/api/contract.ts';

export class ApiError extends Error {}

async function getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && typeof body === 'object' && 'error' in body ? String(body.error) : response.statusText;
    throw new ApiError(message);
  }
  return schema.parse(body);
}

export const fetchCatalogue = (signal?: AbortSignal): Promise<CatalogueResponse> =>
  getJson('/api/indicators', catalogueResponseSchema, signal);

export function fetchIndicator(
  id: string,
  params: { area?: string; period?: string; by?: string },
  signal?: AbortSignal,
): Promise<IndicatorResponse> {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  return getJson(`/api/indicators/${encodeURIComponent(id)}?${search}`, indicatorResponseSchema, signal);
}
