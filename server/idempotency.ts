/**
 * Idempotency-Key: a client that did not hear the answer (a dropped connection, a crash) sends the
 * same request with the same key again and gets the first answer, without the change being made
 * twice. The key is recorded in the transaction that makes the change, so it exists iff the
 * change does; concurrent duplicates wait on a transaction-scoped advisory lock.
 */
import { sql } from 'drizzle-orm';
import type { Transaction } from './db/client';
import { rowsOf } from './db/sql';
import { AppError } from './errors/app-error';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export interface StoredAnswer<T> {
  statusCode: number;
  body: T;
}

export async function idempotent<T>(
  tx: Transaction,
  options: { userId: string; key: string | undefined; request: string },
  run: () => Promise<StoredAnswer<T>>,
): Promise<StoredAnswer<T>> {
  const { userId, key, request } = options;
  if (!key) return run();
  if (key.length > 200) {
    throw new AppError('bad_request', {
      params: { reason: { vi: 'Idempotency-Key quá dài', en: 'Idempotency-Key too long' } },
    });
  }
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${userId}:${key}`}))`);
  const [stored] = rowsOf<{ request: string; status_code: number; response: T }>(
    await tx.execute(sql`select request, status_code, response from idempotency_keys
      where user_id = ${userId} and key = ${key}`),
  );
  if (stored) {
    if (stored.request !== request) {
      throw new AppError('bad_request', {
        params: {
          reason: {
            vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
            en: 'this Idempotency-Key was used for another request',
          },
        },
      });
    }
    return { statusCode: stored.status_code, body: stored.response };
  }
  const answer = await run();
  await tx.execute(sql`insert into idempotency_keys (user_id, key, request, status_code, response)
    values (${userId}, ${key}, ${request}, ${answer.statusCode}, ${JSON.stringify(answer.body)}::jsonb)`);
  return answer;
}
