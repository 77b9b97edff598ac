import type { LoadSummary } from '../ingest/load-extract.ts';
import { printTable } from './cli-support.ts';

export function printLoadSummary(summary: LoadSummary): void {
  if (summary.returnModules?.length) {
    console.log('returns read (per file and module; identifiers pseudonymised as read):');
    printTable(summary.returnModules.map((m) => ({ file: m.fileName, return: `${m.collection} ${m.year}`, module: m.module, read: m.read, loaded: m.loaded, rejected: m.rejected })));
    console.log('');
  }
  printTable(
    summary.files.map((f) => ({
      file: f.fileName,
      read: f.rowsRead,
      loaded: f.rowsLoaded,
      rejected: f.rowsRejected,
      redacted: f.redactions,
      'ignored columns': f.ignoredColumns.join(' ') || '-',
    })),
  );
  for (const f of summary.files.filter((x) => x.reasons.length > 0)) {
    console.log(`\n${f.fileName} rejected rows by reason:`);
    for (const r of f.reasons) console.log(`  ${String(r.rows).padStart(7)}  ${r.reason}`);
  }
  if (summary.ignoredFiles.length) console.log(`\nignored files (not part of the extract format): ${summary.ignoredFiles.join(', ')}`);
  const rows = summary.files.reduce((n, f) => n + f.rowsRead, 0);
  const seconds = summary.durationMs / 1000;
  console.log(
    `\nload run ${summary.runId} committed: ${rows} rows in ${seconds.toFixed(2)} s (${Math.round(rows / Math.max(seconds, 0.001))} rows/s)` +
      (summary.synthetic ? ' — SYNTHETIC extract' : ''),
  );
}
