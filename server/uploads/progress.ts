import { tables } from '../extract/spec.ts';
import type { UploadStatus } from '../../contract/uploads.ts';

// loadExtract reports progress as lines of text (the CLI prints them). This reads the stage and a
// percentage from them: hashing the files is 0–10 %, validating the tables in spec order 10–90 %,
// writing in one transaction 90–100 %. A line it does not recognise keeps the last percentage.

export interface ProgressStep {
  status: Extract<UploadStatus, 'validating' | 'loading'>;
  percent: number;
  /** A "validating <table>: N%" line: shown in place of the previous such line. */
  percentLine: boolean;
}

const tableIndex = new Map<string, number>(tables.map((t, i) => [t.name, i]));
const VALIDATING = /^\s*validating (\w+): (\d{1,3})%$/;

export function readProgress(message: string, previous: number): ProgressStep {
  if (message.startsWith('writing to the database')) return { status: 'loading', percent: 90, percentLine: false };
  if (message.startsWith('reading ')) return { status: 'validating', percent: Math.max(previous, 5), percentLine: false };
  const validating = VALIDATING.exec(message);
  const index = validating?.[1] === undefined ? undefined : tableIndex.get(validating[1]);
  if (validating && index !== undefined) {
    const fraction = (index + Math.min(Number(validating[2]), 100) / 100) / tables.length;
    return { status: 'validating', percent: Math.max(previous, Math.round(10 + 80 * fraction)), percentLine: true };
  }
  return { status: 'validating', percent: previous, percentLine: false };
}
