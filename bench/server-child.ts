import { join } from 'node:path';
import { createApp } from '../server/api/app.ts';
import { Auth } from '../server/auth/index.ts';
import { MemoryUserStore, newToken, newUser, sha256Hex } from '../server/auth/users-store.ts';
import { loadReferenceData } from '../server/benchmarks/reference-data.ts';
import { defaultMemoryLimit, loadConfig } from '../server/config.ts';
import { Database } from '../server/db/database.ts';
import { catalogue } from '../server/indicators/catalogue.ts';
import { warmIndicators } from '../server/indicators/engine.ts';
import { repoRoot } from '../server/sql-files.ts';

// The dashboard server as `npm start` runs it (same app, same DuckDB settings from the
// environment), in its own process so that its memory is measured alone and the load
// generator does not share its event loop. Driven over IPC by bench/run.ts:
//   refresh         drop the data context and every cached indicator result (a cold cache)
//   raw {sql}       run SQL on the server's own DuckDB instance and read its rows into JavaScript
//   warm            compute every indicator, as the server does after it starts
//   memory          current and peak RSS, and the JS heap
//   cpu             CPU time used by the process so far (all threads, DuckDB's too)
// `raw` and `warm` also give the CPU time they took: steadier than wall time on a busy machine.
// RSS is sampled every 50 ms for the peak (the OS maxRSS would include the start-up).

export type ServerRequest =
  | { id: number; cmd: 'refresh' }
  | { id: number; cmd: 'raw'; sql: string; params?: Record<string, string | number | boolean> }
  | { id: number; cmd: 'warm' }
  | { id: number; cmd: 'memory'; resetPeak?: boolean }
  | { id: number; cmd: 'cpu' };

export interface ServerMemory {
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  maxRssMb: number;
}

export type ServerReply =
  | { type: 'ready'; port: number; token: string }
  | { type: 'reply'; id: number; ok: true; ms?: number; cpuMs?: number; rows?: number; memory?: ServerMemory }
  | { type: 'reply'; id: number; ok: false; error: string };

const [dbPath] = process.argv.slice(2);
if (!dbPath || !process.send) throw new Error('usage: forked by bench/run.ts with <db>');
const send = (message: ServerReply) => process.send?.(message);

const config = loadConfig({ ...process.env, DB_PATH: dbPath });
// The engine limits of `npm start`: without DUCKDB_MEMORY_LIMIT, the server's default (server/config.ts).
const db = await Database.open(dbPath, { threads: config.DUCKDB_THREADS, memoryLimit: config.DUCKDB_MEMORY_LIMIT ?? defaultMemoryLimit() });
const reference = await loadReferenceData(join(repoRoot, 'data', 'reference'));
// Every /api route needs a signed-in user: one analyst (the role that may export) with a
// bearer token, in memory, and no audit log, as a script client of `npm start` would be.
const token = newToken();
const analyst = { ...newUser('bench', 'analyst'), tokens: [{ sha256: sha256Hex(token), created: new Date().toISOString() }] };
const auth = new Auth({ users: new MemoryUserStore([analyst]), auditPath: null });
const { app, dataState } = createApp({ db, config, reference, auth });

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
let peak = process.memoryUsage.rss();
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 50).unref();
const memory = (): ServerMemory => {
  const rss = process.memoryUsage.rss();
  peak = Math.max(peak, rss);
  return { rssMb: mb(rss), peakRssMb: mb(peak), heapUsedMb: mb(process.memoryUsage().heapUsed), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
};

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

process.on('message', (message: ServerRequest) => {
  void (async () => {
    const started = performance.now();
    const cpuStarted = cpuMs();
    try {
      if (message.cmd === 'refresh') {
        dataState.refresh();
        await dataState.get();
        send({ type: 'reply', id: message.id, ok: true });
      } else if (message.cmd === 'raw') {
        // The rows read into JavaScript (column by column, the cheapest read), as any client of the query must.
        const rows = await db.withConnection(async (connection) => {
          const reader = await connection.runAndReadAll(message.sql, message.params && Object.keys(message.params).length > 0 ? message.params : undefined);
          reader.getColumnsJson();
          return reader.currentRowCount;
        });
        send({ type: 'reply', id: message.id, ok: true, ms: performance.now() - started, cpuMs: cpuMs() - cpuStarted, rows });
      } else if (message.cmd === 'warm') {
        dataState.refresh();
        const context = await dataState.get();
        if (!context) throw new Error('no data loaded');
        const ms = await warmIndicators(db, context, catalogue, config.SUPPRESSION_THRESHOLD);
        send({ type: 'reply', id: message.id, ok: true, ms, cpuMs: cpuMs() - cpuStarted });
      } else if (message.cmd === 'cpu') {
        send({ type: 'reply', id: message.id, ok: true, cpuMs: cpuStarted });
      } else {
        if (message.resetPeak) peak = process.memoryUsage.rss();
        send({ type: 'reply', id: message.id, ok: true, memory: memory() });
      }
    } catch (error) {
      send({ type: 'reply', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
process.on('disconnect', () => {
  db.close();
  process.exit(0);
});

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0, token });
});
