/**
 * The evaluation at small scale, as CI runs it (`npm run eval:synthesis -- --small` prints the same):
 * every other theme of our labelled set, the default settings. Thresholds of issue 13.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, smallSubset } from './evaluate';
import { LABELLED, THEMES } from './round';

describe('synthesis evaluation (small)', () => {
  it('has a labelled set of ≥ 150 sentences over ≥ 10 themes, ids unique', () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(150);
    expect(new Set(LABELLED.map((s) => s.theme)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(LABELLED.map((s) => s.id)).size).toBe(LABELLED.length);
    expect(new Set(LABELLED.map((s) => s.theme))).toEqual(new Set(THEMES));
  });

  it('reaches purity ≥ 0.85 without splitting themes into singletons, every draft sentence traceable', () => {
    const report = evaluate({ small: true });
    expect(report.byKind.sentences).toBe(smallSubset().length);
    expect(report.byKind.purity).toBeGreaterThanOrEqual(0.85);
    // purity alone rewards singletons: the themes must also stay together and the ARI be real
    expect(report.byKind.inversePurity).toBeGreaterThanOrEqual(0.6);
    expect(report.byKind.ari).toBeGreaterThanOrEqual(0.5);
    expect(report.roundClustering.purity).toBeGreaterThanOrEqual(0.8);
    expect(report.traceability.draftSentences).toBeGreaterThan(10);
    expect(report.traceability.problems).toEqual([]);
  });
});
