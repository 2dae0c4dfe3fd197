/**
 * How much JavaScript a page of the web app makes the browser download, from the build's manifest
 * (web/dist/.vite/manifest.json): the entry chunk and everything it imports statically, plus the
 * page's lazy chunks (the signed-in layout, the page) and their static imports — gzip and brotli bytes, as the server sends them
 * (the .gz/.br files beside each asset). `npm run bundle:budget` prints them; the browser test
 * e2e/bundle-budget.e2e.ts fails when the sign-in or report page goes over its budget.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const WEB_DIST = path.join(ROOT, 'web/dist');

/** The budget of the pages a commune's officer opens first, in gzip bytes of JavaScript. */
export const PAGE_BUDGET_GZIP = 250 * 1024;

/** The signed-in layout (header, menu, session guard): loaded beside every page but the sign-in page. */
const SIGNED_IN = 'src/app/shell.tsx';

/** The pages measured: the manifest key of each lazy page module (and of its layout), and its budget. */
export const PAGES: { name: string; path: string; modules: string[]; budget?: number }[] = [
  { name: 'sign-in', path: '/dang-nhap', modules: ['src/auth/LoginPage.tsx'], budget: PAGE_BUDGET_GZIP },
  {
    name: 'report (officer)',
    path: '/bao-cao/:id',
    modules: [SIGNED_IN, 'src/pages/report/ReportPage.tsx'],
    budget: PAGE_BUDGET_GZIP,
  },
  {
    name: 'inbox (officer home)',
    path: '/viec-cua-toi',
    modules: [SIGNED_IN, 'src/pages/inbox/InboxPage.tsx'],
  },
  {
    name: 'plan tree (secretariat home)',
    path: '/plans/:id',
    modules: [SIGNED_IN, 'src/pages/plan-tree/PlanTreePage.tsx'],
  },
  {
    name: 'indicator (charts)',
    path: '/chi-tieu/:id',
    modules: [SIGNED_IN, 'src/pages/indicators/IndicatorPage.tsx'],
  },
];

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface PageWeight {
  name: string;
  path: string;
  budget?: number;
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

export function manifestPath(distDir = WEB_DIST): string {
  return path.join(distDir, '.vite/manifest.json');
}

export function readManifest(distDir = WEB_DIST): Manifest {
  return JSON.parse(fs.readFileSync(manifestPath(distDir), 'utf8')) as Manifest;
}

/** The chunk keys `key` loads before it runs: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build manifest`);
  into.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/** Bytes of the compressed copy the build wrote, else compressed here the same way. */
function compressedSize(file: string, kind: 'gz' | 'br'): number {
  if (fs.existsSync(`${file}.${kind}`)) return fs.statSync(`${file}.${kind}`).size;
  const source = fs.readFileSync(file);
  return kind === 'gz'
    ? zlib.gzipSync(source, { level: 9 }).length
    : zlib.brotliCompressSync(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

export function pageWeights(distDir = WEB_DIST): PageWeight[] {
  const manifest = readManifest(distDir);
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error('the build manifest has no entry chunk');
  return PAGES.map((page) => {
    const keys = staticClosure(manifest, entry);
    for (const module of page.modules) staticClosure(manifest, module, keys);
    const files = [...keys].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
    const full = files.map((file) => path.join(distDir, file));
    return {
      name: page.name,
      path: page.path,
      budget: page.budget,
      files,
      raw: full.reduce((sum, file) => sum + fs.statSync(file).size, 0),
      gzip: full.reduce((sum, file) => sum + compressedSize(file, 'gz'), 0),
      brotli: full.reduce((sum, file) => sum + compressedSize(file, 'br'), 0),
    };
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] === import.meta.filename) {
  // --dist=DIR: another build's output (web/dist by default)
  const dist = path.resolve(process.argv.find((a) => a.startsWith('--dist='))?.slice(7) ?? WEB_DIST);
  if (!fs.existsSync(manifestPath(dist))) {
    console.error(`${manifestPath(dist)} is missing: run "npm run build" first.`);
    process.exit(2);
  }
  console.log('JavaScript a page loads (entry + its static imports + the page chunk and its static imports)');
  console.log(
    `${'page'.padEnd(30)}${'raw'.padStart(12)}${'gzip'.padStart(12)}${'brotli'.padStart(12)}  budget (gzip)`,
  );
  for (const page of pageWeights(dist)) {
    const verdict =
      page.budget === undefined ? '' : `${kb(page.budget)} ${page.gzip <= page.budget ? 'ok' : 'OVER'}`;
    console.log(
      `${page.name.padEnd(30)}${kb(page.raw).padStart(12)}${kb(page.gzip).padStart(12)}${kb(page.brotli).padStart(12)}  ${verdict}`,
    );
    if (process.argv.includes('--files')) console.log(`  ${page.files.join('\n  ')}`);
  }
  // a report, not a gate: e2e/bundle-budget.e2e.ts fails the build (sign-in or report page over 250 KB, zod in either)
}
