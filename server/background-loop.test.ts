import { describe, expect, it } from 'vitest';
import { startBackgroundLoop } from './background-loop';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const until = async (check: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('a background loop while the database is down', () => {
  it('warns once, backs off, reports no fault, and resumes when the database is back', async () => {
    const runsAt: number[] = [];
    const warnings: string[] = [];
    const faults: unknown[] = [];
    let down = true;
    const stop = startBackgroundLoop({
      name: 'Thử',
      intervalMs: 20,
      firstDelayMs: 0,
      onError: (error) => faults.push(error),
      warn: (message) => warnings.push(message),
      run: async () => {
        runsAt.push(Date.now());
        if (down) throw refused();
        return 20;
      },
    });
    try {
      await until(() => runsAt.length >= 5);
      down = false;
      const failedRuns = runsAt.length;
      await until(() => runsAt.length >= failedRuns + 2);
    } finally {
      await stop();
    }
    expect(faults).toEqual([]);
    // the pauses double while it is down (20, 40, 80, 160 ms)
    const gaps = runsAt.slice(1, 5).map((at, i) => at - runsAt[i]!);
    expect(gaps[3]!).toBeGreaterThanOrEqual(150);
    expect(gaps[3]!).toBeGreaterThan(gaps[0]! * 3);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('không truy cập được cơ sở dữ liệu');
    expect(warnings[1]).toContain('truy cập lại được');
  });

  it('reports any other failure as a fault and keeps its interval', async () => {
    const faults: unknown[] = [];
    let runs = 0;
    const stop = startBackgroundLoop({
      intervalMs: 10,
      firstDelayMs: 0,
      onError: (error) => faults.push(error),
      warn: () => {},
      run: async () => {
        runs++;
        throw new Error('a bug');
      },
    });
    await until(() => runs >= 3);
    await stop();
    expect(faults.length).toBeGreaterThanOrEqual(2);
  });
});
