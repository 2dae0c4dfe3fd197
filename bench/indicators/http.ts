/** A small keep-alive HTTP client for the benchmark: sign-in, then timed requests with cookie and CSRF token. */
import fs from 'node:fs';
import http from 'node:http';

export interface Answer {
  status: number;
  text: string;
  ms: number;
}

export class ApiClient {
  private readonly agent: http.Agent;
  private cookie = '';
  private csrfToken = '';

  constructor(
    private readonly baseUrl: string,
    maxSockets = 16,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  async signIn(username: string, password: string): Promise<void> {
    const answer = await this.request('POST', '/api/auth/login', {
      body: JSON.stringify({ username, password }),
      contentType: 'application/json',
      setCookie: (value) => {
        this.cookie = value.split(';')[0]!;
      },
    });
    if (answer.status !== 200)
      throw new Error(`sign-in failed: ${answer.status} ${answer.text.slice(0, 500)}`);
    this.csrfToken = (JSON.parse(answer.text) as { csrfToken: string }).csrfToken;
  }

  request(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: string; contentType?: string; setCookie?: (value: string) => void } = {},
  ): Promise<Answer> {
    const url = new URL(this.baseUrl + path);
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    if (body) {
      headers['content-type'] = options.contentType ?? 'application/json';
      headers['content-length'] = body.length;
    }
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const request = http.request(url, { method, agent: this.agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const setCookie = response.headers['set-cookie']?.[0];
          if (setCookie && options.setCookie) options.setCookie(setCookie);
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - t0,
          });
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      if (body) request.end(body);
      else request.end();
    });
  }

  get(path: string): Promise<Answer> {
    return this.request('GET', path);
  }

  postJson(path: string, value: unknown): Promise<Answer> {
    return this.request('POST', path, { body: JSON.stringify(value), contentType: 'application/json' });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

export interface LatencySummary {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarise(latencies: number[], errors: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors,
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    mean: round1(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    max: round1(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/** A field of /proc/<pid>/status in kB (VmHWM: peak resident memory; VmRSS: now). */
export function procStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`${field} not found in /proc/${pid}/status`);
  return Number(match[1]);
}

export const mb = (kb: number) => Math.round(kb / 1024);
