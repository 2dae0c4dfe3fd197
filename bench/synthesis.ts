/**
 * `npm run bench:synthesis [-- --out=FILE]`: the offline synthesis of issue 13 on a round of 150
 * unit reports and 3,000 sentences (a third results, the rest obstacles and proposals), generated
 * deterministically from our labelled set with varied wording (server/modules/synthesis/eval/round.ts).
 * Times draftSynthesis whole and the clustering alone (obstacles and proposals, as the draft does),
 * one warm-up then 3 runs each; and the worst case for the clustering, all 3,000 sentences at once
 * with every text distinct; and the peak RSS. Target: ≤ 10 s for the draft. Prints Markdown;
 * writes bench/results/<date>-synthesis.json. No database, no server.
 */
import { clusterSentences, draftSynthesis } from '../server/modules/synthesis/engine';
import { generateRound } from '../server/modules/synthesis/eval/round';
import { writeBenchResult } from './results';
import { describeMachine, machine, resultFile } from './server-setup';

const REPORTS = 150;
const PER_REPORT = 20;
const RUNS = 3;
const TARGET_MS = 10_000;

const outArg = process.argv.find((a) => a.startsWith('--out='))?.slice(6);
const round = generateRound({ reports: REPORTS, perReport: PER_REPORT, seed: 2026 });
const sentences = round.sentences;
const distinct = new Set(sentences.map((s) => s.text)).size;

function time(fn: () => void): number[] {
  fn(); // warm-up: JIT and lexicon compilation
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    out.push(Math.round(performance.now() - t0));
  }
  return out;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let draft = draftSynthesis({ sentences, unitCount: REPORTS });
const draftMs = time(() => {
  draft = draftSynthesis({ sentences, unitCount: REPORTS });
});
const obstacles = sentences.filter((s) => s.kind === 'obstacle');
const proposals = sentences.filter((s) => s.kind === 'proposal');
const clusterMs = time(() => {
  clusterSentences(obstacles);
  clusterSentences(proposals);
});
// worst case for the clustering: 3,000 sentences, every text distinct (each names its unit), at once
const stress = sentences.map((s) => ({
  id: s.id,
  text: `${s.text.replace(/\.$/, '')} tại ${s.unitName.replace(/^UBND /, '')}.`,
}));
const stressDistinct = new Set(stress.map((s) => s.text)).size;
let stressClusters = 0;
const stressMs = time(() => {
  stressClusters = clusterSentences(stress).length;
});
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const draftSentences = draft.sections.reduce((n, s) => n + s.sentences.length, 0);
const m = machine();

const report = {
  bench: 'synthesis',
  date: new Date().toISOString(),
  machine: m,
  round: {
    reports: REPORTS,
    sentences: sentences.length,
    distinctTexts: distinct,
    obstacles: obstacles.length,
    proposals: proposals.length,
    results: sentences.length - obstacles.length - proposals.length,
  },
  draftSynthesisMs: { runs: draftMs, median: median(draftMs) },
  clusteringMs: { runs: clusterMs, median: median(clusterMs) },
  clusteringAllDistinctMs: {
    sentences: stress.length,
    distinctTexts: stressDistinct,
    clusters: stressClusters,
    runs: stressMs,
    median: median(stressMs),
  },
  peakRssMb,
  output: { sections: draft.sections.length, sentences: draftSentences, clusters: draft.clusters.length },
  targetMs: TARGET_MS,
  withinTarget: median(draftMs) <= TARGET_MS && median(stressMs) <= TARGET_MS,
};

console.log('## Synthesis bench (issue 13)\n');
console.log(
  `Round: ${REPORTS} reports, ${sentences.length} sentences (${distinct} distinct texts): ${obstacles.length} obstacles, ${proposals.length} proposals, ${report.round.results} results.\n`,
);
console.log('| step | runs (ms) | median (ms) | target |');
console.log('| --- | --- | ---: | ---: |');
console.log(`| draftSynthesis (whole draft) | ${draftMs.join(', ')} | ${median(draftMs)} | ≤ ${TARGET_MS} |`);
console.log(
  `| clustering alone (obstacles + proposals) | ${clusterMs.join(', ')} | ${median(clusterMs)} | |`,
);
console.log(
  `| clustering ${stress.length} sentences at once, ${stressDistinct} distinct (worst case) | ${stressMs.join(', ')} | ${median(stressMs)} | ≤ ${TARGET_MS} |`,
);
console.log(
  `\nPeak RSS: ${peakRssMb} MB. Draft: ${draft.sections.length} sections, ${draftSentences} sentences, ${draft.clusters.length} clusters.`,
);
console.log(
  `\n${describeMachine(m)}; load average ${m.loadAverage['1min']} / ${m.loadAverage['5min']} / ${m.loadAverage['15min']} (1/5/15 min).`,
);
const out = resultFile(outArg, `${report.date.slice(0, 10)}-synthesis.json`);
writeBenchResult(out, report);
console.log(`\nWritten to ${out}.`);
if (!report.withinTarget) process.exitCode = 1;
