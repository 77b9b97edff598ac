import { neutralise } from './neutralise.ts';

// RFC 4180 CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, fields quoted
// when they hold a quote, comma, CR or LF (quotes doubled). Text is neutralised
// against formula injection; numbers are written as numbers.

export type CsvValue = string | number;

export const UTF8_BOM = '\uFEFF';

export function csvField(value: CsvValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
    return String(value);
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
