import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { areaCode, periodLabel } from '../../contract/common.ts';
import { loadConfig } from '../config.ts';
import type { Database as DashboardDatabase } from '../db/database.ts';
import { checkChromium, chromiumPath, renderBoardPackPdf } from '../exports/board-pack.ts';
import { repoRoot } from '../sql-files.ts';
import { runCli, UsageError } from './cli-support.ts';

// `npm run board-pack -- --out <file.pdf> [--url <dashboard>] [--area <code>] [--period <year>]`: the board-pack
// page as an A4 PDF, printed by headless Chromium. With --url it renders a running dashboard; without, it opens
// the configured database (DB_PATH) read-only and serves the app in this process on an ephemeral loopback port.
// The dashboard needs a signed-in user: a running one is reached with the bearer token in DASHBOARD_TOKEN
// (`npm run users -- token <name>`); the in-process one gets a short-lived session of a built-in viewer.
// Every failure is one line on stderr and exit code 1.

const usage =
  'usage: npm run board-pack -- --out <file.pdf> [--url http://127.0.0.1:3000] [--area <LA or locality code>] [--period <2024 | 2024-25>] [--timeout <seconds>]';

function parse() {
  try {
    return parseArgs({
      options: {
        out: { type: 'string' },
        url: { type: 'string' },
        area: { type: 'string' },
        period: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean' },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0] ?? ''}; ${usage}`);
  }
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

async function getJson<T>(base: string, path: string, headers: Record<string, string>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base), { signal: AbortSignal.timeout(15_000), headers: { accept: 'application/json', ...headers } });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : firstLine(error);
    throw new UsageError(`cannot reach the dashboard at ${base} (${cause}): is it running?`);
  }
  const body = (await response.json().catch(() => null)) as (T & { error?: string }) | null;
  if (response.status === 401) {
    throw new UsageError(`the dashboard at ${base} needs a signed-in user: set DASHBOARD_TOKEN to a bearer token from \`npm run users -- token <name>\``);
  }
  if (!response.ok || body === null) throw new UsageError(`the dashboard at ${base} answered ${response.status} for ${path}${body?.error ? `: ${body.error}` : ''}`);
  return body;
}

/** Checks --area and --period against the data the dashboard serves, for a clear message before Chromium starts. */
async function checkQuery(base: string, headers: Record<string, string>, area: string | undefined, period: string | undefined): Promise<void> {
  await getJson(base, '/api/health', headers);
  // Checks the credentials too, before Chromium starts.
  const { areas } = await getJson<{ areas: { area_code: string }[] }>(base, '/api/areas', headers);
  if (area) {
    if (!areas.some((a) => a.area_code === area)) throw new UsageError(`area ${area} is not in the loaded data (it has ${areas.map((a) => a.area_code).join(', ')})`);
  }
  if (period) {
    const { periods } = await getJson<{ periods: { period: string }[] }>(base, '/api/periods', headers);
    if (!periods.some((p) => p.period === period)) throw new UsageError(`period ${period} is not in the loaded data (it has ${periods.map((p) => p.period).join(', ')})`);
  }
}

interface Local {
  url: string;
  headers: Record<string, string>;
  close: () => Promise<void>;
}

/** The dashboard served from the configured database in this process, on an ephemeral loopback port. */
async function serveLocally(timeoutMs: number): Promise<Local> {
  // The app and DuckDB load only here, so argument and Chromium errors come back at once.
  const [{ createApp, defaultWebDist }, { loadReferenceData }, { Database, DatabaseInUseError }, { Auth }, { MemoryUserStore, newUser }] = await Promise.all([
    import('../api/app.ts'),
    import('../benchmarks/reference-data.ts'),
    import('../db/database.ts'),
    import('../auth/auth.ts'),
    import('../auth/users-store.ts'),
  ]);
  const config = loadConfig();
  const path = resolve(config.DB_PATH);
  if (!existsSync(path)) throw new UsageError(`there is no database at ${path} (DB_PATH): run npm start or npm run ingest first, or pass --url of a running dashboard`);
  let db: DashboardDatabase;
  try {
    db = await Database.open(path, { readOnly: true, threads: config.DUCKDB_THREADS, memoryLimit: config.DUCKDB_MEMORY_LIMIT });
  } catch (error) {
    if (error instanceof DatabaseInUseError) {
      throw new UsageError(
        `the database ${path} is in use by another process (is the dashboard server running?): pass --url http://127.0.0.1:${config.PORT} to render the board pack from it`,
      );
    }
    throw error;
  }
  try {
    if (!existsSync(join(defaultWebDist, 'index.html'))) {
      throw new UsageError(`the web app is not built (${defaultWebDist}): run npm run build first, or pass --url of a running dashboard`);
    }
    const reference = await loadReferenceData(join(repoRoot, 'data', 'reference'));
    // Only this process's own viewer, with a session that ends with the render: the board pack shows what viewers see.
    const auth = new Auth({ users: new MemoryUserStore([newUser('board-pack', 'viewer')]), auditPath: config.AUDIT_LOG_PATH });
    const session = auth.internalSessionCookie('board-pack', timeoutMs + 60_000);
    const { app, dataState } = createApp({ db, config, reference, webDist: defaultWebDist, auth });
    if (!(await dataState.get())) throw new UsageError(`the database ${path} has no loaded extract: run npm run ingest -- <extract-dir> first`);
    const server: Server = await new Promise((resolveServer, reject) => {
      const s = app.listen(0, '127.0.0.1', () => resolveServer(s));
      s.on('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      headers: { Cookie: session.cookie },
      close: async () => {
        session.end();
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

await runCli(async () => {
  const values = parse();
  if (values.help) return void console.log(usage);
  if (!values.out) throw new UsageError(`--out <file.pdf> is required; ${usage}`);
  if (values.area !== undefined && !areaCode.safeParse(values.area).success) throw new UsageError(`--area must be an LA ONS code such as E08000035, or a locality code such as E08000035:north`);
  if (values.period !== undefined && !periodLabel.safeParse(values.period).success) throw new UsageError(`--period must be a calendar year such as 2024 or a financial year such as 2024-25`);
  const timeoutSeconds = values.timeout === undefined ? 120 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError('--timeout must be a number of seconds');
  let base: string | undefined;
  if (values.url !== undefined) {
    try {
      base = new URL(values.url).origin;
    } catch {
      throw new UsageError(`--url must be an address such as http://127.0.0.1:3000, not ${values.url}`);
    }
  }
  const out = resolve(values.out);

  // Chromium first: without it nothing else is worth starting.
  const chromium = chromiumPath();
  checkChromium(chromium);

  const local = base === undefined ? await serveLocally(timeoutSeconds * 1000) : null;
  try {
    const url = local?.url ?? (base as string);
    const token = loadConfig().DASHBOARD_TOKEN;
    const headers = local?.headers ?? (token ? { Authorization: `Bearer ${token}` } : {});
    await checkQuery(url, headers, values.area, values.period);
    const rendered = await renderBoardPackPdf({ baseUrl: url, area: values.area, period: values.period, chromium, timeoutMs: timeoutSeconds * 1000, headers });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, rendered.pdf);
    const size = `${(rendered.pdf.length / 1024).toFixed(0)} KB`;
    console.log(
      `wrote ${values.out}: ${rendered.pages} page${rendered.pages === 1 ? '' : 's'}, ${size}, rendered in ${(rendered.ms / 1000).toFixed(1)} s` +
        (rendered.synthetic ? ' (SYNTHETIC data: not real)' : ''),
    );
  } finally {
    await local?.close();
  }
});
