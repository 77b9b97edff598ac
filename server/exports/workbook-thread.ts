import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkbookInput } from './workbook.ts';

// A workbook is built in a worker thread (workbook-worker.ts) and streamed to `out` as its chunks arrive: the
// server's event loop only copies bytes (issue 15: twenty parallel all.xlsx exports stalled /api/health for 25 s).
// The worker loads TypeScript through tsx, like the server itself.

const workerUrl = new URL('./workbook-worker.ts', import.meta.url);
// A worker does not inherit tsx's loader: its first lines register it, then load the TypeScript worker.
// (require.resolve finds the package's CommonJS build; its ES module build sits beside it.)
const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); })`;

type WorkerMessage = { type: 'chunk'; chunk: Uint8Array } | { type: 'done' } | { type: 'error'; message: string };

/** Only plain data crosses to the worker (an analytics table's functions stay here). */
function plain(input: WorkbookInput): WorkbookInput {
  return {
    ...input,
    analytics: input.analytics?.map(({ table, rows, method }) => ({
      table: { id: table.id, title: table.title, description: table.description, columns: table.columns, sources: table.sources, endpoint: table.endpoint },
      rows,
      method,
    })),
  };
}

export class WorkbookWorkerError extends Error {}

/** Resolves when the whole workbook has been written to `out`; rejects if the worker fails or `out` closes early. */
export function writeWorkbookInWorker(out: Writable, input: WorkbookInput): Promise<void> {
  const worker = new Worker(bootstrap, { eval: true, workerData: plain(input) });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      out.off('close', onClose);
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const onClose = (): void => finish(new WorkbookWorkerError('the download closed before the workbook was finished'));
    out.once('close', onClose);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'chunk') out.write(message.chunk);
      else if (message.type === 'done') out.end(() => finish());
      else finish(new WorkbookWorkerError(message.message));
    });
    worker.once('error', (error) => finish(error));
    worker.once('exit', (code) => finish(code === 0 ? undefined : new WorkbookWorkerError(`the workbook worker stopped (exit ${code})`)));
  });
}
