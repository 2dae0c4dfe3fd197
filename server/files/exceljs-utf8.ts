/**
 * ExcelJS 4.4's streaming reader decodes each chunk of an XML part on its own
 * (`utils/parse-sax.js` → `bufferToString`, a non-streaming TextDecoder), so a Vietnamese letter
 * whose UTF-8 bytes fall across two chunks becomes two U+FFFD: "trường" read back as "trư���ng"
 * from any sheet or shared-string table longer than a chunk. This puts in its place the same
 * function with one streaming decoder per part. Call it before ExcelJS is first loaded in the
 * thread: its modules take `parse-sax` from the require cache when they load.
 */
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
interface SaxesParser {
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'opentag' | 'text' | 'closetag', listener: (value: unknown) => void): void;
  write(text: string): void;
}
/** ExcelJS's own copy of saxes (a dependency of it, not of ours) */
let Saxes: new () => SaxesParser;

async function* parseSax(input: AsyncIterable<Buffer | string> | NodeJS.ReadableStream) {
  // as ExcelJS does: an old-style stream without async iteration is read through a PassThrough
  const iterable = (
    Symbol.asyncIterator in input ? input : (input as NodeJS.ReadableStream).pipe(new PassThrough())
  ) as AsyncIterable<Buffer | string>;
  const parser = new Saxes();
  const decoder = new StringDecoder('utf8');
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (e) => {
    error = e;
  });
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.end();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

let patched = false;

export function patchExcelJsUtf8(): void {
  if (patched) return;
  const require = createRequire(import.meta.url);
  const path = require.resolve('exceljs/lib/utils/parse-sax.js');
  Saxes = createRequire(path)('saxes').SaxesParser;
  require(path);
  const cached = require.cache[path];
  if (cached) cached.exports = parseSax;
  patched = true;
}
