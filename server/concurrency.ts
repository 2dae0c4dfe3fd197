import os from 'node:os';

/**
 * A limit on how many calls of a costly task run at once; the others wait in line, first come first
 * served. For work that holds a lot of memory while it runs (an argon2id hash holds 19 MiB, an XLSX
 * export its workbook) and that gains nothing from running more copies than there are CPUs: with
 * the limit, a burst of requests queues instead of raising the process's peak memory.
 */
export function concurrencyLimit(limit: number) {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer (got ${limit})`);
  let running = 0;
  const waiting: (() => void)[] = [];

  return async function limited<T>(task: () => Promise<T>): Promise<T> {
    if (running < limit) running++;
    // A finishing task hands its slot straight to the next in line (see below), so `running` stays
    // at the limit and a newcomer cannot overtake the queue.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** One per CPU, as a default limit for CPU-bound tasks. */
export const cpuCount = () => Math.max(1, os.availableParallelism());
