import { TransactionRollbackError } from 'drizzle-orm';
import type { Database, Transaction } from '../../db/client';

/**
 * Runs `fn` in a transaction that is always rolled back, and returns what it returned: the audit
 * tests tamper with the log inside it, so later tests still see an intact log.
 */
export async function rolledBack<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await fn(tx);
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return result!;
}
