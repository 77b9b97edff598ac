import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

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
}

export class Database {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
  ) {}

  static async open(path: string, options: OpenOptions = {}): Promise<Database> {
    const config: Record<string, string> = {};
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    try {
      return new Database(path, await DuckDBInstance.create(path, config));
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
      return await work(connection);
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

export async function queryRows<T extends Row = Row>(
  connection: DuckDBConnection,
  sql: string,
  params?: SqlParams,
): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as T[];
}

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
