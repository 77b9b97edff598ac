import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { writeChapterWorkbook, type WorkbookInput } from './workbook.ts';

// Runs in a worker thread (workbook-thread.ts): builds one workbook and posts its bytes back in chunks, so the
// CPU and garbage of writing tens of thousands of rows stay off the server's event loop.

const port = parentPort;
if (!port) throw new Error('workbook-worker.ts runs only as a worker thread');
const out = new Writable({
  write(chunk: Buffer, _encoding, done) {
    const copy = new Uint8Array(chunk); // its own buffer, so it can be transferred
    port.postMessage({ type: 'chunk', chunk: copy }, [copy.buffer]);
    done();
  },
});
writeChapterWorkbook(out, workerData as WorkbookInput).then(
  () => port.postMessage({ type: 'done' }),
  (error: unknown) => port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
