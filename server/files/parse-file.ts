/**
 * Every file the server parses goes through here: the ZIP directory is checked first (for ZIP
 * formats), then the parser runs in a worker thread with its own heap limit, and its items come
 * back in batches as the caller consumes them. A file that passes every declared limit and still
 * exhausts the worker's heap ends the worker, not the server: the caller gets a 413.
 *
 * A new parser (say a DOCX reader): write `read(input: Readable, limits) => AsyncIterable<item>`
 * checking its own caps while streaming (as `spreadsheet.ts` does), add `{ read, chars }` to
 * `PARSERS` in `parsers.ts`, and its name to `ZIP_PARSERS` below if it reads a ZIP container. A
 * route spools the upload (`spoolToFile`, disposed in a `finally`) and reads it with
 * `for await (const item of parseFile('docx', file))`. Items are structured-cloned: keep them plain.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FILE_LIMITS } from '../../common/limits';
import type { ErrorCode } from '../../common/problem';
import { AppError, type AppErrorOptions } from '../errors/app-error';
import type { FileLimits, ParsedItem, ParserName } from './parsers';
import type { FileSource } from './source';
import { inspectZip, tooLarge } from './zip-guard';

/** Parsers whose files are ZIP containers, checked by `inspectZip` before the worker starts. */
const ZIP_PARSERS: ReadonlySet<ParserName> = new Set(['xlsx']);

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./parse-worker.ts', import.meta.url).href;

/** One file for a worker to read, and where its parser may write temporary files. */
export interface ParseJob {
  parser: ParserName;
  location: FileSource['location'];
  limits: FileLimits;
  tmp: string;
  batchItems: number;
  batchChars: number;
}

/** To the worker: a file to read, then a 'pull' for each batch it may send. */
export type ParseRequest = { type: 'job'; job: ParseJob } | { type: 'pull' };

export type WorkerMessage =
  | { type: 'batch' | 'end'; items: unknown[] }
  | { type: 'error'; code: ErrorCode; options: AppErrorOptions }
  | { type: 'error'; message: string };

export interface ParseOptions {
  limits?: Partial<FileLimits>;
  /** items per batch sent from the worker */
  batchItems?: number;
  /** characters per batch (by the parser's `chars`) */
  batchChars?: number;
}

const unreadable = () =>
  new AppError('bad_request', {
    params: { reason: { vi: 'không đọc được nội dung tệp', en: 'the file could not be read' } },
  });

/** The items of `source` read by `parser`, in a worker thread, as the caller asks for them. */
export async function* parseFile<N extends ParserName>(
  parser: N,
  source: FileSource,
  options: ParseOptions = {},
): AsyncGenerator<ParsedItem<N>> {
  const limits: FileLimits = { ...FILE_LIMITS, ...options.limits };
  if (ZIP_PARSERS.has(parser)) await inspectZip(source, limits);
  await slots.acquire(limits.parallelParses);
  try {
    yield* parseInWorker<N>(parser, source, limits, options);
  } finally {
    slots.release();
  }
}

/**
 * Parse workers running now, and the callers waiting for one: ten officers importing at once
 * must not start ten heaps of `parserHeapMb` each.
 */
const slots = {
  running: 0,
  waiting: [] as (() => void)[],
  async acquire(max: number): Promise<void> {
    if (this.running < max) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  },
  /** hands the slot to the next caller waiting, if any */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  },
};

/** A worker, started for some heap limits; idle ones wait a little for the next file. */
interface ParseWorker {
  worker: Worker;
  heap: string;
  idleTimer?: NodeJS.Timeout;
}

/**
 * Workers that ended their last file cleanly, kept for `IDLE_MS`: starting one (a thread, tsx,
 * ExcelJS) costs more than reading a small file. A worker that failed or was stopped mid-file is
 * never reused.
 */
const idle: ParseWorker[] = [];
const IDLE_MS = 10_000;

function takeWorker(limits: FileLimits): ParseWorker {
  const heap = `${limits.parserHeapMb}/${limits.parserYoungHeapMb}`;
  const i = idle.findIndex((w) => w.heap === heap);
  if (i >= 0) {
    const [reused] = idle.splice(i, 1);
    clearTimeout(reused!.idleTimer);
    reused!.worker.ref();
    return reused!;
  }
  const worker = new Worker(BOOT, {
    workerData: { entry: ENTRY },
    resourceLimits: {
      maxOldGenerationSizeMb: limits.parserHeapMb,
      maxYoungGenerationSizeMb: limits.parserYoungHeapMb,
    },
  });
  const started: ParseWorker = { worker, heap };
  // a worker's 'error' with no listener would be thrown on this thread: never let it
  worker.on('error', () => {});
  worker.on('exit', () => {
    const at = idle.indexOf(started);
    if (at >= 0) idle.splice(at, 1);
  });
  return started;
}

function putBack(parseWorker: ParseWorker, limits: FileLimits): void {
  if (idle.length >= limits.parallelParses) {
    void parseWorker.worker.terminate();
    return;
  }
  parseWorker.worker.unref();
  parseWorker.idleTimer = setTimeout(() => void parseWorker.worker.terminate(), IDLE_MS);
  parseWorker.idleTimer.unref();
  idle.push(parseWorker);
}

async function* parseInWorker<N extends ParserName>(
  parser: N,
  source: FileSource,
  limits: FileLimits,
  options: ParseOptions,
): AsyncGenerator<ParsedItem<N>> {
  // the parser's own temporary files (ExcelJS writes a sheet that comes before its strings to
  // one) go to a folder removed below whatever happens, even when the worker is ended mid-write
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'lotrinh-parse-'));
  const parseWorker = takeWorker(limits);
  const { worker } = parseWorker;

  const inbox: WorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const onMessage = (message: WorkerMessage) => {
    inbox.push(message);
    notify();
  };
  const onError = (error: Error & { code?: string }) => {
    failure =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? tooLarge(
            `bộ nhớ dành cho việc đọc một tệp (${limits.parserHeapMb} MB)`,
            `the memory for reading one file (${limits.parserHeapMb} MB)`,
          )
        : unreadable();
    if (!(failure instanceof AppError && failure.code === 'file_limit_exceeded')) {
      console.error('Đọc tệp trong luồng phụ gặp lỗi (parse worker):', error);
    }
    notify();
  };
  const onExit = () => {
    exited = true;
    notify();
  };
  worker.on('message', onMessage).on('error', onError).on('exit', onExit);

  try {
    worker.postMessage({
      type: 'job',
      job: {
        parser,
        location: source.location,
        limits,
        tmp,
        batchItems: options.batchItems ?? 1000,
        batchChars: options.batchChars ?? 1_000_000,
      },
    } satisfies ParseRequest);
    worker.postMessage({ type: 'pull' } satisfies ParseRequest);
    for (;;) {
      const message = inbox.shift();
      if (!message) {
        if (failure) throw failure;
        if (exited) throw unreadable();
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.type === 'error') {
        finished = true; // the worker is idle again: its file was refused, not the worker
        if ('code' in message) throw new AppError(message.code, message.options);
        console.error('Đọc tệp trong luồng phụ gặp lỗi (parse worker):', message.message);
        throw unreadable();
      }
      // ask for the next batch now, so the worker reads it while this one is consumed: never
      // more than two batches on this thread
      if (message.type === 'batch') worker.postMessage({ type: 'pull' } satisfies ParseRequest);
      else finished = true;
      for (const item of message.items) yield item as ParsedItem<N>;
      if (message.type === 'end') return;
    }
  } finally {
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    if (finished && !failure && !exited) putBack(parseWorker, limits);
    else await worker.terminate();
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

const n = (value: number) => value.toLocaleString('vi-VN');
/** The limits in a sentence, for the API documentation of a route that parses files. */
export const FILE_LIMITS_DESCRIPTION =
  `Giới hạn (413 file_limit_exceeded, nêu giới hạn bị vượt): Excel tối đa ${FILE_LIMITS.uncompressedBytes / 1024 / 1024} MB ` +
  `sau khi giải nén, tỷ lệ nén ${FILE_LIMITS.compressionRatio}:1; ${n(FILE_LIMITS.rows)} dòng, ${FILE_LIMITS.columns} cột, ` +
  `${n(FILE_LIMITS.cellChars)} ký tự một ô, ${n(FILE_LIMITS.sharedStrings)} chuỗi dùng chung.`;
