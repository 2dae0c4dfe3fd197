/**
 * Importing a CSV or XLSX file of data values: read a batch of rows at a time and hand it to the
 * writer, all in one transaction, so a file of a million values is never held as a million
 * objects and is still written whole or (all_or_nothing with a bad row, or a dry run) not at all.
 */
import type { TRowError, TWriteDataValuesResult, WriteMode } from '../../../common/contracts/data-values';
import type { Database } from '../../db/client';
import type { Actor } from '../../policy';
import {
  detectFormat,
  type FileRecord,
  type FileSource,
  fileRecords,
  inputReader,
  type ParsedRows,
} from './files';
import { createDataValueWriter } from './service';

/** Rows validated and written together: bounded memory, few statements. */
const BATCH_ROWS = 20_000;
/** …and fewer when their cells are long: 20,000 rows of 60,000 characters would not fit the heap */
const BATCH_CHARS = 4_000_000;

/** Thrown to roll the transaction back once the outcome is known (all_or_nothing, dry run). */
class RollBack extends Error {}

export async function importDataValues(
  db: Database,
  options: {
    file: FileSource;
    mode: WriteMode;
    dryRun: boolean;
    actor: Actor;
    today: string;
    /** rows per batch (tests use tiny batches) */
    batchRows?: number;
  },
): Promise<TWriteDataValuesResult> {
  const format = detectFormat(options.file.head);
  let outcome: TWriteDataValuesResult | undefined;
  try {
    await db.transaction(async (tx) => {
      const writer = createDataValueWriter({
        tx,
        mode: options.mode,
        dryRun: options.dryRun,
        actor: options.actor,
        today: options.today,
        source: format,
      });
      let read: ((records: FileRecord[]) => ParsedRows) | undefined;
      let batch: FileRecord[] = [];
      let batchChars = 0;
      const flush = async () => {
        const parsed = read!(batch);
        batch = [];
        batchChars = 0;
        writer.addUnread(parsed.errors, parsed.skipped);
        await writer.add(parsed.inputs, parsed.rowNumbers);
      };
      // parsed in a worker thread, a batch at a time as this loop asks (server/files)
      for await (const record of fileRecords(format, options.file)) {
        if (!read) {
          read = inputReader(record.cells); // the first line is the header
          continue;
        }
        batch.push(record);
        for (const cell of record.cells) batchChars += cell.length;
        if (batch.length >= (options.batchRows ?? BATCH_ROWS) || batchChars >= BATCH_CHARS) await flush();
      }
      if (!read) inputReader([]); // no header at all: refused with the columns it needs
      if (batch.length) await flush();
      const { mustRollBack, ...result } = await writer.finish();
      result.errors.sort((a: TRowError, b: TRowError) => a.row - b.row);
      outcome = result;
      if (mustRollBack) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return outcome!;
}
