/** Builds the web app when its output is missing or older than its sources (web/, common/). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function isWebBuildStale(): boolean {
  const index = path.join(ROOT, 'web/dist/index.html');
  return (
    !fs.existsSync(index) ||
    Math.max(newestMtime(path.join(ROOT, 'web')), newestMtime(path.join(ROOT, 'common'))) >
      fs.statSync(index).mtimeMs
  );
}

/** Runs `vite build` if needed; throws with the tail of vite's output when the build fails. */
export function ensureWebBuild(): { built: boolean; ms: number } {
  if (!isWebBuildStale()) return { built: false, ms: 0 };
  const started = performance.now();
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    // a production build whatever the caller's NODE_ENV: vitest sets it to "test", under which the
    // browser tests were served React's development build (3 times larger, and slower)
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the terminal colours of vite's report
    const plain = `${result.stdout}\n${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
    const tail = plain.trim().split('\n').slice(-40).join('\n');
    throw new Error(
      `Web build failed (npx vite build --config web/vite.config.ts, exit ${result.status}):\n${tail}`,
    );
  }
  return { built: true, ms: performance.now() - started };
}
