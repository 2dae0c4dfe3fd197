/**
 * `npm run synthesis:cluster -- FILE.json [--threshold=0.25]`: clusters any set of sentences with
 * the code and default settings the reporting rounds use (issue 13, server/modules/synthesis/engine).
 * Reads `[{"id": "…", "text": "…"}]`, prints `[{"label": "…", "ids": ["…"]}]` on stdout: every id in
 * exactly one cluster, largest clusters first. A missing or malformed file: a message naming the
 * problem on stderr and exit code 2.
 */
import fs from 'node:fs';
import { clusterSentences } from '../server/modules/synthesis/engine';
import { parseSentenceFile } from '../server/modules/synthesis/engine/input';

/** 3,000 sentences take well under 1 MB; past this the file is not a set of sentences. */
const MAX_BYTES = 32 * 1024 * 1024;

function fail(message: string): never {
  console.error(`synthesis:cluster: ${message}`);
  console.error('Usage: npm run synthesis:cluster -- FILE.json [--threshold=0..1]');
  process.exit(2);
}

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
if (files.length !== 1) fail('give exactly one JSON file.');
let threshold: number | undefined;
for (const a of args.filter((x) => x.startsWith('--'))) {
  const m = a.match(/^--threshold=(.+)$/);
  if (!m) fail(`unknown option ${a}.`);
  threshold = Number(m[1]);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1)
    fail('--threshold must be a number from 0 to 1.');
}

const file = files[0]!;
let stat: fs.Stats;
try {
  stat = fs.statSync(file);
} catch {
  fail(`cannot read ${file}: no such file.`);
}
if (!stat.isFile()) fail(`${file} is not a file.`);
if (stat.size > MAX_BYTES) fail(`${file} is larger than ${MAX_BYTES / 1024 / 1024} MB.`);

const parsed = parseSentenceFile(fs.readFileSync(file, 'utf8'));
if (!parsed.ok) fail(`${file}: ${parsed.error}.`);

const clusters = clusterSentences(parsed.sentences, threshold === undefined ? undefined : { threshold });
console.log(
  JSON.stringify(
    clusters.map((c) => ({ label: c.label, ids: c.ids })),
    null,
    2,
  ),
);
