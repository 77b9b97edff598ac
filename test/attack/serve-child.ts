import { loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import { createApp } from '../../server/api/app.ts';
import { loadConfig } from '../../server/config.ts';
import { Database } from '../../server/db/database.ts';
import { referenceDir, serverDatabaseOptions } from '../../server/db/server-options.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { warmIndicators } from '../../server/indicators/engine.ts';
import { markInterruptedRuns } from '../../server/ingest/load-extract.ts';
import { testAuth } from '../helpers/auth.ts';

// The dashboard server as `npm start` runs it (locked-down database, reference data, the
// interrupted-run check, indicators warmed after listening) with the test users and no rate
// limit, on an ephemeral loopback port, for the kill -9 test and `npm run soak`.
// usage: tsx test/attack/serve-child.ts <db-file>; prints "LISTENING <port>" when it serves.

const [dbPath] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: serve-child.ts <db-file>');
const config = loadConfig({ ...process.env, DB_PATH: dbPath });
const db = await Database.open(dbPath, serverDatabaseOptions(config));
await db.withConnection(markInterruptedRuns);
const reference = await loadReferenceData(referenceDir);
const { app, dataState } = createApp({ db, config, reference, auth: testAuth() });
const context = await dataState.get();
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`LISTENING ${typeof address === 'object' && address ? address.port : 0}`);
  if (context) void warmIndicators(db, context, catalogue, config.SUPPRESSION_THRESHOLD).then((ms) => console.log(`WARMED ${Math.round(ms)}`));
});
process.once('SIGTERM', () => {
  server.close(() => {
    db.close();
    process.exit(0);
  });
  server.closeAllConnections();
});
