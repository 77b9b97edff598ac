import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/api/app.ts';
import type { Auth } from '../../server/auth/auth.ts';
import { authHeader, testAuth } from '../helpers/auth.ts';
import { loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import { Database } from '../../server/db/database.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { repoRoot } from '../../server/sql-files.ts';

// A running dashboard for browser tests: the web app built once per process, a temp DuckDB with an extract
// loaded, the published benchmarks, and the Express app on an ephemeral loopback port, with the test users of
// test/helpers/auth.ts (one per role). Pages and fetches sign in as an analyst with a bearer token
// (`signedIn`, `apiAuth`); test/browser/auth.test.ts signs in through the form instead.

/** Options for browser.newPage: every request carries the analyst's bearer token. */
export const signedIn = { extraHTTPHeaders: authHeader('analyst') };
/** For fetch() from the test process. */
export const apiAuth = { headers: authHeader('analyst') };

export const fixtureDir = join(repoRoot, 'test', 'fixtures', 'small-extract');
export const webDist = join(repoRoot, 'dist', 'web');

/** Inputs of the web build: when any is newer than dist/web/index.html, the build is stale. */
const buildInputs = [join(repoRoot, 'web'), join(repoRoot, 'vite.config.ts'), join(repoRoot, 'contract')];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function webBuildIsStale(): boolean {
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) return true;
  return Math.max(...buildInputs.filter(existsSync).map(newestMtime)) > statSync(index).mtimeMs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let built: Promise<void> | null = null;

/**
 * Builds web/ into dist/web with Vite's API (about 2 s) when the build is stale; once per process. Test files run
 * in parallel processes, so a lock directory makes one of them build while the others wait for it.
 */
export function buildWeb(): Promise<void> {
  built ??= (async () => {
    if (!webBuildIsStale()) return;
    const lock = join(repoRoot, 'dist', '.web-build-lock');
    mkdirSync(join(repoRoot, 'dist'), { recursive: true });
    for (;;) {
      try {
        mkdirSync(lock);
        break;
      } catch {
        if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
        await sleep(200);
        if (!existsSync(lock) && !webBuildIsStale()) return;
      }
    }
    try {
      if (webBuildIsStale()) {
        const { build } = await import('vite');
        // Vitest sets NODE_ENV=test, which would give React's development build: build for production, as users get.
        const nodeEnv = process.env.NODE_ENV;
        process.env.NODE_ENV = 'production';
        try {
          await build({ configFile: join(repoRoot, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
        } finally {
          process.env.NODE_ENV = nodeEnv;
        }
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  })();
  return built;
}

export interface TestServer {
  url: string;
  /** 'fixture' (hand-made, exact figures) or 'synthetic' (generated, 1,500 children). */
  extract: 'fixture' | 'synthetic';
  auth: Auth;
  close: () => Promise<void>;
}

interface Generator {
  generateExtract: (options: { outDir: string; children?: number }) => Promise<unknown>;
}

/** The synthetic generator, when another engineer's module is in place; null otherwise. */
async function loadGenerator(): Promise<Generator | null> {
  const path = join(repoRoot, 'server', 'generate', 'index.ts');
  if (!existsSync(path)) return null;
  try {
    const module = (await import(/* @vite-ignore */ path)) as Partial<Generator>;
    return typeof module.generateExtract === 'function' ? (module as Generator) : null;
  } catch {
    return null;
  }
}

/**
 * `children`: with `extract: 'synthetic'`, how many children the generator makes (default 1,500); `'default'` is the
 * LA's published size, the extract `npm start` generates.
 */
export async function startServer(options: { extract?: 'fixture' | 'synthetic'; children?: number | 'default'; build?: boolean } = {}): Promise<TestServer> {
  const wanted = options.extract ?? 'fixture';
  if (options.build !== false || !existsSync(join(webDist, 'index.html'))) await buildWeb();
  const dir = mkdtempSync(join(tmpdir(), 'send-dashboard-browser-'));
  const db = await Database.open(join(dir, 'test.duckdb'));
  let extract: TestServer['extract'] = 'fixture';
  let extractDir = fixtureDir;
  if (wanted === 'synthetic') {
    const generator = await loadGenerator();
    if (generator) {
      extractDir = join(dir, 'extract');
      const children = options.children ?? 1500;
      await generator.generateExtract({ outDir: extractDir, ...(children === 'default' ? {} : { children }) });
      extract = 'synthetic';
    }
  }
  await loadExtract(db, extractDir);
  const reference = await loadReferenceData(join(repoRoot, 'data', 'reference'));
  const auth = testAuth();
  const { app } = createApp({ db, config: { SUPPRESSION_THRESHOLD: 7 }, reference, webDist, auth });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    extract,
    auth,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
