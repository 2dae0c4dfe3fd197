/** "Today" in Vietnam (UTC+7), injectable so tests can pin the date that statuses derive from. */
export interface Clock {
  /** YYYY-MM-DD */
  today(): string;
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Vietnam (YYYY-MM-DD) of an instant: epoch milliseconds or an ISO timestamp. */
export const vietnamDateOf = (instant: number | string) =>
  new Date((typeof instant === 'number' ? instant : Date.parse(instant)) + VIETNAM_OFFSET_MS)
    .toISOString()
    .slice(0, 10);

export const systemClock: Clock = {
  today: () => vietnamDateOf(Date.now()),
};

export const fixedClock = (date: string): Clock => ({ today: () => date });
