import { closeSync, openSync, writeSync } from 'node:fs';

// RFC 4180 CSV with a header row and LF line ends, written in ~1 MB chunks so memory
// stays flat however many rows a table has.

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

const CHUNK = 1 << 20;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export class CsvWriter {
  private readonly fd: number;
  private lines: string[] = [];
  private size = 0;
  private checked = false;
  rows = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly string[],
  ) {
    this.fd = openSync(path, 'w');
    this.lines.push(`${columns.join(',')}\n`);
  }

  write(row: Row): void {
    if (!this.checked) {
      // Once per file: a misspelt column would otherwise be written as an empty cell.
      const unknown = Object.keys(row).filter((k) => !this.columns.includes(k));
      if (unknown.length) throw new Error(`${this.path}: unknown column(s) ${unknown.join(', ')}`);
      this.checked = true;
    }
    const cells = new Array<string>(this.columns.length);
    for (let i = 0; i < this.columns.length; i++) cells[i] = csvCell(row[this.columns[i] as string]);
    const line = `${cells.join(',')}\n`;
    this.lines.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.lines.length) writeSync(this.fd, this.lines.join(''));
    this.lines = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
