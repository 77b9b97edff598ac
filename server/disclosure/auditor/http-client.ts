// The attacker's HTTP client: signs in through the public API (POST /api/auth/sign-in), then
// sends the session cookie with every GET, a few at a time. Records every path pattern
// called, so a test can check the crawl reached every route the role may call.

export interface Fetched {
  status: number;
  text: string;
}

export class AuditClient {
  /** Route patterns called (the path with ids replaced), with how many requests and failures. */
  readonly calls = new Map<string, { requests: number; failures: number }>();
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
    const res = await fetch(`${this.baseUrl}${path}${qs ? `?${qs}` : ''}`, { headers: { Cookie: this.cookie, Accept: 'application/json' } });
    const text = await res.text();
    const entry = this.calls.get(pattern) ?? { requests: 0, failures: 0 };
    entry.requests++;
    if (res.status !== 200) entry.failures++;
    this.calls.set(pattern, entry);
    return { status: res.status, text };
  }

  /** GET of a view that may not be published (404: a part-year, a financial year of a count of events): JSON or null. */
  async published(pattern: string, path: string, query: Record<string, string | undefined> = {}): Promise<unknown> {
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
