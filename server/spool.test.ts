import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors/app-error';
import { HEAD_BYTES, spoolToFile } from './spool';

/** `count` chunks of `size` bytes, each filled with its index, as a request body would arrive. */
const body = (count: number, size: number) =>
  Readable.from(Array.from({ length: count }, (_, i) => Buffer.alloc(size, i % 256)));

describe('spoolToFile', () => {
  it('keeps the whole body on disk, its first bytes in memory, and reads it back as often as asked', async () => {
    const file = await spoolToFile(body(5, 30_000), 1024 * 1024);
    try {
      expect(file.size).toBe(150_000);
      expect(file.head.length).toBe(HEAD_BYTES);
      expect(file.head.subarray(0, 30_000).every((b) => b === 0)).toBe(true);
      expect(file.head[30_000]).toBe(1);
      expect(file.head[HEAD_BYTES - 1]).toBe(2);
      for (let pass = 0; pass < 2; pass++) {
        const chunks: Buffer[] = [];
        for await (const chunk of file.open()) chunks.push(chunk as Buffer);
        const whole = Buffer.concat(chunks);
        expect(whole.length).toBe(150_000);
        expect(whole[149_999]).toBe(4);
        // read back in slices, never as one chunk
        expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(64 * 1024);
      }
    } finally {
      await file.dispose();
    }
    expect(fs.existsSync(file.path)).toBe(false);
  });

  it('a small body is its own head', async () => {
    const file = await spoolToFile(Readable.from([Buffer.from('a,b\n1,2\n')]), 1024);
    try {
      expect(file.head.toString()).toBe('a,b\n1,2\n');
      expect(file.size).toBe(8);
    } finally {
      await file.dispose();
    }
  });

  it('refuses a body over the limit with 413 and leaves nothing behind', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-test-'));
    try {
      const error = await spoolToFile(body(10, 1024 * 1024), 3 * 1024 * 1024, parent).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('payload_too_large');
      expect(fs.readdirSync(parent)).toEqual([]);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('removes what it wrote when the client goes away mid-upload', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-test-'));
    try {
      const aborted = Readable.from(
        (async function* () {
          yield Buffer.alloc(100_000, 1);
          throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
        })(),
      );
      await expect(spoolToFile(aborted, 1024 * 1024, parent)).rejects.toThrow('aborted');
      expect(fs.readdirSync(parent)).toEqual([]);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
