/**
 * Importing a CSV or XLSX file of data values: read a batch of rows at a time and hand it to the
 * writer, all in one transaction, so a file of a million values is never held as a million
 * objects and is still written whole or (all_or_nothing with a bad row, or a dry run) not at all.
 */
import type { TRowError, TWriteDataValuesResult, WriteMode } from '../../../common/contracts/data-values';
import type { Database } from '../../db/client';
import type { Actor } from '../../policy';
import {
  csvRecords,
  detectFormat,
  type FileRecord,
  type FileSource,
  inputReader,
  type ParsedRows,
  xlsxRecords,
} from './files';
import { createDataValueWriter } from './service';

/** Rows validated and written together: bounded memory, few statements. */
const BATCH_ROWS = 20_000;

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
      const flush = async () => {
        const parsed = read!(batch);
        batch = [];
        writer.addUnread(parsed.errors, parsed.skipped);
        await writer.add(parsed.inputs, parsed.rowNumbers);
      };
      const input = options.file.open();
      try {
        for await (const record of format === 'xlsx' ? xlsxRecords(input) : csvRecords(input)) {
          if (!read) {
            read = inputReader(record.cells); // the first line is the header
            continue;
          }
          batch.push(record);
          if (batch.length >= (options.batchRows ?? BATCH_ROWS)) await flush();
        }
      } finally {
        input.destroy();
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
