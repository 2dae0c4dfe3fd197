import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Writes a bench report as JSON, formatted as the repository's Biome config wants (results are committed). */
export function writeBenchResult(outFile: string, report: unknown): void {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  spawnSync(path.join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', outFile], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}
