// Creates an empty PGlite cluster in the folder given as argument, then exits.
// openDatabase() runs this as a separate, short-lived process when the data folder is new:
// creating a cluster (initdb inside WebAssembly) peaks near 900 MB, and WebAssembly memory
// never shrinks, so doing it in the server process would keep that peak for the server's life.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node init-pglite-data-dir.mjs <folder>');
  process.exit(2);
}
const started = performance.now();
const db = await PGlite.create(dir);
await db.query('select 1');
await db.close();
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
console.log(
  JSON.stringify({
    initializedMs: Math.round(performance.now() - started),
    peakRssMb: Math.round(peakKb / 1024),
  }),
);
