import { useSyncExternalStore } from 'react';
import { meResponseSchema, usersResponseSchema, type MeResponse, type Role, type UsersResponse } from '../../contract/auth.ts';
import { navigate } from './router.tsx';

// The signed-in user, as GET /api/auth/me tells it, in a small external store; sign-in and sign-out; and what the
// app does when the API answers 401 (go to the sign-in page, then back) or 403 (show "you do not have access").
// The session cookie is HttpOnly: this code never sees it, only the CSRF token it echoes on state changes.

export const roleLabels: Record<Role, string> = { viewer: 'Viewer', commissioner: 'Commissioner', analyst: 'Analyst', admin: 'Administrator' };

export type Session = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; me: MeResponse };

let session: Session = { status: 'loading' };
/** Set when the API refused the current page's request with 403; cleared on the next navigation. */
let forbidden = false;
const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useSession = (): Session => useSyncExternalStore(subscribe, () => session);
export const useForbidden = (): boolean => useSyncExternalStore(subscribe, () => forbidden);
export function clearForbidden(): void {
  if (!forbidden) return;
  forbidden = false;
  emit();
}

async function readJson(response: Response): Promise<unknown> {
  return response.json().catch(() => null);
}

const errorOf = (body: unknown, fallback: string): string =>
  body && typeof body === 'object' && 'error' in body && typeof body.error === 'string' ? body.error : fallback;

export async function refreshSession(): Promise<void> {
  try {
    const response = await fetch('/api/auth/me', { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw new Error(errorOf(await readJson(response), response.statusText));
    session = { status: 'ready', me: meResponseSchema.parse(await readJson(response)) };
  } catch (error) {
    session = { status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  emit();
}

const csrfToken = (): string | null => (session.status === 'ready' ? session.me.csrf_token : null);

/** The return address after signing in: only a path in this app, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function signInUrl(): string {
  const here = window.location.pathname + window.location.search + window.location.hash;
  return here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
}

/** Called by every API fetch: 401 → the sign-in page (and back afterwards); 403 → the no-access page. */
export function handleAuthStatus(status: number): void {
  if (status === 401 && !window.location.pathname.startsWith('/sign-in')) {
    if (session.status === 'ready' && session.me.user) session = { status: 'ready', me: { user: null, csrf_token: null } };
    navigate(signInUrl(), { replace: true });
    emit();
  } else if (status === 403 && !forbidden) {
    forbidden = true;
    emit();
  }
}

/** A state-changing request with the session's CSRF token; JSON in and out. Throws with the server's message. */
export async function sendJson<T>(method: 'POST' | 'DELETE', path: string, body: unknown, parse: (data: unknown) => T): Promise<T> {
  const token = csrfToken();
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', ...(token ? { 'X-CSRF-Token': token } : {}) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const data = await readJson(response);
  if (!response.ok) {
    if (response.status === 401) handleAuthStatus(401);
    throw new Error(errorOf(data, `The server answered ${response.status}`));
  }
  return parse(data);
}

export async function signIn(name: string, password: string): Promise<void> {
  session = { status: 'ready', me: await sendJson('POST', '/api/auth/sign-in', { name, password }, (d) => meResponseSchema.parse(d)) };
  emit();
}

export async function signOut(): Promise<void> {
  await sendJson('POST', '/api/auth/sign-out', undefined, (d) => meResponseSchema.parse(d)).catch(() => null);
  session = { status: 'ready', me: { user: null, csrf_token: null } };
  forbidden = false;
  // A full load: nothing of the previous user's figures stays in memory (the API cache included).
  window.location.assign('/sign-in');
}

export const fetchUsers = async (): Promise<UsersResponse> => {
  const response = await fetch('/api/admin/users', { headers: { accept: 'application/json' }, cache: 'no-store' });
  const data = await readJson(response);
  if (!response.ok) {
    handleAuthStatus(response.status);
    throw new Error(errorOf(data, response.statusText));
  }
  return usersResponseSchema.parse(data);
};
