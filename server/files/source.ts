/**
 * An uploaded file as the readers see it: on disk (a spooled upload) or in memory (a test's, a
 * small upload's). Readers take slices by position, so checking a ZIP directory never loads the file.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';

/** The first bytes of a file: enough to tell its format (ZIP magic, UTF-8 text). */
export const HEAD_BYTES = 64 * 1024;
/** Read back in slices this size: a parser handed one huge chunk parses it all at once. */
export const READ_BYTES = 64 * 1024;

export interface ByteSource {
  size: number;
  /** up to `length` bytes from `position` (fewer at the end of the file) */
  read(position: number, length: number): Promise<Buffer>;
}

export interface FileSource extends ByteSource {
  /** the first HEAD_BYTES bytes (fewer for a smaller file) */
  head: Buffer;
  /** where the file is on disk, or its bytes: what a parse worker is handed */
  location: { path: string } | { bytes: Buffer };
  /** the file from its start, in READ_BYTES slices */
  open(): Readable;
}

/** A file in memory as a source. */
export function bufferSource(body: Buffer): FileSource {
  return {
    head: body.subarray(0, HEAD_BYTES),
    size: body.length,
    location: { bytes: body },
    read: async (position, length) => body.subarray(position, position + length),
    open: () => Readable.from(slices(body)),
  };
}

/** A file on disk as a source. */
export function diskSource(path: string, size: number, head: Buffer): FileSource {
  return {
    head,
    size,
    location: { path },
    read: (position, length) => readAt(path, position, length),
    open: () => fs.createReadStream(path, { highWaterMark: READ_BYTES }),
  };
}

/** Any source from its location (inside a parse worker). */
export function openLocation(location: FileSource['location']): Readable {
  return 'bytes' in location
    ? Readable.from(slices(location.bytes))
    : fs.createReadStream(location.path, { highWaterMark: READ_BYTES });
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(0, length));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The bytes in 64 KiB slices: a stream transform parses each chunk it is given in one go, so a
 * single 24 MB chunk would become a million records in memory before the first was read.
 */
function* slices(body: Buffer, size = READ_BYTES): Generator<Buffer> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}
