import { analyticsTableList, type AnalyticsTableId } from '../../contract/analytics-tables.ts';
import { roleAtLeast } from '../../contract/auth.ts';
import { useSession } from './auth.ts';

// Addresses of the server's downloads (server/exports), built in one place for every page.

/** GET /api/export/<file>?<params>, leaving out empty parameters. */
export function exportPath(file: string, params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return `/api/export/${file}${search ? `?${search}` : ''}`;
}

/** The tidy CSV of an analytics table for the same query as the page's JSON request. */
export const analyticsCsvPath = (id: AnalyticsTableId, params: Record<string, string | undefined> = {}): string =>
  exportPath(`analytics/${encodeURIComponent(id)}.csv`, params);

export const analyticsTableTitle = (id: AnalyticsTableId): string => analyticsTableList.find((t) => t.id === id)?.title ?? id;

/** Downloads are for analysts (server/auth/route-roles.ts: /api/export/*): other roles get no link that would be refused. */
export function useCanDownload(): boolean {
  const session = useSession();
  return session.status === 'ready' && session.me.user !== null && roleAtLeast(session.me.user.role, 'analyst');
}

export { analyticsTableList, type AnalyticsTableId };
