/**
 * Clustering quality against gold labels. Both functions take two parallel arrays: the cluster each
 * item was put in, and its gold label.
 */

function contingency(
  predicted: readonly string[],
  gold: readonly string[],
): Map<string, Map<string, number>> {
  if (predicted.length !== gold.length) throw new Error('predicted and gold differ in length');
  const table = new Map<string, Map<string, number>>();
  predicted.forEach((p, i) => {
    const row = table.get(p) ?? new Map<string, number>();
    row.set(gold[i]!, (row.get(gold[i]!) ?? 0) + 1);
    table.set(p, row);
  });
  return table;
}

/** Share of items whose cluster's majority label is their own label (1 = every cluster pure). */
export function purity(predicted: readonly string[], gold: readonly string[]): number {
  if (predicted.length === 0) return 1;
  let sum = 0;
  for (const row of contingency(predicted, gold).values()) sum += Math.max(...row.values());
  return sum / predicted.length;
}

/** Purity with the roles swapped: 1 when every label is kept in one cluster (guards against singletons). */
export function inversePurity(predicted: readonly string[], gold: readonly string[]): number {
  return purity(gold, predicted);
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * Adjusted Rand index (Hubert & Arabie 1985): agreement on pairs of items, 1 for identical
 * partitions, about 0 for a random one (can be negative).
 */
export function adjustedRandIndex(predicted: readonly string[], gold: readonly string[]): number {
  const n = predicted.length;
  const table = contingency(predicted, gold);
  let index = 0;
  const goldCounts = new Map<string, number>();
  let predictedPairs = 0;
  for (const row of table.values()) {
    let rowSum = 0;
    for (const [label, c] of row) {
      index += pairs(c);
      rowSum += c;
      goldCounts.set(label, (goldCounts.get(label) ?? 0) + c);
    }
    predictedPairs += pairs(rowSum);
  }
  let goldPairs = 0;
  for (const c of goldCounts.values()) goldPairs += pairs(c);
  const total = pairs(n);
  if (total === 0) return 1;
  const expected = (predictedPairs * goldPairs) / total;
  const max = (predictedPairs + goldPairs) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
