import type { Request, Response } from 'express';
import { bulkExportQuerySchema } from '../../contract/indicators.ts';
import { parseQuery, loadedData } from './requests.ts';
import { NotFoundError } from '../errors.ts';
import type { DataContext } from '../data-context.ts';
import { bulkTables, checkSelection, type BulkSelection } from '../exports/bulk.ts';
import { csvLine, safeFileStem, attachment, UTF8_BOM } from '../exports/csv.ts';
import { readProvenance } from '../exports/provenance.ts';
import { tidyHeader, tidyRecord } from '../exports/tidy.ts';
import type { ServingEnv } from '../serving-env.ts';
import { writeChapterWorkbook, type WorkbookTable } from '../exports/workbook.ts';
import { OutputClosedError } from '../exports/xlsx-stream.ts';
import { indicatorMeta } from '../indicators/engine.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';

// GET /api/export/bulk/indicators.csv|.xlsx?area=&period=&breakdowns= (analyst, as every /api/export route):
// every indicator for the chosen areas, periods and breakdowns in one tidy table (server/exports/bulk.ts). The CSV
// streams one indicator at a time; the selection is checked against the data before the first byte.

const BULK_FILE = /^indicators\.(csv|xlsx)$/;

/** Waits for the response to drain when its buffer is full, so a slow client does not grow memory. */
function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', closed);
      resolve();
    };
    const closed = () => {
      res.off('drain', done);
      reject(new OutputClosedError());
    };
    res.once('drain', done);
    res.once('close', closed);
  });
}

async function streamCsv(res: Response, env: ServingEnv, context: DataContext, selection: BulkSelection, definitions: readonly IndicatorDefinition[]): Promise<void> {
  await write(res, UTF8_BOM + csvLine(tidyHeader));
  let count = 0;
  for await (const { rows } of bulkTables(env, context, selection, definitions)) {
    if (rows.length > 0) await write(res, rows.map((r) => csvLine(tidyRecord(r))).join(''));
    count += rows.length;
    res.locals.exportRows = count;
  }
  res.end();
}

export function bulkExportRoute(env: ServingEnv, dataState: { get(): Promise<DataContext | null> }, threshold: number, definitions: readonly IndicatorDefinition[]) {
  return async (req: Request, res: Response): Promise<void> => {
    const match = BULK_FILE.exec(String(req.params.file));
    if (!match) throw new NotFoundError(`No bulk export ${String(req.params.file)}: expected indicators.csv or indicators.xlsx`);
    const query = parseQuery(bulkExportQuerySchema, req.query);
    const context = await loadedData(dataState);
    const selection: BulkSelection = { area: query.area ?? 'all', period: query.period ?? 'all', breakdowns: query.breakdowns ?? 'totals' };
    checkSelection(context, selection);
    const stem = safeFileStem(['send-indicators', selection.area === 'all' ? 'all-areas' : selection.area, selection.period === 'all' ? 'all-years' : selection.period, selection.breakdowns, ...(context.notice.synthetic ? ['synthetic'] : [])]);
    const kind = match[1];
    res.setHeader('X-Synthetic-Data', String(context.notice.synthetic));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    try {
      if (kind === 'csv') {
        res.type('text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', attachment(`${stem}.csv`));
        await streamCsv(res, env, context, selection, definitions);
        return;
      }
      // The workbook: one table sheet per indicator, as the chapter workbooks.
      const tables: WorkbookTable[] = [];
      for await (const { definition, rows } of bulkTables(env, context, selection, definitions)) tables.push({ indicator: indicatorMeta(definition), rows });
      res.locals.exportRows = tables.reduce((n, t) => n + t.rows.length, 0);
      const la = context.areas.find((a) => a.area_code === (selection.area === 'all' ? context.defaultArea : selection.area));
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', attachment(`${stem}.xlsx`));
      const provenance = await readProvenance(env.db, context);
      await writeChapterWorkbook(res, { chapter: 'all', laName: la?.area_name ?? 'the local authority', notice: context.notice, provenance, threshold, tables, generatedAt: new Date() });
    } catch (error) {
      if (!res.headersSent) throw error;
      if (!(error instanceof OutputClosedError)) console.error('bulk export failed', error);
      res.destroy();
    }
  };
}
