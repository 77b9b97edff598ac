import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { resolve } from 'node:path';

// One DuckDB instance per process; a connection per unit of work, closed in finally.

export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

export class DatabaseInUseError extends Error {
  constructor(path: string) {
    super(
      `The database ${path} is in use by another process (is the dashboard server running?). ` +
        'Stop it first, or load the extract through the running server.',
    );
    this.name = 'DatabaseInUseError';
  }
}

export interface OpenOptions {
  readOnly?: boolean;
  threads?: number;
  memoryLimit?: string;
  /**
   * Lock-down (the server's instance): SQL may read and write files only under these folders, and cannot
   * attach other databases, install or load extensions, or change any setting once open.
   */
  allowedDirectories?: readonly string[];
}

/** A statement the locked-down server never runs (DuckDB allows ATTACH of a file inside allowed_directories). */
export class StatementRefusedError extends Error {
  constructor(kind: string) {
    super(`Permission Error: ${kind} is not allowed on the dashboard server's database`);
    this.name = 'StatementRefusedError';
  }
}

// Outside quoted strings, quoted names and comments: statements that would open another database file.
const DATABASE_FILE_STATEMENT = /\b(ATTACH|DETACH|IMPORT\s+DATABASE|EXPORT\s+DATABASE|COPY\s+FROM\s+DATABASE)\b/i;
const QUOTED_OR_COMMENT = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g;

export function refuseDatabaseFileStatements(sql: string): void {
  const kind = DATABASE_FILE_STATEMENT.exec(sql.replace(QUOTED_OR_COMMENT, ' '))?.[1];
  if (kind) throw new StatementRefusedError(kind.toUpperCase().replace(/\s+/g, ' '));
}

/** The connection with every method that takes SQL text checking it first (the lock-down's ATTACH gap). */
function guarded(connection: DuckDBConnection): DuckDBConnection {
  return new Proxy(connection, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (typeof args[0] === 'string') refuseDatabaseFileStatements(args[0]);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

export class Database {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly lockedDown = false,
  ) {}

  static async open(path: string, options: OpenOptions = {}): Promise<Database> {
    const config: Record<string, string> = {};
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    try {
      const instance = await DuckDBInstance.create(path, config);
      if (options.allowedDirectories) await lockDown(instance, options.allowedDirectories).catch((error: unknown) => {
        instance.closeSync();
        throw error;
      });
      return new Database(path, instance, options.allowedDirectories !== undefined);
    } catch (error) {
      if (error instanceof Error && /Could not set lock|Conflicting lock/i.test(error.message)) {
        throw new DatabaseInUseError(path);
      }
      throw error;
    }
  }

  async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.instance.connect();
    try {
      return await work(this.lockedDown ? guarded(connection) : connection);
    } finally {
      connection.closeSync();
    }
  }

  /** Runs one query on a fresh connection and returns JSON-safe row objects. */
  async query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.withConnection((connection) => queryRows<T>(connection, sql, params));
  }

  close(): void {
    this.instance.closeSync();
  }
}

// The order matters: the folders first, then no other file access, then no more SET (which would undo both).
async function lockDown(instance: DuckDBInstance, directories: readonly string[]): Promise<void> {
  const connection = await instance.connect();
  try {
    // SET takes no parameters: the folders are quoted as SQL strings (they come from the configuration).
    const list = directories.map((dir) => sqlString(resolve(dir))).join(', ');
    await connection.run(`SET allowed_directories = [${list}]`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
  } finally {
    connection.closeSync();
  }
}

function sqlString(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(text)) throw new Error(`Folder name with a control character: ${JSON.stringify(text)}`);
  return `'${text.replaceAll("'", "''")}'`;
}

export async function queryRows<T extends Row = Row>(
  connection: DuckDBConnection,
  sql: string,
  params?: SqlParams,
): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  // Column by column, then objects: the same values as getRowObjectsJson(), about four times
  // faster on the hundreds of thousands of rows an indicator has for all of England.
  const columns = reader.getColumnsJson().map(internStrings);
  const names = reader.columnNames();
  const rows = new Array<T>(reader.currentRowCount);
  for (let i = 0; i < rows.length; i++) {
    const row: Row = {};
    for (let j = 0; j < names.length; j++) row[names[j] as string] = columns[j]?.[i] ?? null;
    rows[i] = row as T;
  }
  return rows;
}

/**
 * One string object per distinct value of a column (area codes, periods, breakdowns repeat
 * hundreds of thousands of times in an indicator's rows; each decoded copy cost memory for as
 * long as the results are cached). A column with many distinct values (identifiers) is left as it is.
 */
function internStrings<T>(column: T[]): T[] {
  const seen = new Map<string, string>();
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (typeof value !== 'string') continue;
    const known = seen.get(value);
    if (known !== undefined) column[i] = known as T;
    else if (seen.size < MAX_INTERNED) seen.set(value, value);
    else return column;
  }
  return column;
}
const MAX_INTERNED = 20_000;

/** Runs statements inside one transaction; rolls back on any error. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
