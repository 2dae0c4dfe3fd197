/** "Today" in Vietnam (UTC+7), injectable so tests can pin the date that statuses derive from. */
export interface Clock {
  /** YYYY-MM-DD */
  today(): string;
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export const systemClock: Clock = {
  today: () => new Date(Date.now() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10),
};

export const fixedClock = (date: string): Clock => ({ today: () => date });
