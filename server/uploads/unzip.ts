import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { tables } from '../extract/spec.ts';
import { formatBytes } from '../ingest/load-extract.ts';
import { UploadError } from './upload-error.ts';

// Unpacks an uploaded extract zip with yauzl (reads the central directory, checks every entry name
// for absolute paths and `..`, and fails an entry whose data is longer than its header says). On top
// of that: only flat names that the extract uses, no links or folders, no duplicates, a cap on the
// number of entries, and zip-bomb limits counted on the bytes actually written.

export interface UnzipLimits {
  /** Entries in the zip, README included. */
  maxEntries: number;
  /** Bytes written for all entries together. */
  maxUnzippedBytes: number;
  /** Bytes written per compressed byte, per entry (CSV compresses about 5–20×). */
  maxRatio: number;
}

export const defaultUnzipLimits: Omit<UnzipLimits, 'maxUnzippedBytes'> = { maxEntries: 64, maxRatio: 200 };
/** A small entry may inflate past the ratio up to this many bytes (a few repeated rows compress very well). */
const RATIO_FLOOR_BYTES = 1 * 2 ** 20;

export interface UnzippedFile {
  name: string;
  bytes: number;
}

export interface UnzipResult {
  files: UnzippedFile[];
  /** Entries skipped on purpose (a README, operating-system metadata). */
  skipped: string[];
}

const tableNames = new Set<string>(tables.map((t) => t.name));
const README = /^readme(\.(md|txt))?$/i;
/** What macOS Finder and Windows Explorer add to a zip: skipped, never written (so a path in them does no harm). */
const OS_METADATA = /^(__MACOSX\/|(.*\/)?(\.DS_Store|Thumbs\.db)$)/;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const MADE_BY_UNIX = 3;

type EntryPlan = { kind: 'extract'; target: string } | { kind: 'skip' };

/** What to do with an entry named `name`, or why it is refused. */
export function planEntry(name: string): EntryPlan {
  const shown = JSON.stringify(name);
  if (name.includes('/') || name.includes('\\') || name.startsWith('..') || name === '.') {
    throw new UploadError(400, `The zip entry ${shown} is in a folder or names a path: put the extract files at the top level of the zip`);
  }
  if (!/^[A-Za-z0-9._ -]+$/.test(name)) throw new UploadError(400, `The zip entry ${shown} has characters an extract file name never has`);
  if (README.test(name)) return { kind: 'skip' };
  const lower = name.toLowerCase();
  if (lower === 'extract.json') return { kind: 'extract', target: 'extract.json' };
  // SEN2 / CIN census returns and the LA's lookups for them (server/returns): read by loadFolder.
  if (/^[a-z0-9._ -]+\.xml$/.test(lower)) return { kind: 'extract', target: lower.replaceAll(' ', '_') };
  if (lower === 'localities.csv' || lower === 'establishments.csv') return { kind: 'extract', target: lower };
  const match = /^([a-z_]+)\.(csv|parquet)$/.exec(lower);
  if (!match?.[1] || !tableNames.has(match[1])) {
    throw new UploadError(
      400,
      `The zip holds ${shown}, which is not an extract file: only <table>.csv or <table>.parquet ` +
        `(${[...tableNames].join(', ')}), SEN2 / CIN census returns (.xml) with localities.csv and establishments.csv, ` +
        'extract.json and a README are accepted',
    );
  }
  return { kind: 'extract', target: `${match[1]}.${match[2]}` };
}

function entryType(entry: Entry): 'file' | 'link' | 'folder' | 'other' {
  if (entry.fileName.endsWith('/')) return 'folder';
  if (entry.versionMadeBy >> 8 !== MADE_BY_UNIX) return 'file';
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (type === 0 || type === S_IFREG) return 'file';
  return type === S_IFLNK ? 'link' : 'other';
}

const openZip = (path: string): Promise<ZipFile> =>
  new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true, strictFileNames: true, validateEntrySizes: true }, (error, zip) => {
      if (error) reject(new UploadError(400, 'The upload is not a zip file (or the zip is damaged): upload the extract as a .zip'));
      else resolve(zip);
    });
  });

const openEntry = (zip: ZipFile, entry: Entry): Promise<Readable> =>
  new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });

/** yauzl's own refusals (bad names, damaged data) as a 400 the admin can read. */
function zipFault(error: unknown): UploadError {
  if (error instanceof UploadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/absolute path|relative path|invalid characters in fileName/i.test(message)) {
    return new UploadError(400, `The zip has an entry whose name is a path outside the upload (${message}): refused`);
  }
  return new UploadError(400, `The zip could not be read (${message.slice(0, 200)}): make it again and upload it`);
}

/** Unpacks `zipPath` into the empty folder `outDir`; throws UploadError (400/413) and leaves cleanup to the caller. */
export async function unzipExtract(zipPath: string, outDir: string, limits: UnzipLimits): Promise<UnzipResult> {
  const zip = await openZip(zipPath);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new UploadError(400, `The zip has ${zip.entryCount} entries; an extract has at most ${limits.maxEntries}`);
    }
    return await readEntries(zip, outDir, limits);
  } catch (error) {
    throw zipFault(error);
  } finally {
    zip.close();
  }
}

function readEntries(zip: ZipFile, outDir: string, limits: UnzipLimits): Promise<UnzipResult> {
  const result: UnzipResult = { files: [], skipped: [] };
  const seen = new Set<string>();
  let total = 0;
  return new Promise((resolve, reject) => {
    const onEntry = async (entry: Entry): Promise<void> => {
      const name = entry.fileName;
      if (OS_METADATA.test(name)) {
        result.skipped.push(name);
        return;
      }
      const type = entryType(entry);
      if (type === 'link') throw new UploadError(400, `The zip entry ${JSON.stringify(name)} is a symbolic link: links are refused`);
      if (type !== 'file') throw new UploadError(400, `The zip entry ${JSON.stringify(name)} is a folder or special file: only plain files are accepted`);
      const plan = planEntry(name);
      const key = plan.kind === 'extract' ? plan.target.replace(/\.(csv|parquet)$/, '') : name.toLowerCase();
      if (seen.has(key)) throw new UploadError(400, `The zip holds ${JSON.stringify(name)} twice (or a CSV and a Parquet file for one table): keep one`);
      seen.add(key);
      if (plan.kind === 'skip') {
        result.skipped.push(name);
        return;
      }
      if (entry.isEncrypted()) throw new UploadError(400, `The zip entry ${JSON.stringify(name)} is encrypted: upload an unencrypted zip`);
      const allowed = Math.max(entry.compressedSize * limits.maxRatio, RATIO_FLOOR_BYTES);
      const tooLarge = (what: string) => new UploadError(413, `The zip entry ${JSON.stringify(name)} ${what}: refused as a possible zip bomb`);
      // The header's sizes are a claim: refuse early on them, then count what is really written.
      if (entry.uncompressedSize > allowed) throw tooLarge(`would unpack to more than ${limits.maxRatio} times its compressed size`);
      if (total + entry.uncompressedSize > limits.maxUnzippedBytes) throw tooLarge(`would take the upload past ${formatBytes(limits.maxUnzippedBytes)} unpacked`);
      let written = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          total += chunk.length;
          if (written > allowed) callback(tooLarge(`unpacks to more than ${limits.maxRatio} times its compressed size`));
          else if (total > limits.maxUnzippedBytes) callback(tooLarge(`takes the upload past ${formatBytes(limits.maxUnzippedBytes)} unpacked`));
          else callback(null, chunk);
        },
      });
      // 'wx': a fresh file, never an existing one or a link planted beside it.
      await pipeline(await openEntry(zip, entry), counter, createWriteStream(join(outDir, plan.target), { flags: 'wx', mode: 0o600 }));
      result.files.push({ name: plan.target, bytes: written });
    };
    zip.on('entry', (entry: Entry) => {
      onEntry(entry).then(() => zip.readEntry(), reject);
    });
    zip.on('error', reject);
    zip.on('end', () => resolve(result));
    zip.readEntry();
  });
}
