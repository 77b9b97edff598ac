// Parser for the MoJ "SEND Appeal rate table 1" spreadsheet export
// (supporting-files/SEND Tribunals and appeal rate 2014-2024.csv): a title row,
// a two-row header (year, then measure), regional headings, footnote digits
// glued to names and headers, thousands separators, "1.30%" rates and symbols.
// Rows arrive already split by DuckDB's read_csv (header=false, all_varchar).

export type Cell = string | null;

export interface TribunalRecord {
  /** LA name as printed by MoJ, footnote digits removed; 'England' for the total. */
  name: string;
  isEngland: boolean;
  year: number;
  appeals: number | null;
  decisions: number | null;
  /** Published appeal rate, % (0–100). */
  rate: number | null;
}

const MEASURES = ['Appeals registered', 'Total Appealable Decisions', 'SEND Tribunal Appeal Rate'] as const;

// MoJ symbols: '-' nil (a true zero), '..' not available, '~' suppressed, 'x'.
const NIL = new Set(['-']);
const MISSING = new Set(['', '..', '~', 'x', 'c', 'z', 'low', 'u', ':']);

/** Removes footnote markers glued to the end of a label: `Cumberland8`, `Total Appealable Decisions1,9`. */
export function stripFootnote(label: string): string {
  return label.replace(/\d+(,\d+)*$/, '').trim();
}

function isMissing(cell: Cell | undefined): boolean {
  return cell == null || MISSING.has(cell.trim().toLowerCase());
}

function isNotAvailable(cell: Cell | undefined): boolean {
  return cell == null || cell.trim() === '' || cell.trim() === '..';
}

export function parseMojCount(cell: Cell | undefined): number | null {
  if (isMissing(cell)) return null;
  const s = (cell as string).trim();
  if (NIL.has(s)) return 0;
  if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(s)) throw new Error(`unexpected count in tribunal file: ${JSON.stringify(cell)}`);
  return Number(s.replaceAll(',', ''));
}

export function parseMojRate(cell: Cell | undefined): number | null {
  if (isMissing(cell)) return null;
  const s = (cell as string).trim();
  if (NIL.has(s)) return 0;
  const m = /^(\d+(\.\d+)?)%$/.exec(s);
  if (!m) throw new Error(`unexpected rate in tribunal file: ${JSON.stringify(cell)}`);
  return Number(m[1]);
}

// The 2024 "Total Appealable Decisions" of these two LAs are swapped in the
// MoJ table: Cambridgeshire's 4,410 equals Central Bedfordshire's total rebuilt
// from the DfE files (Jan-2025 plans + refusals + not issued + ceased needs met),
// and Central Bedfordshire's 8,246 is within 8 of Cambridgeshire's. We do not
// know which appeal counts are right, so the denominators (and rates) are dropped.
const MISATTRIBUTED_DECISIONS = new Set(['Cambridgeshire|2024', 'Central Bedfordshire|2024']);

export function parseTribunalTable(rows: readonly (readonly Cell[])[]): TribunalRecord[] {
  const yearRowIndex = rows.findIndex((r) => r[0]?.trim() === 'Local Authority');
  if (yearRowIndex < 0) throw new Error('tribunal file: header row "Local Authority" not found');
  const yearRow = rows[yearRowIndex] ?? [];
  const measureRow = rows[yearRowIndex + 1] ?? [];

  const yearColumns: { year: number; column: number }[] = [];
  yearRow.forEach((cell, column) => {
    const year = cell?.trim() ?? '';
    if (!/^\d{4}$/.test(year)) return;
    MEASURES.forEach((measure, offset) => {
      const label = stripFootnote(measureRow[column + offset] ?? '');
      if (label !== measure) {
        throw new Error(`tribunal file: expected "${measure}" under ${year}, found "${label}"`);
      }
    });
    yearColumns.push({ year: Number(year), column });
  });
  if (yearColumns.length === 0) throw new Error('tribunal file: no year columns found');

  const records: TribunalRecord[] = [];
  for (const row of rows.slice(yearRowIndex + 2)) {
    const rawName = row[0]?.trim() ?? '';
    if (/^Sources:/i.test(rawName)) break; // notes and symbol legend follow
    const name = stripFootnote(rawName);
    const cells = yearColumns.flatMap(({ column }) => [row[column], row[column + 1], row[column + 2]]);
    // Regional headings (NORTH EAST …) and blank rows carry no figures.
    if (name === '' || cells.every((c) => c == null || c.trim() === '')) continue;
    // A partial total that would double count; the full England total is kept.
    if (/excluding suppressed/i.test(name)) continue;
    const isEngland = /^England total$/i.test(name);
    for (const { year, column } of yearColumns) {
      const triple = [row[column], row[column + 1], row[column + 2]];
      // '..' throughout: the LA did not exist that year (boundary changes).
      // Suppressed cells ('~', 'x') still give a row, with nulls.
      if (triple.every(isNotAvailable)) continue;
      const appeals = parseMojCount(triple[0]);
      let decisions = parseMojCount(triple[1]);
      let rate = parseMojRate(triple[2]);
      if (MISATTRIBUTED_DECISIONS.has(`${name}|${year}`)) {
        decisions = null;
        rate = null;
      }
      records.push({ name: isEngland ? 'England' : name, isEngland, year, appeals, decisions, rate });
    }
  }
  return records;
}

// MoJ spellings that differ from DfE's beyond case and punctuation.
const NAME_ALIASES: Record<string, string> = {
  durham: 'county durham',
  herefordshire: 'herefordshire county of',
};

// Pre-reorganisation LAs in the MoJ table; they are not among the 153 current LAs.
const LEGACY_NAMES = new Set(['cumbria', 'northamptonshire', 'bournemouth', 'poole']);

export function normaliseLaName(name: string): string {
  const n = name
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/[.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return NAME_ALIASES[n] ?? n;
}

/**
 * Maps MoJ LA names to area codes through DfE names (the table's own "LA code"
 * column is wrong for Nottingham, Nottinghamshire, Northamptonshire,
 * Cambridgeshire and Central Bedfordshire, so names are the key).
 * Returns undefined for legacy LAs; throws for a name it cannot place.
 */
export function makeLaNameMatcher(las: readonly { area_code: string; area_name: string }[]) {
  const byName = new Map<string, string>();
  for (const la of las) byName.set(normaliseLaName(la.area_name), la.area_code);
  return (mojName: string): string | undefined => {
    const key = normaliseLaName(mojName);
    const code = byName.get(key);
    if (code !== undefined) return code;
    if (LEGACY_NAMES.has(key)) return undefined;
    throw new Error(`tribunal file: LA name "${mojName}" does not match any current LA`);
  };
}
