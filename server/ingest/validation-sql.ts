import { getTable, laOfParent, type Column, type Table } from '../extract/spec.ts';
import { vocabularies } from '../../contract/vocabularies.ts';
import { quoteLiteral, sqlType } from '../schema/ddl.ts';

// Builds the set-based validation for one table: every rule of the extract contract
// becomes a SQL expression producing a list of problems per row. Identifiers in the
// generated SQL come only from the spec; values come from the staged data or from
// bound parameters ($extract_date, $age_reference_date, $extract_la_code: '' when the
// extract has no single LA).

const WITHHELD = "'[withheld]'";

/**
 * One problem of a row, with the offending value. The quarantine keeps it for the report
 * unless it looks like an identifier (an NHS number in a date or foreign-key column must not
 * be stored in clear just because another rule caught it first): load-extract.ts judges
 * every value with server/identifiers before the quarantine is written.
 */
const problem = (condition: string, column: string, value: string, reason: string): string => {
  const kept = value === WITHHELD || value === 'NULL' ? value : `${value}::VARCHAR`;
  return `CASE WHEN ${condition} THEN {'column_name': ${quoteLiteral(column)}, 'value': ${kept}, 'reason': ${reason}} END`;
};

/**
 * identifier_kind(v) with a cheap exact shortcut for the common case, a code or a
 * pseudonymous ID such as C0001CD86 or E08000035: only ASCII letters and digits, 8 or more
 * characters (or 4 or fewer), fewer than 10 digits. Such a value cannot be any of the
 * identifiers identifier_kind looks for: an e-mail address needs an @; an NHS number, phone
 * number or UPN needs at least 10 digits; a postcode needs a 5-7 character run of letters
 * and digits set off by other characters or the ends, and with no other characters the run
 * is the whole value. Everything else goes through identifier_kind, whose regular
 * expressions were most of the cost of checking ID columns (one simple pattern each here).
 */
export function identifierKindSql(v: string): string {
  return `CASE WHEN regexp_full_match(${v}, '[A-Za-z0-9]{8,}|[A-Za-z0-9]{1,4}') AND NOT regexp_matches(${v}, '([0-9][^0-9]*){10}')
    THEN NULL ELSE identifier_kind(${v}) END`;
}
const raw = (c: Column): string => `nullif(trim(r.${c.name}), '')`;
/** The extract's one LA, for columns whose empty cell means it; NULL for an extract of several. */
const EXTRACT_LA = "nullif($extract_la_code, '')";
export const UNATTRIBUTED_REASON =
  'no la_code, and the extract is of several LAs with no la_code in extract.json: the row cannot be given to an LA';

/** Typed value of a column from its raw text; NULL when absent or invalid. */
function typedExpression(c: Column): string {
  const v = raw(c);
  switch (c.kind) {
    case 'id':
    case 'text':
      return v;
    case 'free_text':
      // Already redacted in raw_<table> by redact-free-text.ts.
      return v;
    case 'code':
      return `upper(${v})`;
    case 'ons_code':
      return c.extractLaDefault ? `coalesce(upper(${v}), ${EXTRACT_LA})` : `upper(${v})`;
    case 'date':
      return `CASE WHEN regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN try_strptime(${v}, '%Y-%m-%d')::DATE END`;
    case 'month':
      return `CASE WHEN regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}') THEN try_strptime(${v} || '-01', '%Y-%m-%d')::DATE END`;
    case 'boolean':
      return `CASE WHEN lower(${v}) IN ('true', '1', 'y') THEN true WHEN lower(${v}) IN ('false', '0', 'n') THEN false END`;
    case 'integer':
      return `CASE WHEN regexp_full_match(${v}, '[+-]?[0-9]{1,9}') THEN ${v}::INTEGER END`;
    case 'number':
      return `CASE WHEN regexp_full_match(${v}, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)') THEN try_cast(${v} AS DOUBLE) END`;
    case 'money':
      return `CASE WHEN regexp_full_match(${v}, '[0-9]{1,12}([.][0-9]+)?') THEN try_cast(${v} AS DECIMAL(14,2)) END`;
  }
}

const invalidReason: Record<Column['kind'], string> = {
  id: '',
  text: '',
  free_text: '',
  code: 'unknown code',
  ons_code: 'not an English LA ONS code (E06, E08, E09 or E10 followed by 6 digits)',
  date: 'invalid date (expected YYYY-MM-DD)',
  month: 'invalid month (expected YYYY-MM)',
  boolean: 'invalid boolean (expected true/false, 1/0 or Y/N)',
  integer: 'not a whole number',
  number: 'not a number',
  money: 'invalid amount (pounds with a decimal point, no currency sign)',
};

/** Problems a single cell can have, judged from its own text. */
function cellProblems(c: Column): string[] {
  const v = raw(c);
  const typed = `t_${c.name}`;
  const out: string[] = [];
  if (c.required) out.push(problem(`${v} IS NULL`, c.name, 'NULL', "'missing required value'"));
  if (c.extractLaDefault) out.push(problem(`${v} IS NULL AND ${EXTRACT_LA} IS NULL`, c.name, 'NULL', quoteLiteral(UNATTRIBUTED_REASON)));
  if (c.kind === 'id' || c.kind === 'text') {
    const where = c.kind === 'id' ? 'an ID column' : 'a text column';
    out.push(
      problem(
        `${identifierKindSql(v)} IS NOT NULL`,
        c.name,
        WITHHELD,
        `'identifier-like value (' || identifier_kind(${v}) || ') in ${where}'`,
      ),
    );
  } else if (c.kind === 'code') {
    const list = vocabularies[c.vocabulary].map(quoteLiteral).join(', ');
    out.push(problem(`${v} IS NOT NULL AND upper(${v}) NOT IN (${list})`, c.name, v, quoteLiteral(invalidReason.code)));
  } else if (c.kind === 'ons_code') {
    out.push(
      problem(
        `${v} IS NOT NULL AND NOT regexp_full_match(upper(${v}), 'E(06|08|09|10)[0-9]{6}')`,
        c.name,
        v,
        quoteLiteral(invalidReason.ons_code),
      ),
    );
  } else if (c.kind !== 'free_text') {
    out.push(problem(`${v} IS NOT NULL AND ${typed} IS NULL`, c.name, v, quoteLiteral(invalidReason[c.kind])));
  }
  if (c.kind === 'date' || c.kind === 'month') {
    out.push(problem(`${typed} > $extract_date::DATE`, c.name, v, "'date after the extract date'"));
  }
  if ((c.kind === 'integer' || c.kind === 'number') && c.min !== undefined) {
    out.push(problem(`${typed} < ${c.min}`, c.name, v, quoteLiteral(`below the minimum of ${c.min}`)));
  }
  if (c.kind === 'integer' && c.max !== undefined) {
    out.push(problem(`${typed} > ${c.max}`, c.name, v, quoteLiteral(`above the maximum of ${c.max}`)));
  }
  return out;
}

/** Problems that need other columns, the parent tables or the children table. */
function rowProblems(table: Table): string[] {
  const out: string[] = [];
  for (const { earlier, later } of table.dateOrder ?? []) {
    out.push(problem(`t_${later} < t_${earlier}`, later, `t_${later}::VARCHAR`, quoteLiteral(`${later} is before ${earlier}`)));
  }
  for (const c of table.columns) {
    if (!c.references) continue;
    const parent = getTable(c.references);
    const key = parent.primaryKey[0] ?? c.name;
    out.push(
      problem(
        `t_${c.name} IS NOT NULL AND t_${c.name} NOT IN (SELECT ${key} FROM valid_${parent.name})`,
        c.name,
        `t_${c.name}`,
        quoteLiteral(`${c.name} not found among loaded ${parent.name} rows`),
      ),
    );
  }
  for (const { ref, parent, key, la } of laOfParent(table)) {
    out.push(
      problem(
        `t_${la} <> (SELECT p.${la} FROM valid_${parent} p WHERE p.${key} = t_${ref})`,
        la,
        `t_${la}`,
        quoteLiteral(`${la} is not the LA of its ${ref} (a row of another LA's Local Offer)`),
      ),
    );
  }
  if (table.ageCheckDate) {
    const d = `t_${table.ageCheckDate}`;
    const bm = `(SELECT birth_month FROM valid_children vc WHERE vc.child_id = t_child_id)`;
    out.push(
      problem(`${d} < ${bm}`, table.ageCheckDate, `${d}::VARCHAR`, quoteLiteral(`child not yet born at ${table.ageCheckDate}`)),
      problem(
        `age_on(${bm}, ${d}) > 25`,
        table.ageCheckDate,
        `${d}::VARCHAR`,
        quoteLiteral(`child aged over 25 at ${table.ageCheckDate}`),
      ),
    );
  }
  if (table.name === 'children') {
    out.push(
      problem(
        `age_on(t_birth_month, $age_reference_date::DATE) > 25`,
        'birth_month',
        "strftime(t_birth_month, '%Y-%m')",
        "'aged over 25 for the whole extract period'",
      ),
    );
  }
  return out;
}

export const PROBLEM_LIST_TYPE = 'STRUCT(column_name VARCHAR, value VARCHAR, reason VARCHAR)[]';

const problemList = (items: string[]): string =>
  items.length === 0
    ? `CAST([] AS ${PROBLEM_LIST_TYPE})`
    : `CAST(list_filter([${items.join(',\n      ')}], x -> x IS NOT NULL) AS ${PROBLEM_LIST_TYPE})`;

/**
 * SQL creating temp table chk_<table> (typed columns t_*, line, problems) from raw_<table>.
 * Duplicate keys are judged among rows with no other problem, so a bad first copy
 * does not reject a good second one.
 */
export function checkTableSql(table: Table): string {
  const typed = table.columns.map((c) => `${typedExpression(c)} AS t_${c.name}`);
  const redacted = hasFreeText(table) ? ['coalesce(r.__redactions, 0) AS redactions'] : [];
  const cells = table.columns.flatMap(cellProblems);
  const keyColumns = table.primaryKey.map((k) => `t_${k}`);
  const keyLabel = table.primaryKey.length === 1 ? table.primaryKey[0] : `key (${table.primaryKey.join(', ')})`;
  const keyPresent = table.primaryKey
    .filter((k) => table.columns.find((c) => c.name === k)?.required)
    .map((k) => `t_${k} IS NOT NULL`);
  return `
CREATE OR REPLACE TEMP TABLE chk_${table.name} AS
WITH typed AS (
  SELECT r.__line AS line, ${[...typed, ...redacted].join(',\n    ')},
    ${problemList(cells)} AS cell_problems
  FROM raw_${table.name} r
), judged AS (
  SELECT *, list_concat(cell_problems, ${problemList(rowProblems(table))}) AS problems0
  FROM typed
), ranked AS (
  SELECT *, CASE WHEN len(problems0) = 0 ${keyPresent.length ? `AND ${keyPresent.join(' AND ')}` : ''}
    THEN row_number() OVER (PARTITION BY len(problems0) = 0, ${keyColumns.join(', ')} ORDER BY line) END AS key_rank
  FROM judged
)
SELECT * EXCLUDE (cell_problems, problems0, key_rank),
  CASE WHEN key_rank > 1
    THEN [{'column_name': ${quoteLiteral(table.primaryKey[0] ?? '')}, 'value': ${keyColumns[0]}::VARCHAR, 'reason': ${quoteLiteral(`duplicate ${keyLabel}`)}}]::${PROBLEM_LIST_TYPE}
    ELSE problems0 END AS problems
FROM ranked;`;
}

/** Whether a table has free text, redacted at ingest (its raw_ table has __redactions and its chk_ table redactions). */
export const hasFreeText = (table: Table): boolean => table.columns.some((c) => c.kind === 'free_text');

/** The insert of valid rows into the real table, casting codes to their ENUM types. */
export function insertValidSql(table: Table): string {
  const columns = table.columns.map((c) => c.name);
  const values = table.columns.map((c) => (c.kind === 'code' ? `t_${c.name}::${sqlType(c)}` : `t_${c.name}`));
  return `INSERT INTO ${table.name} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM chk_${table.name} WHERE len(problems) = 0 ORDER BY line;`;
}

/** A view of the valid rows, used by the foreign-key checks of later tables. */
export function validViewSql(table: Table): string {
  const columns = table.columns.map((c) => `t_${c.name} AS ${c.name}`);
  return `CREATE OR REPLACE TEMP VIEW valid_${table.name} AS SELECT ${columns.join(', ')} FROM chk_${table.name} WHERE len(problems) = 0;`;
}
