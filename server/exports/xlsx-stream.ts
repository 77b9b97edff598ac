import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { neutralise } from './neutralise.ts';
import { exportNumber } from './csv.ts';

// A streaming .xlsx writer on exceljs's WorkbookWriter (rows are written to the zip
// as they are committed, so a large workbook is never held in memory) with the two
// things that writer lacks in exceljs 4.4: Excel tables (ListObjects, `addTable` only
// exists on the in-memory Workbook) and internal hyperlinks to another sheet.
// Both are added as the same OOXML parts Excel and exceljs's own Workbook write:
//   xl/tables/tableN.xml + a sheet relationship + <tableParts> + a content type;
//   <hyperlink ref="A5" location="'Sheet'!A1"/> (no relationship).
// These hooks use WorksheetWriter internals; `internals()` checks they are there.

export type Cell = string | number | null;

export interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: string; // ARGB
  underline?: boolean;
  wrap?: boolean;
}

interface SheetRelsInternals {
  addRelationship(rel: { Type: string; Target: string }): string;
  _hyperlinks: { address: string; target?: string; rId?: string }[];
}
interface WorksheetInternals {
  _sheetRelsWriter: SheetRelsInternals;
  _write(text: string): void;
  _writeCloseWorksheet(): void;
}
interface WorkbookInternals {
  zip: { append(source: string, data: { name: string }): unknown };
}

const TABLE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';
const TABLE_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';

function internals<T>(target: object, members: string[], what: string): T {
  for (const m of members) {
    const path = m.split('.');
    let v: unknown = target;
    for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    if (v === undefined) throw new Error(`exceljs ${what} has no ${m}: the streaming table/hyperlink hooks need exceljs 4.4`);
  }
  return target as T;
}

export const xmlEscape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;

/** A valid, unique sheet name (at most 31 characters, none of []:*?/\, no edge apostrophes). */
export function sheetName(base: string, used: Set<string>): string {
  const clean = base.replace(INVALID_SHEET_CHARS, '-').replace(/^'+|'+$/g, '').trim() || 'Sheet';
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : ` (${i})`;
    const name = clean.slice(0, 31 - suffix.length).replace(/'+$/, '') + suffix;
    if (!used.has(name.toLowerCase()) && name.toLowerCase() !== 'history') {
      used.add(name.toLowerCase());
      return name;
    }
  }
}

/** A valid, unique table name: letters, digits and underscores, starting "Table_". */
export function tableName(base: string, used: Set<string>): string {
  const clean = `Table_${base.replace(/[^A-Za-z0-9_]+/g, '_')}`.slice(0, 200);
  for (let i = 1; ; i++) {
    const name = i === 1 ? clean : `${clean}_${i}`;
    if (!used.has(name.toLowerCase())) {
      used.add(name.toLowerCase());
      return name;
    }
  }
}

export interface TableColumn {
  header: string;
  /** Excel number format for the column's numbers, e.g. '#,##0' or '0.0'. */
  numFmt?: string;
  /** Font of the column's data cells. */
  style?: TextStyle;
}

/** The output (e.g. the HTTP response) closed before the workbook was finished. */
export class OutputClosedError extends Error {
  constructor() {
    super('the output closed before the workbook was finished');
  }
}

export class StreamingWorkbook {
  private readonly writer: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly outputClosed: Promise<never>;
  private closedEarly = false;
  private readonly tableParts: string[] = [];
  private readonly sheetNames = new Set<string>();
  private readonly tableNames = new Set<string>();

  constructor(out: Writable, properties: { title: string; subject?: string; creator?: string }) {
    this.writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
    this.writer.title = properties.title;
    this.writer.subject = properties.subject ?? '';
    this.writer.creator = properties.creator ?? 'SEND Joint Commissioning Dashboard';
    this.writer.created = new Date();
    // exceljs waits for 'finish' and would wait forever on an output closed early
    // (a download cancelled half-way): notice it and stop instead.
    let finished = false;
    out.once('finish', () => (finished = true));
    this.outputClosed = new Promise<never>((_resolve, reject) =>
      out.once('close', () => {
        if (finished) return;
        this.closedEarly = true;
        reject(new OutputClosedError());
      }),
    );
    this.outputClosed.catch(() => undefined);
    const zip = internals<WorkbookInternals>(this.writer, ['zip.append'], 'WorkbookWriter').zip;
    const append = zip.append.bind(zip);
    zip.append = (source, data) => {
      if (data.name === '[Content_Types].xml' && typeof source === 'string' && this.tableParts.length) {
        const overrides = this.tableParts.map((p) => `<Override PartName="/${p}" ContentType="${TABLE_CONTENT_TYPE}"/>`).join('');
        return append(source.replace('</Types>', `${overrides}</Types>`), data);
      }
      return append(source, data);
    };
  }

  /** Adds a sheet; its name is made valid and unique (returned as `sheet.name`). */
  addSheet(name: string, widths: number[]): StreamingSheet {
    if (this.closedEarly) throw new OutputClosedError();
    const unique = sheetName(name, this.sheetNames);
    const ws = this.writer.addWorksheet(unique);
    ws.columns = widths.map((width) => ({ width }));
    return new StreamingSheet(this, ws, unique);
  }

  /** @internal used by StreamingSheet */
  registerTable(xml: (id: number) => string): { id: number; part: string } {
    const id = this.tableParts.length + 1;
    const part = `xl/tables/table${id}.xml`;
    this.tableParts.push(part);
    internals<WorkbookInternals>(this.writer, ['zip.append'], 'WorkbookWriter').zip.append(xml(id), { name: part });
    return { id, part };
  }

  /** @internal */
  uniqueTableName(base: string): string {
    return tableName(base, this.tableNames);
  }

  /** Commits every sheet and finishes the zip on the output stream. */
  async commit(): Promise<void> {
    if (this.closedEarly) throw new OutputClosedError();
    await Promise.race([this.writer.commit(), this.outputClosed]);
  }
}

export class StreamingSheet {
  private rowNumber = 0;
  private readonly tables: string[] = [];
  private readonly ws: ExcelJS.Worksheet & WorksheetInternals;

  constructor(
    private readonly book: StreamingWorkbook,
    ws: ExcelJS.Worksheet,
    readonly name: string,
  ) {
    this.ws = internals<ExcelJS.Worksheet & WorksheetInternals>(
      ws,
      ['_sheetRelsWriter.addRelationship', '_sheetRelsWriter._hyperlinks', '_write', '_writeCloseWorksheet'],
      'WorksheetWriter',
    );
    const close = this.ws._writeCloseWorksheet.bind(this.ws);
    this.ws._writeCloseWorksheet = () => {
      if (this.tables.length) {
        this.ws._write(`<tableParts count="${this.tables.length}">${this.tables.map((rId) => `<tablePart r:id="${rId}"/>`).join('')}</tableParts>`);
      }
      close();
    };
  }

  /** The next row number (1-based). */
  get nextRow(): number {
    return this.rowNumber + 1;
  }

  /** Writes one row of cells; text is neutralised against formula injection. Returns its number. */
  addRow(cells: readonly Cell[], style: TextStyle = {}, columns: readonly (TableColumn | undefined)[] = []): number {
    const row = this.ws.addRow(cells.map((c) => (typeof c === 'string' ? neutralise(c) : typeof c === 'number' && Number.isFinite(c) ? exportNumber(c) : c)));
    this.rowNumber = row.number;
    cells.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const s = { ...style, ...columns[i]?.style };
      if (s.bold || s.size || s.color || s.underline) {
        cell.font = { bold: s.bold ?? false, size: s.size ?? 11, underline: s.underline ?? false, ...(s.color ? { color: { argb: s.color } } : {}) };
      }
      if (s.wrap) cell.alignment = { wrapText: true, vertical: 'top' };
      const fmt = columns[i]?.numFmt;
      if (fmt && typeof c === 'number') cell.numFmt = fmt;
    });
    row.commit();
    return this.rowNumber;
  }

  /**
   * Writes an Excel table: a header row then the data rows, starting in column A on
   * the next row. No blank cells: `null` is refused, use a symbol such as [x].
   */
  addTable(base: string, columns: readonly TableColumn[], rows: readonly (readonly Cell[])[]): string {
    const table = this.startTable(base, columns, rows);
    for (const r of rows) this.addTableRow(table.name, columns, r);
    return this.finishTable(table, columns, rows.length);
  }

  /**
   * addTable for big tables on a server: gives the event loop a turn every `rowsPerTurn` rows, so a workbook of
   * tens of thousands of rows does not hold up every other request while it is written.
   */
  async addTableYielding(base: string, columns: readonly TableColumn[], rows: readonly (readonly Cell[])[], rowsPerTurn = 200): Promise<string> {
    const table = this.startTable(base, columns, rows);
    for (const [i, r] of rows.entries()) {
      if (i > 0 && i % rowsPerTurn === 0) await setImmediate();
      this.addTableRow(table.name, columns, r);
    }
    return this.finishTable(table, columns, rows.length);
  }

  private startTable(base: string, columns: readonly TableColumn[], rows: readonly (readonly Cell[])[]): { name: string; top: number; headers: string[] } {
    if (rows.length === 0) throw new RangeError(`table ${base} has no rows`);
    const headers = columns.map((c) => c.header);
    if (new Set(headers.map((h) => h.toLowerCase())).size !== headers.length) throw new RangeError(`table ${base} has duplicate headers`);
    const name = this.book.uniqueTableName(base);
    const top = this.addRow(headers, { bold: true, wrap: true });
    return { name, top, headers };
  }

  private addTableRow(name: string, columns: readonly TableColumn[], r: readonly Cell[]): void {
    if (r.length !== columns.length || r.some((c) => c === null || c === '')) throw new RangeError(`table ${name}: blank or missing cell`);
    this.addRow(r, {}, columns);
  }

  private finishTable({ name, top, headers }: { name: string; top: number; headers: string[] }, columns: readonly TableColumn[], rowCount: number): string {
    const ref = `A${top}:${columnLetter(columns.length)}${top + rowCount}`;
    const { part } = this.book.registerTable(
      (id) =>
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${name}" displayName="${name}" ref="${ref}" totalsRowShown="0" headerRowCount="1">` +
        `<autoFilter ref="${ref}"/>` +
        `<tableColumns count="${columns.length}">${headers.map((h, i) => `<tableColumn id="${i + 1}" name="${xmlEscape(neutralise(h))}"/>`).join('')}</tableColumns>` +
        '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
        '</table>',
    );
    this.tables.push(this.ws._sheetRelsWriter.addRelationship({ Type: TABLE_REL, Target: `../${part.slice('xl/'.length)}` }));
    return name;
  }

  /** Makes the cell a link to A1 of another sheet of this workbook (styled as a link). */
  linkToSheet(address: string, sheet: string): void {
    this.ws._sheetRelsWriter._hyperlinks.push({ address, target: `'${sheet.replaceAll("'", "''")}'!A1` });
  }

  commit(): void {
    this.ws.commit();
  }
}
