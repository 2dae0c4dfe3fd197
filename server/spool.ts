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
import { diskSource, type FileSource, HEAD_BYTES } from './files/source';

export { HEAD_BYTES };

/** Read it with the `FileSource` methods; `dispose()` removes it (callers do, on every path). */
export interface SpooledFile extends FileSource {
  path: string;
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
  return { ...diskSource(file, size, Buffer.concat(head)), path: file, dispose };
}
