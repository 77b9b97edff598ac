import type { Writable } from 'node:stream';
import type { DataNotice } from '../../contract/common.ts';
import type { IndicatorMeta } from '../../contract/indicators.ts';
import type { IndicatorGroup } from '../indicators/types.ts';
import { disclosureRule as analyticsDisclosureRule } from '../disclosure/cells.ts';
import { ciMethodText, comparisonText, disclosureText, SYNTHETIC_WARNING } from './metadata.ts';
import type { Provenance } from './provenance.ts';
import { symbolMeanings, type DfeSymbol, type TidyColumn, type TidyRow, type TidyValue } from './tidy.ts';
import type { AnalyticsColumn, AnalyticsRow, AnalyticsTable } from './analytics-tables.ts';
import { sheetName, StreamingWorkbook, type Cell, type StreamingSheet, type TableColumn } from './xlsx-stream.ts';

// A JSNA chapter as a workbook laid out as the Government Analysis Function guidance
// "Releasing statistics in spreadsheets" shows: Cover, Contents and Notes sheets, then
// one table per sheet (title in A1, one line of description, a data-status line, the
// table from A4), each an Excel table with a header row; no merged cells, no blank
// cells in a table. Symbols are in square brackets ([c], [x], [z]) as the guidance
// recommends; numbers stay numbers (to 6 decimal places, shown to one decimal place).

export const chapters = ['needs', 'gaps', 'outcomes', 'all'] as const;
export type Chapter = (typeof chapters)[number];

export const chapterTitles: Record<Chapter, string> = {
  needs: 'Needs',
  gaps: 'Gaps in provision',
  outcomes: 'Outcomes',
  all: 'Needs, gaps and outcomes',
};

export const inChapter = (chapter: Chapter, group: IndicatorGroup): boolean => chapter === 'all' || chapter === group;

/** The workbook's spelling of a symbol: in square brackets. */
export const bracketed = (v: TidyValue): Cell => (v === 'c' || v === 'x' || v === 'z' ? `[${v}]` : v);

export interface WorkbookTable {
  indicator: IndicatorMeta;
  rows: TidyRow[];
}

/** An analytics table (server/exports/analytics-tables.ts) with its rows for the workbook's queries. */
export interface WorkbookAnalyticsTable {
  table: Pick<AnalyticsTable, 'id' | 'title' | 'description' | 'columns' | 'sources' | 'endpoint'>;
  rows: AnalyticsRow[];
  method: [string, string][];
}

export interface WorkbookInput {
  chapter: Chapter;
  laName: string;
  notice: DataNotice;
  provenance: Provenance;
  threshold: number;
  tables: WorkbookTable[];
  /** Analytics tables of the chapter, each on its own sheet after the indicators. */
  analytics?: WorkbookAnalyticsTable[];
  generatedAt: Date;
  /** Who to contact (PUBLICATION_CONTACT); null or missing: the cover says how to set it. */
  contact?: string | null;
}

/** The cover's Contact line when the server has none: what to do, not a placeholder left in a published file. */
export const NO_CONTACT =
  'No contact is set on this server. Before publishing this workbook, ask the dashboard administrator to set PUBLICATION_CONTACT (name, team and email address) and download the workbook again.';

const COUNT = '#,##0';
const DECIMAL = '#,##0.0';

function indicatorColumns(indicator: IndicatorMeta): [TidyColumn, TableColumn][] {
  const unit = indicator.unit_label;
  return [
    ['time_period', { header: 'Period', numFmt: '0' }],
    ['area_code', { header: 'Area code' }],
    ['area_name', { header: 'Area name' }],
    ['geographic_level', { header: 'Geographic level' }],
    ['breakdown', { header: 'Breakdown' }],
    ['breakdown_value', { header: 'Breakdown value' }],
    ['numerator', { header: 'Numerator', numFmt: COUNT }],
    ['denominator', { header: 'Denominator', numFmt: COUNT }],
    ['value', { header: `Value (${unit})`, numFmt: DECIMAL }],
    ['lower_95', { header: 'Lower 95% confidence limit', numFmt: DECIMAL }],
    ['upper_95', { header: 'Upper 95% confidence limit', numFmt: DECIMAL }],
    ['lower_99_8', { header: 'Lower 99.8% confidence limit', numFmt: DECIMAL }],
    ['upper_99_8', { header: 'Upper 99.8% confidence limit', numFmt: DECIMAL }],
    ['england_value', { header: `England value (${unit})`, numFmt: DECIMAL }],
    ['england_significance', { header: 'Compared with England' }],
    ['region_value', { header: `Region value (${unit})`, numFmt: DECIMAL }],
    ['region_significance', { header: 'Compared with region' }],
    ['neighbours_value', { header: `Statistical neighbours mean (${unit})`, numFmt: DECIMAL }],
    ['neighbours_significance', { header: 'Compared with statistical neighbours' }],
    ['published_value', { header: `Published DfE figure for the LA (${unit})`, numFmt: DECIMAL }],
    ['la_value', { header: `LA value (${unit})`, numFmt: DECIMAL }],
    ['la_significance', { header: 'Compared with LA' }],
    ['rounded', { header: ROUNDED_HEADER }],
  ];
}

/** The indicator sheets' last column: whether the row's counts are rounded (Yes / No; the Notes sheet says why). */
const ROUNDED_HEADER = 'Counts rounded to the nearest 5';
const yesNo = (v: TidyValue): Cell => (v === 'true' ? 'Yes' : 'No');

/** Header text of an indicator sheet's table, in order (for tests and docs). */
export const indicatorTableHeaders = (indicator: IndicatorMeta): string[] => indicatorColumns(indicator).map(([, c]) => c.header);
export const indicatorTableKeys = (indicator: IndicatorMeta): TidyColumn[] => indicatorColumns(indicator).map(([k]) => k);

const RED = 'FFC00000';
const LINK = 'FF0563C1';

function statusLine(input: WorkbookInput): string {
  const { notice, provenance } = input;
  if (notice.synthetic) return SYNTHETIC_WARNING;
  return `Source: anonymised extract for ${input.laName} (${notice.la_code ?? 'x'}), extract date ${notice.extract_date ?? 'x'}, load run ${provenance.runId}.`;
}

function header(sheet: StreamingSheet, title: string, description: string, input: WorkbookInput): void {
  sheet.addRow([title], { bold: true, size: 15 });
  sheet.addRow([description]);
  sheet.addRow([statusLine(input)], input.notice.synthetic ? { bold: true, color: RED } : {});
}

interface Note {
  number: string;
  text: string;
}

function notes(input: WorkbookInput, sheets: readonly SheetSpec[]): { list: Note[]; sheetNote: Map<string, string> } {
  const list: Note[] = [];
  const add = (text: string): string => {
    const number = `[note ${list.length + 1}]`;
    list.push({ number, text });
    return number;
  };
  add(
    input.notice.synthetic
      ? SYNTHETIC_WARNING
      : `Figures are computed from an anonymised extract of ${input.laName}'s EHC plan and related records (extract date ${input.notice.extract_date ?? 'x'}, load run ${input.provenance.runId}).`,
  );
  add(`Disclosure control: ${disclosureText(input.threshold)}`);
  for (const [symbol, meaning] of Object.entries(symbolMeanings) as [DfeSymbol, string][]) add(`[${symbol}] ${meaning}.`);
  add(`Confidence intervals: ${ciMethodText.wilson} for percentages; ${ciMethodText.byar} for rates.`);
  add(comparisonText);
  add('Values and intervals are stored to 6 decimal places (which removes floating-point noise) and shown to one decimal place; counts are whole numbers.');
  add(`${ROUNDED_HEADER}: Yes on a row whose numerator and denominator are rounded to the nearest 5 to protect privacy (an LA total whose complement, denominator minus numerator, is too small to publish); its value and intervals are worked out from the rounded counts. No: the counts are exact, or suppressed ([c]).`);
  add('Localities are defined by the local authority; a locality is compared with its LA, an LA with England, its region and its statistical neighbours.');
  add("Text that began with =, +, -, @, a tab or a carriage return starts with an apostrophe (') so that a spreadsheet cannot run it as a formula.");
  if (sheets.some((sheet) => sheet.kind === 'analytics')) {
    add(`Commissioning analytics tables (the dashboard's analytics pages): ${analyticsDisclosureRule(input.threshold)} Capacity, places and rates from the directory and population estimates are not suppressed. Each table holds the latest complete period for the LA and each locality.`);
  }
  const sheetNote = new Map<string, string>();
  for (const sheet of sheets) sheetNote.set(sheet.id, add(sheet.note));
  return { list, sheetNote };
}

/** One table sheet of the workbook, whatever it holds. */
interface SheetSpec {
  kind: 'indicator' | 'analytics';
  id: string;
  /** Contents: table title and unit. */
  title: string;
  unit: string;
  /** The sheet's A1 title and A2 description (the note reference is added). */
  heading: string;
  description: string;
  /** The sheet's note on the Notes sheet. */
  note: string;
  columns: TableColumn[];
  widths: number[];
  body: Cell[][];
}

function indicatorSheet(input: WorkbookInput, { indicator: i, rows }: WorkbookTable): SheetSpec {
  const period = periodRange(rows);
  const columns = indicatorColumns(i);
  return {
    kind: 'indicator',
    id: i.id,
    title: i.title,
    unit: i.unit_label,
    heading: `${i.title}: ${input.laName} and its localities${period ? `, ${period}` : ''}`,
    description: `${i.definition} Unit: ${i.unit_label}.`,
    note:
      `${i.title} (${i.id}): ${i.definition} Numerator: ${i.numerator}. Denominator: ${i.denominator}. Unit: ${i.unit_label}. ` +
      `Polarity: ${i.polarity}. Confidence interval: ${ciMethodText[i.ci_method]}. Sources: ${i.sources.join(', ')}. ` +
      `Disclosure: ${i.disclosure}${i.benchmark ? ` Benchmark: ${i.benchmark}.` : ''}`,
    columns: columns.map(([, c]) => c),
    widths: [8, 18, 24, 16, 14, 16, 12, 14, 14, 14, 14, 14, 14, 14, 16, 14, 16, 16, 18, 18, 14, 14, 16],
    body: rows.length
      ? rows.map((r) => columns.map(([key]) => (key === 'time_period' ? Number(r[key]) : key === 'rounded' ? yesNo(r[key]) : bracketed(r[key]))))
      : [columns.map(([key]) => (key === 'area_name' ? 'No rows in the loaded data' : '[x]'))],
  };
}

const analyticsFormat: Record<AnalyticsColumn['kind'], string | undefined> = { text: undefined, period: '0', count: COUNT, number: DECIMAL };

function analyticsSheet(input: WorkbookInput, { table, rows, method }: WorkbookAnalyticsTable): SheetSpec {
  const periods = [...new Set(rows.map((r) => String(r.time_period ?? '')).filter(Boolean))].sort();
  const period = periods.length === 0 ? '' : periods.length === 1 ? `, ${periods[0]}` : `, ${periods[0]} to ${periods.at(-1)}`;
  const cell = (column: AnalyticsColumn, v: AnalyticsRow[string] | undefined): Cell => {
    const value = v ?? 'x';
    // A calendar year is a number (as on the indicator sheets); a financial year stays text.
    if (column.kind === 'period' && typeof value === 'string' && /^\d{4}$/.test(value)) return Number(value);
    return bracketed(value);
  };
  return {
    kind: 'analytics',
    id: table.id,
    title: table.title,
    unit: 'See column headings',
    heading: `${table.title}: ${input.laName}${rows.some((r) => r.geographic_level === 'Locality') ? ' and its localities' : ''}${period}`,
    description: table.description,
    note: `${table.title} (${table.id}; ${table.endpoint}): ${table.description} ${method.map(([name, text]) => `${name}: ${text}`).join(' ')} Columns: ${table.columns.map((c) => `${c.name}: ${c.description}`).join('; ')}. Sources: ${table.sources.join(', ')}.`,
    columns: table.columns.map((c) => ({ header: c.header, ...(analyticsFormat[c.kind] ? { numFmt: analyticsFormat[c.kind] } : {}) })),
    widths: table.columns.map((c) => (c.kind === 'text' ? 22 : 14)),
    body: rows.length ? rows.map((r) => table.columns.map((c) => cell(c, r[c.name]))) : [table.columns.map((c, i) => (i === 0 ? 'No rows in the loaded data' : '[x]'))],
  };
}

function periodRange(rows: TidyRow[]): string {
  const periods = [...new Set(rows.map((r) => String(r.time_period)))].sort();
  if (periods.length === 0) return '';
  return periods.length === 1 ? String(periods[0]) : `${periods[0]} to ${periods.at(-1)}`;
}

/** Writes the whole workbook to `out` as it is built; resolves when the zip is finished. */
export async function writeChapterWorkbook(out: Writable, input: WorkbookInput): Promise<void> {
  const chapterTitle = chapterTitles[input.chapter];
  const title = `${chapterTitle}: SEND Joint Strategic Needs Assessment indicators for ${input.laName}`;
  const book = new StreamingWorkbook(out, {
    title: input.notice.synthetic ? `SYNTHETIC DATA — ${title}` : title,
    subject: 'Special educational needs and disabilities, children and young people aged 0 to 25',
  });
  const specs = [...input.tables.map((t) => indicatorSheet(input, t)), ...(input.analytics ?? []).map((t) => analyticsSheet(input, t))];
  const { list: noteList, sheetNote } = notes(input, specs);

  // Cover: one item per row, headings in bold, no tables or merged cells.
  const cover = book.addSheet('Cover', [110]);
  cover.addRow([title], { bold: true, size: 15 });
  if (input.notice.synthetic) cover.addRow([SYNTHETIC_WARNING], { bold: true, color: RED, wrap: true });
  const section = (heading: string, text: string): void => {
    cover.addRow([heading], { bold: true, size: 13 });
    cover.addRow([text], { wrap: true });
  };
  section(
    'About these tables',
    `Indicators of the "${chapterTitle}" chapter of the JSNA for children and young people aged 0 to 25 with special educational needs and disabilities (SEND) in ${input.laName} and its localities: every period in the extract, with confidence intervals and comparisons.${input.analytics?.length ? ' Then the chapter\'s commissioning analytics tables (as on the dashboard\'s analytics pages) for the latest complete period.' : ''} Each table is in its own worksheet; the Contents worksheet links to them and the Notes worksheet explains symbols and methods.`,
  );
  section(
    'Source',
    `Anonymised extract of EHC plan and related records for ${input.laName} (${input.notice.la_code ?? 'x'}). Extract date: ${input.notice.extract_date ?? 'x'}. Load run: ${input.provenance.runId}${input.provenance.loadedAt ? `, loaded ${input.provenance.loadedAt}` : ''}. Comparators: DfE "Education, health and care plans" release and ONS mid-year population estimates (Open Government Licence v3.0).`,
  );
  section('Data status', input.notice.synthetic ? SYNTHETIC_WARNING : 'Figures from an LA extract, with disclosure control applied.');
  section('Disclosure control', disclosureText(input.threshold));
  section('Produced', `SEND Joint Commissioning Dashboard, ${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`);
  section('Contact', input.contact ?? NO_CONTACT);
  cover.commit();

  // Contents: one row per table sheet, linked to it.
  const reserved = new Set(['cover', 'contents', 'notes']);
  const sheetNames = specs.map((t) => sheetName(t.id, reserved));
  const contents = book.addSheet('Contents', [34, 90, 30, 14]);
  header(contents, 'Table of contents', 'This worksheet contains one table. Select a sheet name to go to that worksheet.', input);
  const firstLinkRow = contents.nextRow + 1;
  contents.addTable(
    'contents',
    [{ header: 'Sheet name', style: { color: LINK, underline: true } }, { header: 'Table title' }, { header: 'Table id' }, { header: 'Unit' }],
    [
      ['Notes', 'Notes: symbols, methods, sources and table definitions', '[z]', '[z]'],
      ...specs.map((t, i): Cell[] => [sheetNames[i] ?? t.id, t.title, t.id, t.unit]),
    ],
  );
  // The table sheets are added below under exactly these (already valid, unique) names.
  ['Notes', ...sheetNames].forEach((name, i) => contents.linkToSheet(`A${firstLinkRow + i}`, name));
  contents.commit();

  const notesSheet = book.addSheet('Notes', [14, 140]);
  header(notesSheet, 'Notes', 'This worksheet contains one table. Note numbers are referred to in the other worksheets.', input);
  notesSheet.addTable('notes', [{ header: 'Note number' }, { header: 'Note text' }], noteList.map((n) => [n.number, n.text]));
  notesSheet.commit();

  for (const [i, spec] of specs.entries()) {
    const sheet = book.addSheet(sheetNames[i] ?? spec.id, spec.widths);
    if (sheet.name !== sheetNames[i]) throw new Error(`sheet ${sheetNames[i]} was renamed to ${sheet.name}`);
    header(
      sheet,
      spec.heading,
      `This worksheet contains one table. ${spec.description} Suppressed values are shown as [c], unavailable ones as [x] and not applicable ones as [z] ${sheetNote.get(spec.id) ?? ''}.`,
      input,
    );
    await sheet.addTableYielding(spec.id, spec.columns, spec.body);
    sheet.commit();
  }
  await book.commit();
}
