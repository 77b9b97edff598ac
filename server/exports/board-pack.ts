import { accessSync, constants, statSync } from 'node:fs';
import type { Browser } from 'playwright-core';

// The board pack as a PDF: headless Chromium (Debian's, through playwright-core, which downloads nothing) opens
// the dashboard's /board-pack page, waits until the page says it has drawn everything, and prints it to A4 with
// the page's own print stylesheet. Used by `npm run board-pack` and GET /api/export/board-pack.pdf.

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Chromium is missing or cannot be run: the PDF cannot be made on this machine. */
export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
}

/** The board-pack page could not be opened, reported an error, or did not finish in time. */
export class BoardPackRenderError extends Error {
  override name = 'BoardPackRenderError';
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'page' | 'timeout',
  ) {
    super(message);
  }
}

/** The Chromium to use: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM;
}

/** Throws ChromiumMissingError unless `path` is an executable file. */
export function checkChromium(path: string): void {
  const hint = 'install Debian\'s chromium package, or set CHROMIUM_PATH to a Chromium or Chrome executable';
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.X_OK);
  } catch {
    throw new ChromiumMissingError(`the board pack PDF needs Chromium, and there is none at ${path}: ${hint}`);
  }
}

export interface BoardPackQuery {
  area?: string | undefined;
  period?: string | undefined;
}

/** The page's address on a running dashboard. */
export function boardPackUrl(baseUrl: string, query: BoardPackQuery = {}): string {
  const url = new URL('/board-pack', baseUrl);
  if (query.area) url.searchParams.set('area', query.area);
  if (query.period) url.searchParams.set('period', query.period);
  return url.toString();
}

export interface RenderOptions extends BoardPackQuery {
  /** The dashboard's origin, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  chromium?: string;
  /** For the whole render: launch, load, draw and print. */
  timeoutMs?: number;
  /** Sent with every request of the page: the dashboard needs a signed-in user (a session cookie or a bearer token). */
  headers?: Record<string, string>;
}

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
  ms: number;
  synthetic: boolean;
}

/** Pages of a PDF written by Chromium (Skia writes each page object uncompressed). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

async function launch(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    throw new ChromiumMissingError(`Chromium at ${executablePath} could not be started: ${first}`);
  }
}

const withTimeout = <T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(new BoardPackRenderError(`the board pack took longer than ${Math.round(ms / 1000)} s to render`, 'timeout'));
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

interface PageOutcome {
  status: 'ready' | 'error' | 'not-found' | 'app-error';
  message: string;
  synthetic: boolean;
}

/** Renders /board-pack of a running dashboard to an A4 PDF. */
export async function renderBoardPackPdf(options: RenderOptions): Promise<RenderedPdf> {
  const started = performance.now();
  const executable = options.chromium ?? chromiumPath();
  checkChromium(executable);
  const timeoutMs = options.timeoutMs ?? 60_000;
  let browser: Browser | null = null;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser?.close().catch(() => undefined);
  };
  const work = async (): Promise<RenderedPdf> => {
    browser = await launch(executable);
    // A4 at 96 px per inch: the screen layout the charts are drawn in is close to the paper's.
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, ...(options.headers ? { extraHTTPHeaders: options.headers } : {}) });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.emulateMedia({ media: 'print' });
    const url = boardPackUrl(options.baseUrl, options);
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    } catch (error) {
      const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      throw new BoardPackRenderError(`cannot reach the dashboard at ${options.baseUrl}: ${first.replace(/^page\.goto: /, '')}`, 'unreachable');
    }
    if (!response || !response.ok()) {
      throw new BoardPackRenderError(`the dashboard at ${options.baseUrl} answered ${response?.status() ?? 'nothing'} for ${url}`, 'unreachable');
    }
    const handle = await page.waitForFunction(
      () => {
        const pack = document.querySelector('[data-board-pack-status]');
        const synthetic = document.querySelector('.board-pack--synthetic') !== null;
        if (pack?.getAttribute('data-board-pack-status') === 'ready') {
          const notices = pack.getAttribute('data-board-pack-notices');
          return notices ? { status: 'error', message: notices, synthetic } : { status: 'ready', message: '', synthetic };
        }
        if (pack?.getAttribute('data-board-pack-status') === 'error') {
          return { status: 'error', message: pack.getAttribute('data-board-pack-error') ?? 'the page reported an error', synthetic };
        }
        const h1 = document.querySelector('main h1')?.textContent ?? '';
        if (h1 === 'Page not found') return { status: 'not-found', message: '', synthetic };
        const appError = document.querySelector('main > .state--error');
        if (appError) return { status: 'app-error', message: appError.textContent ?? '', synthetic };
        return false;
      },
      undefined,
      { timeout: timeoutMs, polling: 100 },
    );
    const outcome = (await handle.jsonValue()) as PageOutcome;
    if (outcome.status === 'not-found') {
      throw new BoardPackRenderError(`the dashboard at ${options.baseUrl} has no board-pack page: rebuild its web app (npm run build) and restart it`, 'page');
    }
    if (outcome.status !== 'ready') throw new BoardPackRenderError(`the board-pack page reported an error: ${outcome.message.trim()}`, 'page');
    if (pageErrors.length > 0) throw new BoardPackRenderError(`the board-pack page failed: ${pageErrors[0]}`, 'page');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return { pdf, pages: countPdfPages(pdf), ms: Math.round(performance.now() - started), synthetic: outcome.synthetic };
  };
  try {
    return await withTimeout(work(), timeoutMs, () => void close());
  } finally {
    await close();
  }
}

/**
 * One render at a time for the API route: Chromium is heavy, so requests queue behind the one being rendered;
 * when `maxWaiting` are already queued the next is refused (the route answers 503 with Retry-After).
 */
export class RenderQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  constructor(private readonly maxWaiting = 2) {}

  run<T>(work: () => Promise<T>): Promise<T> | null {
    if (this.waiting > this.maxWaiting) return null;
    this.waiting += 1;
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined).finally(() => {
      this.waiting -= 1;
    });
    return result;
  }
}
