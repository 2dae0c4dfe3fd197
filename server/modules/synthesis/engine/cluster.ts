/**
 * Average-linkage hierarchical clustering of sentence vectors, cut at a similarity threshold.
 *
 * 1. Exact duplicates (same vector) become one item; near-duplicates (cosine ≥ duplicateThreshold)
 *    are grouped at once. Their pairwise similarities are summed into the group's row, so the
 *    average linkage that follows is exact, only over fewer rows.
 * 2. The nearest-neighbour chain algorithm (average linkage is reducible) on a dense similarity
 *    matrix built from an inverted index: O(n²) time and memory (3,000 rows: 36 MB of float32).
 *    When the head of the chain has no neighbour at or above the threshold, no later merge can bring
 *    one (merging only averages similarities), so the whole chain is final and leaves the matrix.
 * Deterministic: items are ordered by id, ties go to the lower index (the chain's previous element
 * first, which also guarantees the chain ends).
 */
import { centroid, cosine, type SparseVector } from './features';

export interface HacOptions {
  threshold: number;
  duplicateThreshold: number;
}

/** Groups of item indices (each sorted ascending), every index in exactly one group. */
export function clusterVectors(vectors: SparseVector[], options: HacOptions): number[][] {
  const n = vectors.length;
  if (n === 0) return [];

  // 1a. exact duplicates: one leader per distinct vector, the lowest index
  const leaderOfKey = new Map<string, number>();
  const leaders: number[] = [];
  const membersOfLeader: number[][] = [];
  for (let i = 0; i < n; i++) {
    const v = vectors[i]!;
    const key = `${v.ids.join(',')}|${Array.from(v.weights, (w) => w.toFixed(9)).join(',')}`;
    const l = leaderOfKey.get(key);
    if (l === undefined) {
      leaderOfKey.set(key, leaders.length);
      leaders.push(i);
      membersOfLeader.push([i]);
    } else membersOfLeader[l]!.push(i);
  }
  const m = leaders.length;

  // similarities between distinct vectors through an inverted index (only shared features count)
  const sim = new Float32Array(m * m);
  // postings as flat typed arrays, items ascending within each feature
  const featureCount = new Map<number, number>();
  for (let a = 0; a < m; a++) {
    for (const id of vectors[leaders[a]!]!.ids) featureCount.set(id, (featureCount.get(id) ?? 0) + 1);
  }
  const postings = new Map<number, { items: Int32Array; weights: Float64Array; length: number }>();
  for (const [id, count] of featureCount) {
    postings.set(id, { items: new Int32Array(count), weights: new Float64Array(count), length: 0 });
  }
  for (let a = 0; a < m; a++) {
    const v = vectors[leaders[a]!]!;
    for (let k = 0; k < v.ids.length; k++) {
      const p = postings.get(v.ids[k]!)!;
      p.items[p.length] = a;
      p.weights[p.length++] = v.weights[k]!;
    }
  }
  const acc = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    const v = vectors[leaders[a]!]!;
    acc.fill(0, a + 1);
    for (let k = 0; k < v.ids.length; k++) {
      const w = v.weights[k]!;
      const { items, weights } = postings.get(v.ids[k]!)!;
      // only the items after a: walk the ascending list from its end
      for (let p = items.length - 1; p >= 0; p--) {
        const b = items[p]!;
        if (b <= a) break;
        acc[b]! += w * weights[p]!;
      }
    }
    const row = a * m;
    for (let b = a + 1; b < m; b++) sim[row + b] = acc[b]!;
    sim[row + a] = 1;
  }
  // mirror the upper triangle, in blocks to stay within the cache
  const BLOCK = 64;
  for (let i0 = 0; i0 < m; i0 += BLOCK) {
    for (let j0 = i0; j0 < m; j0 += BLOCK) {
      const iEnd = Math.min(i0 + BLOCK, m);
      const jEnd = Math.min(j0 + BLOCK, m);
      for (let i = i0; i < iEnd; i++) {
        for (let j = Math.max(j0, i + 1); j < jEnd; j++) sim[j * m + i] = sim[i * m + j]!;
      }
    }
  }

  // 1b. near-duplicates: union-find over pairs at or above the duplicate threshold
  const parent = Int32Array.from({ length: m }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      if (sim[a * m + b]! >= options.duplicateThreshold) {
        const ra = find(a);
        const rb = find(b);
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
  }
  const groupOf = new Int32Array(m);
  const groupRoots: number[] = [];
  const rootToGroup = new Map<number, number>();
  for (let a = 0; a < m; a++) {
    const r = find(a);
    let g = rootToGroup.get(r);
    if (g === undefined) {
      g = groupRoots.length;
      rootToGroup.set(r, g);
      groupRoots.push(r);
    }
    groupOf[a] = g;
  }
  const g = groupRoots.length;
  // size of each group in sentences (exact duplicates count), and the summed similarities between
  // groups in sentence pairs: average linkage is sum / (size × size)
  const size = new Float64Array(g);
  for (let a = 0; a < m; a++) size[groupOf[a]!]! += membersOfLeader[a]!.length;
  let S: Float32Array;
  if (g === m) {
    // no near-duplicates: the leader matrix is already the average linkage between distinct vectors
    S = sim;
  } else {
    const sums = new Float64Array(g * g);
    for (let a = 0; a < m; a++) {
      const ga = groupOf[a]!;
      const wa = membersOfLeader[a]!.length;
      for (let b = 0; b < m; b++) {
        const gb = groupOf[b]!;
        if (ga !== gb) sums[ga * g + gb]! += wa * membersOfLeader[b]!.length * sim[a * m + b]!;
      }
    }
    S = new Float32Array(g * g);
    for (let x = 0; x < g; x++) {
      for (let y = 0; y < g; y++) S[x * g + y] = x === y ? 1 : sums[x * g + y]! / (size[x]! * size[y]!);
    }
  }

  // 2. nearest-neighbour chain, average linkage by the Lance–Williams update
  const active = new Uint8Array(g).fill(1);
  let activeList = Array.from({ length: g }, (_, i) => i);
  const clusterParent = Int32Array.from({ length: g }, (_, i) => i);
  let remaining = g;
  const chain: number[] = [];
  const retire = (x: number) => {
    active[x] = 0;
    remaining--;
  };
  while (remaining > 1) {
    if (chain.length === 0) {
      activeList = activeList.filter((x) => active[x] === 1);
      chain.push(activeList[0]!);
    }
    const a = chain[chain.length - 1]!;
    const prev = chain.length >= 2 ? chain[chain.length - 2]! : -1;
    let best = prev;
    let bestSim = prev >= 0 ? S[a * g + prev]! : -Infinity;
    const row = a * g;
    for (const c of activeList) {
      if (c === a || active[c] === 0) continue;
      const s = S[row + c]!;
      if (s > bestSim) {
        bestSim = s;
        best = c;
      }
    }
    if (best < 0 || bestSim < options.threshold) {
      // nothing reachable above the threshold from any cluster of the chain: all final
      for (const x of chain) retire(x);
      chain.length = 0;
      continue;
    }
    if (best !== prev) {
      chain.push(best);
      continue;
    }
    chain.length -= 2;
    const keep = Math.min(a, best);
    const drop = Math.max(a, best);
    const sk = size[keep]!;
    const sd = size[drop]!;
    for (const c of activeList) {
      if (active[c] === 0 || c === keep || c === drop) continue;
      const s = (sk * S[keep * g + c]! + sd * S[drop * g + c]!) / (sk + sd);
      S[keep * g + c] = s;
      S[c * g + keep] = s;
    }
    size[keep] = sk + sd;
    clusterParent[drop] = keep;
    active[drop] = 0;
    remaining--;
  }

  const rootOf = (x: number): number => {
    while (clusterParent[x] !== x) x = clusterParent[x]!;
    return x;
  };
  const byRoot = new Map<number, number[]>();
  for (let a = 0; a < m; a++) {
    const root = rootOf(groupOf[a]!);
    const list = byRoot.get(root) ?? [];
    list.push(...membersOfLeader[a]!);
    byRoot.set(root, list);
  }
  return [...byRoot.values()].map((list) => list.sort((x, y) => x - y));
}

/**
 * Up to k members by maximal marginal relevance: close to the cluster's centroid, unlike those
 * already chosen; near-copies of a chosen one are left out. Ties go to the lower index.
 */
export function mmrSelect(
  vectors: SparseVector[],
  members: number[],
  k: number,
  lambda: number,
  /** a candidate this similar to one already chosen says the same thing again: never chosen */
  duplicateThreshold = Number.POSITIVE_INFINITY,
): number[] {
  if (members.length === 0 || k <= 0) return [];
  const center = centroid(members.map((i) => vectors[i]!));
  const relevance = members.map((i) => cosine(vectors[i]!, center));
  const chosen: number[] = [];
  const maxSimToChosen = members.map(() => 0);
  while (chosen.length < Math.min(k, members.length)) {
    let best = -1;
    let bestScore = -Infinity;
    members.forEach((item, p) => {
      if (chosen.includes(item) || maxSimToChosen[p]! >= duplicateThreshold) return;
      const score = lambda * relevance[p]! - (1 - lambda) * maxSimToChosen[p]!;
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    });
    if (best < 0) break;
    const item = members[best]!;
    chosen.push(item);
    members.forEach((other, p) => {
      maxSimToChosen[p] = Math.max(maxSimToChosen[p]!, cosine(vectors[other]!, vectors[item]!));
    });
  }
  return chosen;
}
