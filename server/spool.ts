/**
 * An uploaded file written to a temporary file as it arrives, so a 60 MB upload costs disk, not
 * memory: buffering it whole (and Fastify's concatenation of the chunks) briefly held twice its
 * size in the server's RSS. Read it back with `open()` as often as needed; `dispose()` removes it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from './errors/app-error';

/** Enough of the start to tell a file's format (ZIP magic, UTF-8 text). */
export const HEAD_BYTES = 64 * 1024;
/** Read back in slices this size: a parser handed one huge chunk parses it all at once. */
const READ_BYTES = 64 * 1024;

export interface SpooledFile {
  path: string;
  /** the first HEAD_BYTES bytes (fewer for a smaller file) */
  head: Buffer;
  size: number;
  open(): Readable;
  dispose(): Promise<void>;
}

export async function spoolToFile(
  body: Readable,
  limitBytes: number,
  /** where the temporary file goes (tests pass their own folder) */
  parent = os.tmpdir(),
): Promise<SpooledFile> {
  const dir = await fs.promises.mkdtemp(path.join(parent, 'lotrinh-upload-'));
  const file = path.join(dir, 'body');
  const dispose = () => fs.promises.rm(dir, { recursive: true, force: true });
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  try {
    await pipeline(
      body,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > limitBytes) {
            throw new AppError('payload_too_large', { params: { limit: `${limitBytes / 1024 / 1024} MB` } });
          }
          if (headBytes < HEAD_BYTES) {
            head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
            headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
          }
          yield chunk;
        }
      },
      fs.createWriteStream(file),
    );
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    path: file,
    head: Buffer.concat(head),
    size,
    open: () => fs.createReadStream(file, { highWaterMark: READ_BYTES }),
    dispose,
  };
}
