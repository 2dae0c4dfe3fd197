import { isDatabaseUnavailable, unavailableReason } from './db/unavailable';

/** The longest pause between tries while the database is unreachable. */
const MAX_UNAVAILABLE_BACKOFF_MS = 5_000;

/**
 * A background loop for the work every instance does on its own clock (sealing the audit chain,
 * polling the job queue, folding roll-up deltas): one run at a time, the next after the delay the
 * run asks for (0 while behind), after `intervalMs` when a run fails. While the database is
 * unreachable (down, restarting) a failed run is no fault of the loop: it says so once at warn
 * level and tries again after a doubling pause (at most 5 s), so it is back within seconds of the
 * database. The returned function stops it and resolves once the run in progress, if any, has
 * finished.
 */
export function startBackgroundLoop(options: {
  /** one run; resolves to the pause before the next, in ms */
  run: () => Promise<number>;
  /** pause after a failed run, and before the first unless `firstDelayMs` says otherwise */
  intervalMs: number;
  firstDelayMs?: number;
  onError: (error: unknown) => void;
  /** what the warnings call the loop */
  name?: string;
  /** where the unreachable-database warnings go (tests listen here) */
  warn?: (message: string) => void;
}): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let unavailableRuns = 0;
  const name = options.name ?? 'Tác vụ nền';
  const warn = options.warn ?? ((message: string) => console.warn(message));

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce();
    }, delayMs);
    timer.unref(); // never what keeps the process alive
  };
  const runOnce = async () => {
    try {
      const delayMs = await options.run();
      if (unavailableRuns > 0) warn(`${name}: cơ sở dữ liệu đã truy cập lại được, tiếp tục chạy.`);
      unavailableRuns = 0;
      schedule(delayMs);
    } catch (error) {
      if (stopped || !isDatabaseUnavailable(error)) {
        options.onError(error);
        schedule(options.intervalMs);
        return;
      }
      unavailableRuns++;
      const backoffMs = Math.min(options.intervalMs * 2 ** (unavailableRuns - 1), MAX_UNAVAILABLE_BACKOFF_MS);
      if (unavailableRuns === 1)
        warn(
          `${name}: không truy cập được cơ sở dữ liệu (${unavailableReason(error)}); sẽ thử lại, mỗi lần cách nhau không quá ${MAX_UNAVAILABLE_BACKOFF_MS / 1000} giây.`,
        );
      schedule(backoffMs);
    }
  };

  schedule(options.firstDelayMs ?? options.intervalMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
