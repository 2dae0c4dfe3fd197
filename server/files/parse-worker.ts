/**
 * The parse worker's thread: runs one parser over one file and sends its items back in batches,
 * each only when the server's thread asks for it ('pull'), so the parser never runs ahead of the
 * writer by more than a batch. Errors go back as a message; a parse that exhausts this thread's
 * heap ends only this thread (see `parse-file.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors/app-error';
import type { WorkerInput, WorkerMessage } from './parse-file';
import { PARSERS } from './parsers';
import { openLocation } from './source';

const port = parentPort!;
const { parser, location, limits, batchItems, batchChars } = workerData as WorkerInput;

let credit = 0;
let wake: (() => void) | undefined;
port.on('message', (message) => {
  if (message === 'pull') {
    credit++;
    wake?.();
  }
});
async function send(message: WorkerMessage): Promise<void> {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  port.postMessage(message);
}

const { read, chars } = PARSERS[parser] as {
  read: (input: ReturnType<typeof openLocation>, l: typeof limits) => AsyncIterable<unknown>;
  chars: (item: unknown) => number;
};
const input = openLocation(location);
try {
  let items: unknown[] = [];
  let weight = 0;
  for await (const item of read(input, limits)) {
    items.push(item);
    weight += chars(item);
    if (items.length >= batchItems || weight >= batchChars) {
      await send({ type: 'batch', items });
      items = [];
      weight = 0;
    }
  }
  await send({ type: 'end', items });
} catch (error) {
  port.postMessage(
    error instanceof AppError
      ? { type: 'error', code: error.code, options: error.options }
      : { type: 'error', message: (error as Error)?.message ?? String(error) },
  );
} finally {
  input.destroy();
  port.close();
}
