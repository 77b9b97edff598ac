import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../server/sql-files.ts';
import { tokenFor } from '../helpers/auth.ts';

// Starts test/attack/serve-child.ts on a database file and talks to it over loopback.

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** Sends `role`'s bearer token (default analyst). */
  get: (path: string, role?: Parameters<typeof tokenFor>[0]) => Promise<{ status: number; text: string }>;
  /** Resident set now and at its peak (VmHWM), in MB, from /proc. */
  memory: () => { rssMb: number; peakMb: number };
  output: () => string;
  exited: Promise<number | null>;
}

export async function startServer(dbPath: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/attack/serve-child.ts'), dbPath], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    base,
    get: async (path, role = 'analyst') => {
      const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${tokenFor(role)}` } });
      return { status: res.status, text: await res.text() };
    },
    memory: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
    },
    output: () => output,
    exited,
  };
}
