import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../server/sql-files.ts';

// `npm run ingest -- <dir> --db <file>` in a child process, as an operator runs it.

export interface IngestRun {
  /** Resolves at the first progress line: loadExtract has started. */
  started: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string; stderr: string }>;
  kill: () => void;
}

export function runIngest(extractDir: string, dbPath: string): IngestRun {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/cli/ingest.ts'), extractDir, '--db', dbPath], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  let onStart: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (onStart = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('reading ')) onStart();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      onStart();
      resolve({ code, signal, output, stderr });
    }),
  );
  return { started, exited, kill: () => child.kill('SIGKILL') };
}
