import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { formatBytes } from '../ingest/load-extract.ts';
import { UploadError } from './upload-error.ts';

const tooLarge = (maxBytes: number) =>
  new UploadError(413, `The upload is larger than ${formatBytes(maxBytes)} (UPLOAD_MAX_BYTES): split the extract or ask for a higher limit`);

/**
 * Streams the request body to `file` (created fresh), never holding more than a chunk in memory.
 * Past `maxBytes` it stops writing and throws 413 at once, whether or not Content-Length said so.
 */
export function receiveBody(req: IncomingMessage, file: string, maxBytes: number): Promise<number> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let bytes = 0;
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      req.off('data', onData);
      out.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      bytes += chunk.length;
      if (bytes > maxBytes) return fail(tooLarge(maxBytes));
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      if (!failed) out.end();
    });
    req.once('aborted', () => fail(new UploadError(400, 'The upload was interrupted before it finished: try again')));
    req.once('error', fail);
    out.once('error', fail);
    out.once('finish', () => {
      if (!failed) resolve(bytes);
    });
  });
}

/**
 * After an early refusal the rest of the body is read and dropped (so the client sees the answer
 * rather than a reset), but a client that keeps sending for long is cut off.
 */
export function discardBody(req: IncomingMessage, graceMs = 5000): void {
  if (req.readableEnded) return;
  const timer = setTimeout(() => req.destroy(), graceMs);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}
