import { neutralise } from './neutralise.ts';

// RFC 4180 CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, fields quoted
// when they hold a quote, comma, CR or LF (quotes doubled). Text is neutralised
// against formula injection; numbers are written as numbers.

export type CsvValue = string | number;

export const UTF8_BOM = '\uFEFF';

/** Decimal places of every non-whole number in a CSV or workbook (stated in the metadata and the workbook notes). */
export const EXPORT_DECIMALS = 6;

/**
 * A number as exports write it: rounded to EXPORT_DECIMALS places, far finer than any figure is known, which drops
 * binary floating-point noise (30.812549999999998 becomes 30.81255). Whole numbers are unchanged.
 */
export function exportNumber(value: number): number {
  if (Number.isInteger(value)) return value;
  const rounded = Number(value.toFixed(EXPORT_DECIMALS));
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function csvField(value: CsvValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
    return String(exportNumber(value));
  }
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (values: readonly CsvValue[]): string => `${values.map(csvField).join(',')}\r\n`;

/** A whole CSV document: BOM, header line, one line per record. */
export function csvDocument(header: readonly string[], records: Iterable<readonly CsvValue[]>): string {
  const lines = [UTF8_BOM, csvLine(header)];
  for (const record of records) {
    if (record.length !== header.length) throw new RangeError(`CSV record has ${record.length} fields, header has ${header.length}`);
    lines.push(csvLine(record));
  }
  return lines.join('');
}

/** A file name safe in Content-Disposition and on every file system: only [a-z0-9_-]. */
export function safeFileStem(parts: readonly string[]): string {
  const slug = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-$/g, '') || 'x';
  return parts.map(slug).join('_').slice(0, 180);
}

export const attachment = (fileName: string): string => {
  if (!/^[a-z0-9_-]+\.(csv|xlsx)$/.test(fileName)) throw new RangeError(`unsafe file name ${fileName}`);
  return `attachment; filename="${fileName}"`;
};
