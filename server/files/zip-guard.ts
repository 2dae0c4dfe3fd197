/**
 * Checks a ZIP container (XLSX, DOCX, …) from its directory before anything inflates it: the
 * central directory states every entry's sizes, so a file that would inflate to gigabytes is
 * refused having read a few kilobytes. The reads are bounded: the End Of Central Directory is in
 * the last 64 KiB, and the directory itself is at most `MAX_DIRECTORY_BYTES`.
 *
 * The declared sizes can lie (a streaming reader trusts the local headers and the deflate stream,
 * not this directory), so this guard only turns honest bombs away early with a clear message; the
 * caps the parser checks while streaming and the parse worker's own heap are the real limits.
 * Nested archives are not looked into: no parser here opens a ZIP inside a ZIP.
 */
import { FILE_LIMITS } from '../../common/limits';
import { AppError } from '../errors/app-error';
import type { ByteSource } from './source';

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const CENTRAL_BYTES = 46;
const LOCAL_BYTES = 30;
/** 5,000 entries with names of a few hundred bytes; a longer directory is not an XLSX */
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;
/** stored (0) and deflate (8): what the streaming readers inflate */
const METHODS = new Set([0, 8]);

export interface ZipEntry {
  name: string;
  compressedBytes: number;
  uncompressedBytes: number;
}

export type ZipLimits = Record<
  'uncompressedBytes' | 'compressionRatio' | 'ratioFromBytes' | 'zipEntries',
  number
>;

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const tooLarge = (vi: string, en: string) =>
  new AppError('file_limit_exceeded', { params: { limit: { vi, en } } });

const unreadable = (vi: string, en: string) =>
  new AppError('unsupported_file', {
    params: {
      expected: { vi: `một tệp ZIP (.xlsx) đọc được — ${vi}`, en: `a readable ZIP (.xlsx) — ${en}` },
    },
  });

/** The entries of the ZIP in `source`, refused (413/415) when over a limit or not checkable. */
export async function inspectZip(source: ByteSource, limits: ZipLimits = FILE_LIMITS): Promise<ZipEntry[]> {
  const tailLength = Math.min(source.size, EOCD_BYTES + 0xffff);
  const tail = await source.read(source.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_BYTES; i >= 0; i--) {
    if (
      tail.readUInt32LE(i) === EOCD_SIGNATURE &&
      i + EOCD_BYTES + tail.readUInt16LE(i + 20) === tail.length
    ) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable('không thấy mục lục của tệp', 'no central directory');
  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE) {
    throw unreadable('tệp ZIP64 không được hỗ trợ', 'ZIP64 is not supported');
  }
  const diskNumber = tail.readUInt16LE(eocd + 4);
  const directoryDisk = tail.readUInt16LE(eocd + 6);
  const entriesHere = tail.readUInt16LE(eocd + 8);
  const entryCount = tail.readUInt16LE(eocd + 10);
  const directoryBytes = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directoryBytes === 0xffffffff || directoryOffset === 0xffffffff) {
    throw unreadable('tệp ZIP64 không được hỗ trợ', 'ZIP64 is not supported');
  }
  if (diskNumber !== 0 || directoryDisk !== 0 || entriesHere !== entryCount) {
    throw unreadable('tệp nén chia nhiều phần không được hỗ trợ', 'multi-part archives are not supported');
  }
  if (entryCount > limits.zipEntries) {
    throw tooLarge(
      `tối đa ${limits.zipEntries.toLocaleString('vi-VN')} thành phần trong tệp nén`,
      `at most ${limits.zipEntries} entries in the archive`,
    );
  }
  const eocdOffset = source.size - tailLength + eocd;
  if (directoryBytes > MAX_DIRECTORY_BYTES || directoryOffset + directoryBytes > eocdOffset) {
    throw unreadable('mục lục của tệp bị hỏng', 'corrupt central directory');
  }

  const directory = await source.read(directoryOffset, directoryBytes);
  const entries: (ZipEntry & { flags: number; method: number; localOffset: number })[] = [];
  let total = 0;
  for (let at = 0, i = 0; i < entryCount; i++) {
    if (at + CENTRAL_BYTES > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw unreadable('mục lục của tệp bị hỏng', 'corrupt central directory');
    }
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    const compressedBytes = directory.readUInt32LE(at + 20);
    const uncompressedBytes = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const next =
      at + CENTRAL_BYTES + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    const localOffset = directory.readUInt32LE(at + 42);
    const name = directory.toString('utf8', at + CENTRAL_BYTES, at + CENTRAL_BYTES + nameLength);
    at = next;
    if (compressedBytes === 0xffffffff || uncompressedBytes === 0xffffffff || localOffset === 0xffffffff) {
      throw unreadable('tệp ZIP64 không được hỗ trợ', 'ZIP64 is not supported');
    }
    if (flags & 0x41) throw unreadable('tệp có mật khẩu không đọc được', 'encrypted entries cannot be read');
    if (!METHODS.has(method))
      throw unreadable('kiểu nén không được hỗ trợ', 'unsupported compression method');
    if (method === 0 && compressedBytes !== uncompressedBytes) {
      throw unreadable('kích thước trong mục lục không khớp', 'inconsistent sizes');
    }
    total += uncompressedBytes;
    if (total > limits.uncompressedBytes) {
      throw tooLarge(
        `tổng dung lượng sau khi giải nén tối đa ${MB(limits.uncompressedBytes)}`,
        `at most ${MB(limits.uncompressedBytes)} uncompressed in all`,
      );
    }
    if (
      uncompressedBytes > limits.ratioFromBytes &&
      uncompressedBytes > limits.compressionRatio * Math.max(compressedBytes, 1)
    ) {
      throw tooLarge(
        `tỷ lệ nén tối đa ${limits.compressionRatio}:1 (thành phần ${name} nén ${Math.round(uncompressedBytes / Math.max(compressedBytes, 1))}:1)`,
        `a compression ratio of at most ${limits.compressionRatio}:1 (entry ${name} is ${Math.round(uncompressedBytes / Math.max(compressedBytes, 1))}:1)`,
      );
    }
    entries.push({ name, compressedBytes, uncompressedBytes, flags, method, localOffset });
  }
  await assertLocalHeadersMatch(source, entries, directoryOffset);
  return entries.map(({ name, compressedBytes, uncompressedBytes }) => ({
    name,
    compressedBytes,
    uncompressedBytes,
  }));
}

/**
 * A streaming reader walks the local headers from the first byte, not the directory: the entries
 * must follow one another from offset 0 up to the directory, each named and sized as the
 * directory says, so no entry is read that was not checked above.
 */
async function assertLocalHeadersMatch(
  source: ByteSource,
  entries: { name: string; flags: number; method: number; compressedBytes: number; localOffset: number }[],
  directoryOffset: number,
): Promise<void> {
  const corrupt = () =>
    unreadable('các thành phần không khớp với mục lục', 'entries do not match the directory');
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  for (const entry of ordered) {
    if (entry.localOffset !== expected) throw corrupt();
    const header = await source.read(entry.localOffset, LOCAL_BYTES);
    if (header.length < LOCAL_BYTES || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw corrupt();
    const flags = header.readUInt16LE(6);
    const nameLength = header.readUInt16LE(26);
    const name = (await source.read(entry.localOffset + LOCAL_BYTES, nameLength)).toString('utf8');
    if (name !== entry.name || header.readUInt16LE(8) !== entry.method || (flags & 0x41) !== 0)
      throw corrupt();
    // without a data descriptor (bit 3) the local header carries the sizes the reader will trust
    if (!(flags & 0x08) && header.readUInt32LE(18) !== entry.compressedBytes) throw corrupt();
    let end = entry.localOffset + LOCAL_BYTES + nameLength + header.readUInt16LE(28) + entry.compressedBytes;
    if (flags & 0x08) {
      const descriptor = await source.read(end, 4);
      end += descriptor.length === 4 && descriptor.readUInt32LE(0) === 0x08074b50 ? 16 : 12;
    }
    expected = end;
  }
  if (expected !== directoryOffset) throw corrupt();
}
