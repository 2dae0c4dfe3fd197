/**
 * The clustering: the nearest-neighbour chain against a plain O(n³) average linkage on random
 * vectors, duplicates, determinism, and clusterSentences on sentences officials write.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../eval/round';
import { clusterVectors, mmrSelect } from './cluster';
import { clusterSentences } from './clusters';
import type { SparseVector } from './features';

function randomVectors(n: number, dims: number, nnz: number, seed: number): SparseVector[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const ids = new Set<number>();
    while (ids.size < nnz) ids.add(Math.floor(rnd() * dims));
    const sorted = [...ids].sort((a, b) => a - b);
    const weights = sorted.map(() => rnd() + 0.05);
    const norm = Math.sqrt(weights.reduce((s, w) => s + w * w, 0));
    return { ids: Int32Array.from(sorted), weights: Float64Array.from(weights.map((w) => w / norm)) };
  });
}

function dot(a: SparseVector, b: SparseVector): number {
  const m = new Map<number, number>();
  a.ids.forEach((id, k) => {
    m.set(id, a.weights[k]!);
  });
  let s = 0;
  b.ids.forEach((id, k) => {
    s += (m.get(id) ?? 0) * b.weights[k]!;
  });
  return s;
}

/** The textbook algorithm: merge the two clusters of highest mean pairwise similarity, while ≥ t. */
function naiveAverageLinkage(vectors: SparseVector[], threshold: number): number[][] {
  let clusters = vectors.map((_, i) => [i]);
  for (;;) {
    let best: [number, number] | null = null;
    let bestSim = -Infinity;
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        let sum = 0;
        for (const i of clusters[a]!) for (const j of clusters[b]!) sum += dot(vectors[i]!, vectors[j]!);
        const avg = sum / (clusters[a]!.length * clusters[b]!.length);
        if (avg > bestSim) {
          bestSim = avg;
          best = [a, b];
        }
      }
    }
    if (!best || bestSim < threshold) break;
    const [a, b] = best;
    clusters = [
      ...clusters.filter((_, k) => k !== a && k !== b),
      [...clusters[a]!, ...clusters[b]!].sort((x, y) => x - y),
    ];
  }
  return clusters;
}

const canonical = (groups: number[][]) => groups.map((g) => g.join(',')).sort();

describe('clusterVectors', () => {
  it('gives the same partition as the textbook average linkage, at several thresholds', () => {
    for (const seed of [1, 2, 3]) {
      const vectors = randomVectors(30, 25, 4, seed);
      for (const threshold of [0.05, 0.15, 0.3, 0.5]) {
        const fast = clusterVectors(vectors, { threshold, duplicateThreshold: 1 });
        expect(canonical(fast), `seed ${seed}, threshold ${threshold}`).toEqual(
          canonical(naiveAverageLinkage(vectors, threshold)),
        );
      }
    }
  });

  it('keeps exact and near-duplicates together and counts them in the average', () => {
    const [a, b, c] = randomVectors(3, 50, 5, 9);
    const nearA: SparseVector = { ids: a!.ids, weights: a!.weights.map((w, k) => (k === 0 ? w * 1.05 : w)) };
    const groups = clusterVectors([a!, b!, a!, nearA, c!], { threshold: 0.99, duplicateThreshold: 0.95 });
    expect(canonical(groups)).toEqual(canonical([[0, 2, 3], [1], [4]]));
  });

  it('puts every item in exactly one group, one group at threshold 0, singletons above 1', () => {
    const vectors = randomVectors(30, 10, 3, 11);
    expect(clusterVectors(vectors, { threshold: 0, duplicateThreshold: 1 })).toHaveLength(1);
    const apart = clusterVectors(vectors, { threshold: 1, duplicateThreshold: 1 });
    expect(apart.flat().sort((x, y) => x - y)).toEqual(vectors.map((_, i) => i));
    expect(clusterVectors([], { threshold: 0.2, duplicateThreshold: 0.9 })).toEqual([]);
  });
});

describe('mmrSelect', () => {
  it('picks the most central item first, then a different one over its near-copy', () => {
    const v = (ids: number[], weights: number[]): SparseVector => {
      const n = Math.hypot(...weights);
      return { ids: Int32Array.from(ids), weights: Float64Array.from(weights.map((w) => w / n)) };
    };
    // 0 and 1 are nearly the same; 2 points elsewhere; 0 is the most central
    const vectors = [v([0, 1, 2], [1, 1, 0.6]), v([0, 1, 2], [1, 1, 0.5]), v([1, 2], [0.2, 1])];
    expect(mmrSelect(vectors, [0, 1, 2], 2, 0.5)).toEqual([0, 2]);
    expect(mmrSelect(vectors, [0, 1, 2], 2, 1)).toEqual([0, 1]);
  });
});

const SENTENCES = [
  { id: 's1', text: 'Kinh phí bố trí cho chuyển đổi số còn rất hạn hẹp.' },
  { id: 's2', text: 'Ngân sách xã không đủ để chi cho các nhiệm vụ chuyển đổi số.' },
  { id: 's3', text: 'Chưa được giao dự toán riêng cho nhiệm vụ này.' },
  { id: 's4', text: 'Đường truyền internet tại trụ sở thường xuyên mất kết nối.' },
  { id: 's5', text: 'Nhiều thôn vùng cao vẫn là vùng lõm sóng.' },
  { id: 's6', text: 'Xã chưa có cán bộ chuyên trách, công chức phải kiêm nhiệm.' },
  { id: 's7', text: 'Biên chế không có vị trí việc làm về công nghệ thông tin.' },
  { id: 's8', text: 'Kinh phí bố trí cho chuyển đổi số còn rất hạn hẹp.' },
];

describe('clusterSentences', () => {
  it('groups sentences by theme, labels them with the lexicon, every id once', () => {
    const clusters = clusterSentences(SENTENCES);
    const byId = new Map(clusters.flatMap((c) => c.ids.map((id) => [id, c] as const)));
    expect(clusters.flatMap((c) => c.ids).sort()).toEqual(SENTENCES.map((s) => s.id).sort());
    expect(byId.get('s1')!.ids).toEqual(['s1', 's2', 's3', 's8']);
    expect(byId.get('s1')!.label).toBe('Kinh phí, nguồn vốn');
    expect(byId.get('s1')!.conceptKey).toBe('FUNDING');
    expect(byId.get('s4')!.ids).toEqual(['s4', 's5']);
    expect(byId.get('s6')!.ids).toEqual(['s6', 's7']);
    for (const c of clusters) for (const r of c.representativeIds) expect(c.ids).toContain(r);
  });

  it('gives the same clusters whatever the input order', () => {
    const reversed = [...SENTENCES].reverse();
    expect(clusterSentences(reversed)).toEqual(clusterSentences(SENTENCES));
  });

  it('refuses duplicate ids and bad options', () => {
    expect(() => clusterSentences([SENTENCES[0]!, SENTENCES[0]!])).toThrow(/duplicate sentence id/);
    expect(() => clusterSentences(SENTENCES, { threshold: 2 })).toThrow(RangeError);
  });
});
