/**
 * Evidence on local disk: DIR/ab/cd/<sha256>. Written to a temporary name and renamed, so a crash
 * never leaves half a file under a real address.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type EvidenceStore, evidenceKey, sha256Of } from './store';

export function createDiskStore(dir: string): EvidenceStore {
  const location = (sha256: string) => path.join(dir, ...evidenceKey(sha256).split('/'));
  return {
    description: `disk ${dir}`,
    async put(content) {
      const sha256 = sha256Of(content);
      const target = location(sha256);
      if (fs.existsSync(target)) return { sha256, size: content.length, created: false };
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.promises.writeFile(temporary, content, { flag: 'wx' });
      await fs.promises.rename(temporary, target);
      return { sha256, size: content.length, created: true };
    },
    async remove(sha256) {
      await fs.promises.rm(location(sha256), { force: true });
    },
    async open(sha256) {
      // Opened before answering, so a missing file is a 500 problem rather than a cut-off download.
      const handle = await fs.promises.open(location(sha256), 'r');
      return handle.createReadStream();
    },
  };
}
