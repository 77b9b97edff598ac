// The attacker's HTTP client: signs in through the public API (POST /api/auth/sign-in), then
// sends the session cookie with every GET, a few at a time. Records every path pattern
// called, so a test can check the crawl reached every route the role may call.

export interface Fetched {
  status: number;
  text: string;
}

export class AuditClient {
  /** Route patterns called (the path with ids replaced), with how many requests and failures. */
  /** failures: answers other than 200 and 404 (404 = the view is not published, e.g. a period policy). */
  readonly calls = new Map<string, { requests: number; failures: number; notPublished: number; example: string }>();
  private cookie = '';

  constructor(readonly baseUrl: string) {}

  async signIn(name: string, password: string): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${name} failed: HTTP ${res.status}`);
    const setCookie = res.headers.get('set-cookie') ?? '';
    this.cookie = setCookie.split(';')[0] ?? '';
    if (!this.cookie) throw new Error('sign-in gave no session cookie');
  }

  async get(pattern: string, path: string, query: Record<string, string | undefined> = {}): Promise<Fetched> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
    const qs = params.toString();
    const { res, text } = await withRetry(async () => {
      const r = await fetch(`${this.baseUrl}${path}${qs ? `?${qs}` : ''}`, { headers: { Cookie: this.cookie, Accept: 'application/json' } });
      return { res: r, text: await r.text() };
    });
    const entry = this.calls.get(pattern) ?? { requests: 0, failures: 0, notPublished: 0, example: path };
    entry.requests++;
    if (res.status === 404) entry.notPublished++;
    else if (res.status !== 200) entry.failures++;
    this.calls.set(pattern, entry);
    return { status: res.status, text };
  }

  /** GET that answers JSON, or null when the view is not published (404). */
  async optionalJson(pattern: string, path: string, query: Record<string, string | undefined> = {}): Promise<unknown> {
    const r = await this.get(pattern, path, query);
    if (r.status === 404) return null;
    if (r.status !== 200) throw new Error(`GET ${path} ${JSON.stringify(query)}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    return JSON.parse(r.text) as unknown;
  }

  /** GET that must answer 200 with JSON. */
  async json(pattern: string, path: string, query: Record<string, string | undefined> = {}): Promise<unknown> {
    const r = await this.get(pattern, path, query);
    if (r.status !== 200) throw new Error(`GET ${path} ${JSON.stringify(query)}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    return JSON.parse(r.text) as unknown;
  }
}

/**
 * A kept-alive connection the server has just closed fails once with ECONNRESET (a race every
 * HTTP client has), and on a machine shared by many a slow answer can hit the client's timeouts;
 * the request is sent again, up to three times, and a last failure names its cause.
 */
const retried = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
async function withRetry<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (attempt < 3 && code !== undefined && retried.has(code)) continue;
      throw new Error(`${error instanceof Error ? error.message : String(error)} (${code ?? 'no code'}, attempt ${attempt})`, { cause: error });
    }
  }
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit = 8): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
