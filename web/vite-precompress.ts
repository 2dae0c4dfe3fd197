/**
 * A Vite plugin that writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside
 * every text file of the build, so that the server sends them as they are (@fastify/static
 * `preCompressed`) instead of compressing on every request or, as before, not at all. Built once,
 * compressed once, at the highest levels: the cost is paid at build time, not on a commune's 4G.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

/** Text that compresses well; images (other than SVG) and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/;
/** Below this a compressed copy saves less than a packet: not worth a file. */
const MIN_BYTES = 512;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    // .vite/manifest.json is read at build time, never served
    if (entry.name === '.vite') return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

export function compressFile(file: string): void {
  const source = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(source, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
    },
  });
  const gzip = zlib.gzipSync(source, { level: zlib.constants.Z_BEST_COMPRESSION });
  // A variant no smaller than the file would only cost the client a decoding step.
  if (brotli.length < source.length) fs.writeFileSync(`${file}.br`, brotli);
  if (gzip.length < source.length) fs.writeFileSync(`${file}.gz`, gzip);
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'lotrinh-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // After everything is on disk, public/ files and index.html included.
    writeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        for (const file of filesUnder(outDir)) {
          if (!COMPRESSIBLE.test(file) || fs.statSync(file).size < MIN_BYTES) continue;
          compressFile(file);
        }
      },
    },
  };
}
