import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const tempDir = (name: string): string => mkdtempSync(join(tmpdir(), `send-gen-${name}-`));

/** sha256 of every file in a folder, by file name. */
export function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]),
  );
}

export interface Manifest {
  la_code: string;
  extract_date: string;
  period_start: string;
  period_end: string;
  synthetic: boolean;
  generator: { name: string; version: number; seed: number; children: number; faults: Record<string, number> };
}

export const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'extract.json'), 'utf8')) as Manifest;
