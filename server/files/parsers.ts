/**
 * The file parsers the parse worker can run, by name. A parser takes the file as a stream and the
 * limits, and yields plain, structured-cloneable items; `chars` weighs an item so that batches
 * sent to the server's thread stay small in characters, not only in count.
 */
import type { Readable } from 'node:stream';
import { FILE_LIMITS } from '../../common/limits';
import { csvRecords, type FileRecord, xlsxRecords } from './spreadsheet';

export type FileLimits = { [K in keyof typeof FILE_LIMITS]: number };

interface Parser<T> {
  read(input: Readable, limits: FileLimits): AsyncIterable<T>;
  chars(item: T): number;
}

const recordChars = (record: FileRecord) => record.cells.reduce((n, cell) => n + cell.length, 8);

export const PARSERS = {
  csv: { read: csvRecords, chars: recordChars } satisfies Parser<FileRecord>,
  xlsx: { read: xlsxRecords, chars: recordChars } satisfies Parser<FileRecord>,
};

export type ParserName = keyof typeof PARSERS;
export type ParsedItem<N extends ParserName> = (typeof PARSERS)[N] extends Parser<infer T> ? T : never;

export { FILE_LIMITS };
