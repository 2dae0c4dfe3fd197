/**
 * Look-ups an analytics request repeats from the last one — the indicators asked for (and those
 * their formulas use), the unit and its children — kept per instance for one cache epoch (the
 * number the session check reads each request: identity/session-cache.ts, migration cache_epoch).
 * Any change to indicators or org units moves the epoch, and the next request loads them again.
 */

/** Entries kept per epoch; past this the memo starts again. */
const MAX_ENTRIES = 5_000;

export interface EpochMemo {
  /** the value under `key` for this epoch, loaded once (a failed load is not kept) */
  get<T>(epoch: string | null, key: string, load: () => Promise<T>): Promise<T>;
}

export function createEpochMemo(): EpochMemo {
  let current: string | null = null;
  const values = new Map<string, Promise<unknown>>();
  return {
    get<T>(epoch: string | null, key: string, load: () => Promise<T>): Promise<T> {
      if (epoch === null) return load();
      if (epoch !== current || values.size >= MAX_ENTRIES) {
        values.clear();
        current = epoch;
      }
      let value = values.get(key) as Promise<T> | undefined;
      if (!value) {
        value = load();
        values.set(key, value);
        value.catch(() => {
          if (values.get(key) === value) values.delete(key);
        });
      }
      return value;
    },
  };
}
