import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The database, its WAL, extracts, uploads and reports hold pseudonymised records about children: no other
// local account may read them. New files: the umask. Files made before (or by another tool): makePrivate.

/** New files 0600 and folders 0700 from here on, whatever the shell's umask (server and CLI tools). */
export function restrictNewFiles(): void {
  process.umask(0o077);
}

/** Folders 0700 and files 0600, recursively; symbolic links are left alone, missing paths skipped. */
export function makePrivate(paths: readonly string[]): void {
  for (const path of paths) {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) {
      chmodSync(path, 0o700);
      makePrivate(readdirSync(path).map((name) => join(path, name)));
    } else if (stat.isFile()) {
      chmodSync(path, 0o600);
    }
  }
}
