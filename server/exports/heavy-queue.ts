import type { NextFunction, Request, RequestHandler, Response } from 'express';

// Workbooks and PDFs take seconds of CPU and tens of MB each: at most `atOnce` are built at a time, `waiting` more
// queue in arrival order, and past both the server answers 503 with Retry-After instead of freezing
// (issue 15: twenty parallel all.xlsx exports stalled /api/health for 25 s).

export interface HeavyQueueLimits {
  atOnce: number;
  waiting: number;
  /** Seconds a refused client is asked to wait (Retry-After). */
  retryAfterSeconds?: number;
}

export class HeavyWorkQueue {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly limits: HeavyQueueLimits) {}

  get counts(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  /** Express middleware: the request goes on when a slot is free; its slot is given back when the response closes. */
  readonly gate: RequestHandler = (_req: Request, res: Response, next: NextFunction) => {
    const start = (): void => {
      this.running++;
      res.once('close', () => this.release());
      next();
    };
    if (this.running < this.limits.atOnce) return start();
    if (this.queue.length >= this.limits.waiting) {
      res.setHeader('Retry-After', String(this.limits.retryAfterSeconds ?? 10));
      res.status(503).json({ error: 'The server is busy building other downloads: try again in a few seconds' });
      return;
    }
    this.queue.push(start);
    // A client that gives up while waiting leaves the queue.
    res.once('close', () => {
      const at = this.queue.indexOf(start);
      if (at !== -1) this.queue.splice(at, 1);
    });
  };

  private release(): void {
    this.running--;
    this.queue.shift()?.();
  }
}
