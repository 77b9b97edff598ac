import type { DuckDBConnection } from '@duckdb/node-api';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { queryRows } from '../db/database.ts';
import type { Table } from '../extract/spec.ts';
import { identifierKind, redactIdentifiers } from '../identifiers/index.ts';

// Identifiers in free text are redacted in JavaScript (server/identifiers), between staging
// and validation, so the text is never stored as it came: the detector checks NHS and ULN
// check digits, UPN check letters and names next to identifiers, which the SQL screen for
// ID and text cells (identifier_kind) cannot. Only rows with free text are read, a page
// at a time, yielding to the event loop between pages (uploads load inside the server).

const PAGE_ROWS = 5000;
const WITHHELD = '[withheld]';

/** Redacts the free-text columns of raw_<table> in place; __redactions counts each row's redacted cells (as the load summary reports them). */
export async function redactFreeText(connection: DuckDBConnection, table: Table): Promise<void> {
  const columns = table.columns.filter((c) => c.kind === 'free_text').map((c) => c.name);
  if (columns.length === 0) return;
  const raw = `raw_${table.name}`;
  await connection.run(`ALTER TABLE ${raw} ADD COLUMN __redactions INTEGER DEFAULT 0`);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE redacted_${table.name} (line INTEGER, ${columns.map((c) => `${c} VARCHAR`).join(', ')}, redactions INTEGER)`,
  );
  const anyText = columns.map((c) => `${c} IS NOT NULL`).join(' OR ');
  const [range] = await queryRows<{ first: number | null; last: number | null }>(
    connection,
    `SELECT min(__line)::INTEGER AS first, max(__line)::INTEGER AS last FROM ${raw} WHERE ${anyText}`,
  );
  const appender = await connection.createAppender(`redacted_${table.name}`, 'main', 'temp');
  try {
    for (let from = range?.first ?? 1; range?.last != null && from <= range.last; from += PAGE_ROWS) {
      const rows = await queryRows<Record<string, string | number | null>>(
        connection,
        `SELECT __line, ${columns.join(', ')} FROM ${raw} WHERE __line BETWEEN $from AND $to AND (${anyText})`,
        { from, to: from + PAGE_ROWS - 1 },
      );
      for (const row of rows) appendRedacted(appender, row, columns);
      await yieldToEventLoop();
    }
  } finally {
    appender.closeSync();
  }
  const set = columns.map((c) => `${c} = r.${c}`).join(', ');
  await connection.run(`UPDATE ${raw} SET ${set}, __redactions = r.redactions FROM redacted_${table.name} r WHERE ${raw}.__line = r.line`);
  await connection.run(`DROP TABLE redacted_${table.name}`);
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

function appendRedacted(appender: Appender, row: Record<string, string | number | null>, columns: string[]): void {
  let total = 0;
  const texts = columns.map((c) => {
    const value = row[c];
    if (typeof value !== 'string') return null;
    const { text, redactions } = redactIdentifiers(value);
    if (redactions > 0) total++;
    return text;
  });
  if (total === 0) return;
  appender.appendInteger(Number(row.__line));
  for (const t of texts) {
    if (t === null) appender.appendNull();
    else appender.appendVarchar(t);
  }
  appender.appendInteger(total);
  appender.endRow();
}

/**
 * The quarantine keeps a rejected value for the report unless it looks like an identifier.
 * Fills temp table withheld_values with those among the values `candidatesSql` selects (one
 * VARCHAR column `value`), judged by this module, before the quarantine is written: a value
 * withheld is never stored. (Judging in JavaScript here, not in SQL for every rule of every
 * column, also keeps the validation statements small enough to plan quickly.)
 */
export async function findWithheldValues(connection: DuckDBConnection, candidatesSql: string): Promise<void> {
  const values = await queryRows<{ value: string }>(connection, `SELECT DISTINCT value FROM (${candidatesSql}) WHERE value IS NOT NULL AND value <> $withheld`, {
    withheld: WITHHELD,
  });
  await connection.run('CREATE OR REPLACE TEMP TABLE withheld_values (value VARCHAR)');
  const appender = await connection.createAppender('withheld_values', 'main', 'temp');
  try {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]?.value ?? '';
      if (identifierKind(v, 'near') !== null) {
        appender.appendVarchar(v);
        appender.endRow();
      }
      if (i % PAGE_ROWS === PAGE_ROWS - 1) await yieldToEventLoop();
    }
  } finally {
    appender.closeSync();
  }
}
