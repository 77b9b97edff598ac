import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, defaultWebDist } from './api/app.ts';
import { authFromConfig } from './auth/index.ts';
import { loadReferenceData } from './benchmarks/reference-data.ts';
import { runCli } from './cli/cli-support.ts';
import { printLoadSummary } from './cli/load-summary.ts';
import { loadConfig, memoryLimitNotice } from './config.ts';
import { Database, queryRows } from './db/database.ts';
import { makePrivate } from './db/file-modes.ts';
import { referenceDir, serverDatabaseOptions } from './db/server-options.ts';
import { generateExtract } from './generate/index.ts';
import { catalogue } from './indicators/catalogue.ts';
import { warmIndicators } from './indicators/engine.ts';
import { loadExtract, markInterruptedRuns } from './ingest/load-extract.ts';
import { removeStaleUploads } from './uploads/upload-manager.ts';

// `npm start`: make sure there is data and a built dashboard, then serve both.

async function hasCommittedData(db: Database): Promise<boolean> {
  return db.withConnection(async (connection) => {
    await markInterruptedRuns(connection);
    const [row] = await queryRows<{ n: number }>(
      connection,
      "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'extract_info' AND NOT temporary",
    );
    return (row?.n ?? 0) > 0;
  });
}

async function ensureWebBuild(): Promise<void> {
  if (existsSync(join(defaultWebDist, 'index.html'))) return;
  console.log('building the dashboard (first run only)…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

await runCli(async () => {
  const config = loadConfig();
  const existed = existsSync(config.DB_PATH);
  removeStaleUploads(config.UPLOAD_DIR);
  // Made before this version (or by another tool) under a looser umask: private now (new files are, by runCli).
  makePrivate([config.DB_PATH, `${config.DB_PATH}.wal`, config.DEFAULT_EXTRACT_DIR, config.UPLOAD_DIR, config.USERS_PATH, config.AUDIT_LOG_PATH]);
  // Locked down: SQL reaches only the extract, upload and reference folders, and no setting can change.
  const db = await Database.open(config.DB_PATH, serverDatabaseOptions(config));
  console.log(memoryLimitNotice(config));
  if (!existed || !(await hasCommittedData(db))) {
    const extractDir = config.DEFAULT_EXTRACT_DIR;
    if (!existsSync(join(extractDir, 'children.csv'))) {
      console.log(`no database yet: generating the default SYNTHETIC extract into ${extractDir}…`);
      const started = performance.now();
      await generateExtract({ outDir: extractDir }, (message) => console.log(`  ${message}`));
      console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    console.log(`loading ${extractDir} into ${config.DB_PATH}…`);
    printLoadSummary(await loadExtract(db, extractDir, (message) => console.log(`  ${message}`)));
  }
  await ensureWebBuild();
  const reference = await loadReferenceData(referenceDir);
  const auth = authFromConfig(config);
  const hasAdmin = auth.users.all().some((u) => u.role === 'admin'); // also checks the users file is valid
  const { app, dataState } = createApp({
    db,
    config,
    reference,
    webDist: defaultWebDist,
    security: { apiRequestsPerMinute: config.API_RATE_LIMIT_PER_MINUTE },
    auth,
    trustProxy: config.TRUST_PROXY,
  });
  const context = await dataState.get();
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT; // PORT=0: the one given
    const base = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
    console.log(`\nSEND Joint Commissioning Dashboard: ${base}`);
    if (!hasAdmin) {
      // First run: no admin yet. The link works once, for 15 minutes, from this machine only (server/auth).
      console.log(`no admin user in ${config.USERS_PATH}: sign in as admin once with this link (on this machine, within 15 minutes):`);
      console.log(`  ${base}/api/auth/one-time?token=${auth.issueOneTimeToken()}`);
      console.log('then set a password on the Users page, or add users with `npm run users -- add <name> --role <role>`');
    }
    if (context?.notice.synthetic) console.log('NOTE: serving a SYNTHETIC extract: not real data.');
    if (context) {
      warmIndicators(db, context, catalogue, config.SUPPRESSION_THRESHOLD).then(
        (ms) => console.log(`indicators computed and cached in ${(ms / 1000).toFixed(1)} s`),
        (error: unknown) => console.error('warming the indicator cache failed:', error instanceof Error ? error.message : error),
      );
    }
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `error: port ${config.PORT} is in use; set PORT to another port` : `error: ${error.message}`);
    db.close();
    process.exit(1);
  });
  const stop = (): void => {
    server.close(() => {
      db.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
