import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from './concurrency';

/** A task that runs until the test releases it, and records when it starts. */
function gate(started: number[], id: number) {
  let release!: (value: number) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<number>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  const task = () => {
    started.push(id);
    return done;
  };
  return { task, release: () => release(id), fail };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrencyLimit', () => {
  it('runs at most `limit` tasks at once, the others in the order they came', async () => {
    const limited = concurrencyLimit(2);
    const started: number[] = [];
    const gates = [1, 2, 3, 4, 5].map((id) => gate(started, id));
    const results = gates.map((g) => limited(g.task));
    await settle();
    expect(started).toEqual([1, 2]);

    gates[1]!.release();
    await settle();
    expect(started).toEqual([1, 2, 3]);

    gates[0]!.release();
    gates[2]!.release();
    await settle();
    expect(started).toEqual([1, 2, 3, 4, 5]);

    gates[3]!.release();
    gates[4]!.release();
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
  });

  it('frees the slot of a failed task and gives its caller the error', async () => {
    const limited = concurrencyLimit(1);
    const started: number[] = [];
    const first = gate(started, 1);
    const second = gate(started, 2);
    const failed = limited(first.task);
    const next = limited(second.task);
    await settle();
    expect(started).toEqual([1]);

    first.fail(new Error('boom'));
    await expect(failed).rejects.toThrow('boom');
    await settle();
    expect(started).toEqual([1, 2]);
    second.release();
    expect(await next).toBe(2);

    // the slot is free again: a new task starts at once
    const third = gate(started, 3);
    const last = limited(third.task);
    await settle();
    expect(started).toEqual([1, 2, 3]);
    third.release();
    expect(await last).toBe(3);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => concurrencyLimit(0)).toThrow(RangeError);
    expect(() => concurrencyLimit(1.5)).toThrow(RangeError);
  });
});
