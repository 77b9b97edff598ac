import { exportPath } from '../../export-links.ts';

/** The CSV export of the same view: the link behind every chart's "Download this table". */
export const exportHref = (id: string, params: Record<string, string | undefined>): string =>
  exportPath(`${encodeURIComponent(id)}.csv`, params);
