/**
 * A background loop for the work every instance does on its own clock (sealing the audit chain,
 * polling the job queue, folding roll-up deltas): one run at a time, the next after the delay the
 * run asks for (0 while behind), after `intervalMs` when a run fails. The returned function stops
 * it and resolves once the run in progress, if any, has finished.
 */
export function startBackgroundLoop(options: {
  /** one run; resolves to the pause before the next, in ms */
  run: () => Promise<number>;
  /** pause after a failed run, and before the first unless `firstDelayMs` says otherwise */
  intervalMs: number;
  firstDelayMs?: number;
  onError: (error: unknown) => void;
}): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce();
    }, delayMs);
    timer.unref(); // never what keeps the process alive
  };
  const runOnce = async () => {
    try {
      schedule(await options.run());
    } catch (error) {
      options.onError(error);
      schedule(options.intervalMs);
    }
  };

  schedule(options.firstDelayMs ?? options.intervalMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
