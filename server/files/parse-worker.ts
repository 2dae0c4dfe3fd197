/**
 * The parse worker's thread: runs one parser over one file at a time and sends its items back in
 * batches, each only when the server's thread asks for it ('pull'), so the parser never runs ahead
 * of the consumer by more than a batch. The last message of a file is 'end' or 'error'; the thread
 * then waits for the next file. A parse that exhausts this thread's heap ends only this thread
 * (see `parse-file.ts`).
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors/app-error';
import type { ParseJob, ParseRequest, WorkerMessage } from './parse-file';
import type { FileLimits } from './parsers';
import { PARSERS } from './parsers';
import { openLocation } from './source';

const port = parentPort!;
let credit = 0;
let wake: (() => void) | undefined;

port.on('message', (request: ParseRequest) => {
  if (request.type === 'job') {
    credit = 0;
    void run(request.job);
  } else {
    credit++;
    wake?.();
  }
});

async function send(message: WorkerMessage): Promise<void> {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  port.postMessage(message);
}

async function run({ parser, location, limits, tmp, batchItems, batchChars }: ParseJob): Promise<void> {
  // the parser's temporary files (ExcelJS's) go to this file's own folder, removed after it
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = tmp;
  const { read, chars } = PARSERS[parser] as {
    read: (input: ReturnType<typeof openLocation>, l: FileLimits) => AsyncIterable<unknown>;
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
  }
}
