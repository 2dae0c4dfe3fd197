/** Known answers for purity and the adjusted Rand index, worked out by hand. */
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, inversePurity, purity } from './metrics';

describe('purity', () => {
  it('counts the majority label of each cluster', () => {
    // clusters {a,a,b} and {b,c}: majorities 2 + 1 over 5 items
    expect(purity(['1', '1', '1', '2', '2'], ['a', 'a', 'b', 'b', 'c'])).toBeCloseTo(3 / 5, 12);
    expect(purity(['x', 'x', 'y', 'y'], ['a', 'a', 'b', 'c'])).toBeCloseTo(0.75, 12);
    // singletons are pure by definition; inverse purity shows what they cost
    expect(purity(['1', '2', '3', '4'], ['a', 'a', 'b', 'b'])).toBe(1);
    expect(inversePurity(['1', '2', '3', '4'], ['a', 'a', 'b', 'b'])).toBe(0.5);
  });
});

describe('adjustedRandIndex', () => {
  it('is 1 for the same partition under other names', () => {
    expect(adjustedRandIndex(['x', 'x', 'y', 'y', 'z'], ['a', 'a', 'b', 'b', 'c'])).toBe(1);
  });
  it('matches hand-computed values', () => {
    // contingency {0:{0:2}, 1:{1:1, 2:1}}: index 1, row pairs 2, column pairs 1, 6 pairs in all;
    // expected 2·1/6 = 1/3, max 3/2 → (1 − 1/3) / (3/2 − 1/3) = 4/7
    expect(adjustedRandIndex(['0', '0', '1', '1'], ['0', '0', '1', '2'])).toBeCloseTo(4 / 7, 12);
    // {a:{x:2, y:1}, b:{y:1, z:2}}: index 2, row pairs 6, column pairs 3, 15 pairs; expected 1.2,
    // max 4.5 → 0.8 / 3.3
    expect(adjustedRandIndex(['a', 'a', 'a', 'b', 'b', 'b'], ['x', 'x', 'y', 'y', 'z', 'z'])).toBeCloseTo(
      0.8 / 3.3,
      12,
    );
  });
  it('goes below 0 for a partition worse than chance', () => {
    // pairs {1,2} and {3,4} against {1,3} and {2,4}: index 0, expected 2·2/6 → −0.5
    expect(adjustedRandIndex(['p', 'p', 'q', 'q'], ['a', 'b', 'a', 'b'])).toBeCloseTo(-0.5, 12);
  });
});
