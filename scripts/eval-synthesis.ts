/**
 * `npm run eval:synthesis [-- --small] [-- --threshold=0.2 --concept-weight=2]`: the evaluation of
 * the offline synthesis engine (issue 13) on our labelled sentences
 * (server/modules/synthesis/eval/labelled-sentences.json): clustering purity, inverse purity,
 * adjusted Rand index and cluster count against the themes, and the traceability of a draft.
 * Prints Markdown; exits 1 when purity < 0.85 or a draft sentence is not traceable.
 */
import { DEFAULT_CLUSTER_OPTIONS } from '../server/modules/synthesis/engine';
import type { ClusterOptions } from '../server/modules/synthesis/engine/types';
import type { ClusteringFigures } from '../server/modules/synthesis/eval/evaluate';
import { evaluate, WITHOUT_LEXICON_THRESHOLD } from '../server/modules/synthesis/eval/evaluate';

const PURITY_TARGET = 0.85;
const args = process.argv.slice(2);
const small = args.includes('--small');
const numberArg = (name: string) => {
  const raw = args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    console.error(`--${name} must be a number`);
    process.exit(2);
  }
  return n;
};
const cluster: ClusterOptions = {
  threshold: numberArg('threshold'),
  duplicateThreshold: numberArg('duplicate-threshold'),
  conceptWeight: numberArg('concept-weight'),
  bigramWeight: numberArg('bigram-weight'),
};

const started = performance.now();
const report = evaluate({ small, cluster });
const ms = Math.round(performance.now() - started);
const f = (x: number) => x.toFixed(3);
const row = (name: string, r: ClusteringFigures) =>
  `| ${name} | ${r.sentences} | ${r.themes} | ${r.clusters} (${r.multiClusters} of ≥ 2) | ${f(r.purity)} | ${f(r.inversePurity)} | ${f(r.ari)} |`;
const used = {
  ...DEFAULT_CLUSTER_OPTIONS,
  ...Object.fromEntries(Object.entries(cluster).filter(([, v]) => v !== undefined)),
};

console.log(`## Synthesis evaluation${small ? ' (small: every other theme)' : ''}\n`);
console.log(`Settings: ${JSON.stringify(used)}\n`);
console.log('| clustering | sentences | themes | clusters | purity | inverse purity | ARI |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(row('obstacles and proposals apart (as the rounds do)', report.byKind));
console.log(row('all together (as the CLI does)', report.together));
console.log(
  row(
    `apart, without the lexicon (syllables only, threshold ${WITHOUT_LEXICON_THRESHOLD})`,
    report.withoutLexicon,
  ),
);
console.log(row(`generated round, varied wording (${report.round.reports} reports)`, report.roundClustering));
const t = report.traceability;
console.log(
  `\nTraceability: ${t.traceable}/${t.draftSentences} draft sentences traceable (a round of ${report.round.reports} reports, ${report.round.sentences} sentences).`,
);
for (const p of t.problems.slice(0, 20)) console.log(`- ${p}`);
console.log(`\n${ms} ms.`);
const ok = report.byKind.purity >= PURITY_TARGET && t.problems.length === 0 && t.draftSentences > 0;
if (!ok) {
  console.error(`\nFAILED: purity target ${PURITY_TARGET}, every draft sentence traceable.`);
  process.exit(1);
}
