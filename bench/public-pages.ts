/**
 * `npm run bench:public -- [--runs=N] [--requests=N] [--concurrency=N] [--out=FILE]`
 *
 * The public portal's pages (/cong-khai, server-rendered, no script) on the real server with a fresh
 * PGlite database and the demo data (its publication no. 1). For each page:
 *   - HTML bytes as sent (identity) and gzip-compressed (what a phone downloads), JS bytes (the
 *     scripts the browser fetched: none expected);
 *   - TTFB and load time in Chromium (360 × 780 phone, cold context) on the slow-4G profile of
 *     bench/first-load.ts (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT), median of --runs (default 3);
 *   - the server's latency under a little concurrency: --requests (default 200) GETs, --concurrency
 *     (default 8) at a time, p50/p95 (ms), unthrottled, from this process.
 * And the server's peak RSS (VmHWM) at the end. The per-address limit is lifted for the run
 * (PUBLIC_RATE_LIMIT_PER_MINUTE). Prints Markdown and writes bench/results/<date>-public-pages.json.
 */
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/server';
import { writeBenchResult } from './results';
import {
  describeMachine,
  machine,
  onFreshDatabase,
  procStatusKb,
  resultFile,
  summarise,
} from './server-setup';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const runs = arg('runs', 3);
const requests = arg('requests', 200);
const concurrency = arg('concurrency', 8);
const outArg = args.find((a) => a.startsWith('--out='))?.slice(6);

const NETWORK_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function pagesOf(baseUrl: string) {
  const json = async <T>(path: string) => (await (await fetch(`${baseUrl}${path}`)).json()) as T;
  const programme = (await json<{ rows: { id: string }[] }>('/api/public/datasets/chuong-trinh')).rows[0]!.id;
  const policy = (await json<{ rows: { id: string }[] }>('/api/public/datasets/chinh-sach')).rows[0]!.id;
  return [
    ['Trang chủ', '/cong-khai'],
    ['Danh mục chương trình, chính sách', '/cong-khai/chuong-trinh'],
    ['Tìm kiếm (không dấu)', '/cong-khai/chuong-trinh?q=ho%20tro'],
    ['Một chương trình', `/cong-khai/chuong-trinh/${programme}`],
    ['Một chính sách', `/cong-khai/chinh-sach/${policy}`],
    ['Ngân sách', '/cong-khai/ngan-sach'],
    ['Báo cáo', '/cong-khai/bao-cao'],
    ['Dữ liệu mở', '/cong-khai/du-lieu'],
    ['Bộ dữ liệu chỉ tiêu', '/cong-khai/du-lieu/chi-tieu'],
    ['Bộ dữ liệu nhiệm vụ', '/cong-khai/du-lieu/nhiem-vu'],
  ] as const;
}

/** Latencies of `total` GETs of `url`, `parallel` at a time. */
async function underLoad(url: string, total: number, parallel: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      const start = performance.now();
      const res = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url} → ${res.status}`);
      times.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return times;
}

async function main() {
  assertChromium();
  const result = await onFreshDatabase(
    'pglite',
    { pglite: 'lotrinh-bench-public-', postgresql: 'lotrinh_bench_public_' },
    async (location, server) => {
      const running = await server.start({
        launcher: 'node-tsx',
        env: { ...location.env, PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000' },
      });
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      const rows = [];
      try {
        for (const [name, path] of await pagesOf(running.baseUrl)) {
          const html = Buffer.from(await (await fetch(`${running.baseUrl}${path}`)).arrayBuffer());
          const ttfb: number[] = [];
          const load: number[] = [];
          let jsBytes = 0;
          for (let i = 0; i < runs; i++) {
            const context = await browser.newContext({
              viewport: { width: 360, height: 780 },
              isMobile: true,
              hasTouch: true,
              locale: 'vi-VN',
            });
            const page = await context.newPage();
            const cdp = await context.newCDPSession(page);
            await cdp.send('Network.enable');
            await cdp.send('Network.emulateNetworkConditions', NETWORK_4G);
            const scripts = new Set<string>();
            cdp.on('Network.responseReceived', (e) => {
              if (e.type === 'Script') scripts.add(e.requestId);
            });
            cdp.on('Network.loadingFinished', (e) => {
              if (scripts.has(e.requestId)) jsBytes += e.encodedDataLength;
            });
            await page.goto(`${running.baseUrl}${path}`, { waitUntil: 'load' });
            const timing = await page.evaluate(() => {
              const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
              return { ttfb: nav.responseStart - nav.startTime, load: nav.loadEventEnd - nav.startTime };
            });
            ttfb.push(timing.ttfb);
            load.push(timing.load);
            await context.close();
          }
          const latency = summarise(await underLoad(`${running.baseUrl}${path}`, requests, concurrency));
          rows.push({
            name,
            path,
            htmlBytes: html.length,
            htmlGzipBytes: zlib.gzipSync(html).length,
            jsBytesGzip: Math.round(jsBytes / runs),
            ttfbMs: Math.round(median(ttfb)),
            loadMs: Math.round(median(load)),
            server: latency,
          });
        }
      } finally {
        await browser.close();
      }
      return { rows, peakRssMb: Math.round(procStatusKb(running.pid, 'VmHWM') / 1024) };
    },
  );
  const m = machine();
  const lines = [
    `| Trang | HTML (B) | HTML gzip (B) | JS gzip (B) | TTFB 4G (ms) | Tải xong 4G (ms) | Máy chủ p50 / p95 (ms, ${concurrency} song song) |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...result.rows.map(
      (r) =>
        `| ${r.name} | ${r.htmlBytes} | ${r.htmlGzipBytes} | ${r.jsBytesGzip} | ${r.ttfbMs} | ${r.loadMs} | ${r.server.p50} / ${r.server.p95} |`,
    ),
  ];
  console.log(lines.join('\n'));
  console.log(`\nPeak RSS of the server: ${result.peakRssMb} MB`);
  console.log(`${describeMachine(m)}; load average ${JSON.stringify(m.loadAverage)}`);
  const outFile = resultFile(outArg, `${new Date().toISOString().slice(0, 10)}-public-pages.json`);
  writeBenchResult(outFile, { machine: m, runs, requests, concurrency, network: NETWORK_4G, ...result });
  console.log(`Written to ${outFile}`);
}

await main();
