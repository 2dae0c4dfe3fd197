/**
 * `npm run synthesis:cluster -- FILE.json [--threshold=0.25]`: clusters any set of sentences with
 * the code and default settings the reporting rounds use (issue 13, server/modules/synthesis/engine).
 * Reads `[{"id": "…", "text": "…"}]`, prints `[{"label": "…", "ids": ["…"]}]` on stdout: every id in
 * exactly one cluster, largest clusters first. A missing or malformed file: a message naming the
 * problem on stderr and exit code 2.
 */
import fs from 'node:fs';
import { clusterSentences } from '../server/modules/synthesis/engine';

/** 3,000 sentences take well under 1 MB; past this the file is not a set of sentences. */
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_SENTENCES = 20_000;

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

let data: unknown;
try {
  data = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  fail(`${file} is not valid JSON (${(e as Error).message}).`);
}
if (!Array.isArray(data)) fail('the file must hold a JSON array of {"id": "…", "text": "…"}.');
if (data.length > MAX_SENTENCES) fail(`at most ${MAX_SENTENCES} sentences, the file has ${data.length}.`);
const seen = new Set<string>();
const sentences = data.map((item: unknown, i: number) => {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) fail(`item ${i} is not an object.`);
  const { id, text } = item as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0) fail(`item ${i}: "id" must be a non-empty string.`);
  if (typeof text !== 'string') fail(`item ${i} (id ${id}): "text" must be a string.`);
  if (seen.has(id)) fail(`item ${i}: id ${JSON.stringify(id)} appears twice.`);
  seen.add(id);
  return { id, text };
});

const clusters = clusterSentences(sentences, threshold === undefined ? undefined : { threshold });
console.log(
  JSON.stringify(
    clusters.map((c) => ({ label: c.label, ids: c.ids })),
    null,
    2,
  ),
);
