import type { Request, RequestHandler, Response } from 'express';
import { areaPeriodQuerySchema, type ErrorResponse } from '../../contract/common.ts';
import { parseQuery } from './requests.ts';
import { NotFoundError } from '../errors.ts';
import type { DataContext } from '../data-context.ts';
import { BoardPackRenderError, checkChromium, chromiumPath, ChromiumMissingError, renderBoardPackPdf, RenderQueue, type RenderedPdf } from '../exports/board-pack.ts';
import { safeFileStem } from '../exports/csv.ts';

// GET /api/export/board-pack.pdf?area=&period=: the board-pack page of this same server, printed to A4 by
// headless Chromium. One render at a time (later requests wait, up to two; more get 503 with Retry-After);
// 503 with a JSON error when Chromium is missing or a render times out.

export interface BoardPackRouteOptions {
  requireData: () => Promise<DataContext>;
  /** The Chromium executable, looked up per request (default: CHROMIUM_PATH, else /usr/bin/chromium). */
  chromium?: () => string;
  timeoutMs?: number;
  queue?: RenderQueue;
  /** Credentials for Chromium to load the page as the requesting user (a short-lived session); ended after the render. */
  credentials?: (req: Request, lifetimeMs: number) => { headers: Record<string, string>; end: () => void };
}

/** The address this request reached the server on, for Chromium to load the page from the same process. */
export function selfBaseUrl(req: Request): string {
  const raw = req.socket.localAddress ?? '127.0.0.1';
  const address = raw.startsWith('::ffff:') ? raw.slice('::ffff:'.length) : raw;
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort ?? 80}`;
}

export function boardPackPdfRoute(options: BoardPackRouteOptions): RequestHandler {
  const queue = options.queue ?? new RenderQueue(2);
  const chromium = options.chromium ?? (() => chromiumPath());
  const timeoutMs = options.timeoutMs ?? 60_000;
  return async (req: Request, res: Response<ErrorResponse | Buffer>) => {
    const query = parseQuery(areaPeriodQuerySchema, req.query);
    const context = await options.requireData();
    if (query.area && !context.areas.some((a) => a.area_code === query.area)) throw new NotFoundError(`No area ${query.area} in the loaded extract`);
    if (query.period && !context.periods.some((p) => p.period === query.period)) throw new NotFoundError(`No period ${query.period} in the loaded extract`);
    const executable = chromium();
    const unavailable = (message: string) => res.status(503).json({ error: `The board pack PDF is not available on this server: ${message}` });
    try {
      checkChromium(executable);
    } catch (error) {
      if (error instanceof ChromiumMissingError) return void unavailable(error.message);
      throw error;
    }
    const rendering = queue.run(async () => {
      // Made when the render starts (it may wait in the queue), ended as soon as it is done.
      const credentials = options.credentials?.(req, timeoutMs + 60_000);
      try {
        return await renderBoardPackPdf({ baseUrl: selfBaseUrl(req), area: query.area, period: query.period, chromium: executable, timeoutMs, headers: credentials?.headers });
      } finally {
        credentials?.end();
      }
    });
    if (!rendering) {
      res.setHeader('Retry-After', '30');
      return void res.status(503).json({ error: 'The server is busy rendering other board packs: try again in a minute' });
    }
    let rendered: RenderedPdf;
    try {
      rendered = await rendering;
    } catch (error) {
      if (error instanceof ChromiumMissingError) return void unavailable(error.message);
      if (error instanceof BoardPackRenderError) {
        return void res.status(error.kind === 'timeout' ? 503 : 500).json({ error: `The board pack could not be rendered: ${error.message}` });
      }
      throw error;
    }
    const area = query.area ?? context.defaultArea ?? 'la';
    const period = query.period ?? context.defaultPeriod ?? 'latest';
    // The same download headers as the other exports (server/exports/README.md); the stem is [a-z0-9_-] only.
    const stem = safeFileStem(['send-jsna-board-pack', area, period, ...(context.notice.synthetic ? ['synthetic'] : [])]);
    res.type('application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${stem}.pdf"`);
    res.setHeader('X-Synthetic-Data', String(context.notice.synthetic));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Pdf-Pages', String(rendered.pages));
    res.send(rendered.pdf);
  };
}
