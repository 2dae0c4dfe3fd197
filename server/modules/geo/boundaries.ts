/**
 * The boundary files shipped with the product (data/<province code>.geojson, see data/README.md):
 * read, hashed and compressed once per process, on first use. Brotli at its best (quality 11) takes
 * seconds of CPU for the Nghệ An file (541 KB → 77 KB, against 122 KB at quality 5), so its copy
 * ships beside it (40.geojson.br) and is used when it decompresses to the file; otherwise it
 * is made here, on the thread pool. Gzip (127 KB) takes well under a second.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const DATA_DIR = path.join(import.meta.dirname, 'data');
/** Province codes as file names: digits only, so no path can be spelled through one. */
const PROVINCE_CODE = /^\d{2}$/;

export interface Boundary {
  /** SHA-256 of the file, base64url: its version, and the ETag's core */
  version: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const brotli = promisify(zlib.brotliCompress);
const brotliDecompress = promisify(zlib.brotliDecompress);
const gzip = promisify(zlib.gzip);
const cache = new Map<string, Promise<Boundary | null>>();

async function load(file: string): Promise<Boundary | null> {
  let identity: Buffer;
  try {
    identity = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const [br, gz] = await Promise.all([shippedBrotli(file, identity), gzip(identity, { level: 9 })]);
  return { version: createHash('sha256').update(identity).digest('base64url'), identity, br, gzip: gz };
}

/** The shipped brotli copy when it is the file's (a stale copy is ignored), else one made now. */
async function shippedBrotli(file: string, identity: Buffer): Promise<Buffer> {
  const shipped = await fs.readFile(`${file}.br`).catch(() => null);
  if (shipped && (await brotliDecompress(shipped).catch(() => null))?.equals(identity)) return shipped;
  return brotli(identity, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
    },
  });
}

/** The boundary of a province's communes, or null when no file is shipped for it. */
export function findBoundary(provinceCode: string): Promise<Boundary | null> {
  if (!PROVINCE_CODE.test(provinceCode)) return Promise.resolve(null);
  let entry = cache.get(provinceCode);
  if (!entry) {
    entry = load(path.join(DATA_DIR, `${provinceCode}.geojson`));
    // a failed read is not remembered: the next request tries again
    entry.catch(() => cache.delete(provinceCode));
    cache.set(provinceCode, entry);
  }
  return entry;
}

/** The encoding to send: brotli, else gzip, else none (q=0 refuses one). */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}
